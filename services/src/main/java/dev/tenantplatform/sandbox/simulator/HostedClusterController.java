package dev.tenantplatform.sandbox.simulator;

import dev.tenantplatform.kube.Kinds;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeAddress;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Plays k0smotron's controller of the {@code k0smotron.io} Cluster: in its order, the API Service (and the
 * external address), the ConfigMaps, the etcd certificates, Service and StatefulSet, the k0s StatefulSet, then
 * the kubeconfig Secret once a k0s pod is Ready. A NodePort already allocated elsewhere fails the Service,
 * as the API server would, and nothing after it is created.
 */
final class HostedClusterController implements Reconciler {

  static final String RECONCILED = "Reconciliation successful";
  static final String SERVICES_FAILED = "Failed reconciling services";

  private static final Logger LOG = LoggerFactory.getLogger(HostedClusterController.class);
  /** k0smotron requeues a failed reconciliation after a minute. */
  private static final Duration RETRY_FAILED = Duration.ofMinutes(1);

  private final Api api;
  private final Addresses addresses;
  /** The spec each hosted cluster's StatefulSets were last brought in line with, to skip rebuilding them. */
  private final Map<String, String> applied = new ConcurrentHashMap<>();

  HostedClusterController(Api api, Addresses addresses) {
    this.api = api;
    this.addresses = addresses;
  }

  @Override
  public String name() {
    return "k0smotron-cluster";
  }

  @Override
  public Result reconcile(ObjectKey key) {
    GenericKubernetesResource hosted = api.get(Kinds.K0SMOTRON_CLUSTER, key.namespace(), key.name());
    if (hosted == null || Api.deleting(hosted)) {
      return Result.DONE;
    }
    ControlPlaneSpec spec = ControlPlaneSpec.of(hosted);
    Service service = HostedClusterObjects.apiService(hosted, spec, addresses.clusterIp(key));
    boolean serviceExists = api.get(CoreKinds.SERVICE, key.namespace(), service.getMetadata().getName()) != null;
    Optional<String> conflict = serviceExists ? Optional.empty() : nodePortConflict(hosted, spec);
    if (conflict.isPresent()) {
      if (writeStatus(hosted, null, SERVICES_FAILED)) {
        LOG.warn("{}: {}: {}", key, SERVICES_FAILED, conflict.get());
      }
      return Result.after(RETRY_FAILED);
    }
    api.createIfAbsent(service);
    String address = spec.externalAddress();
    if (address == null || address.isEmpty()) {
      address = externalAddress(spec, service);
      if (address != null) {
        api.mergePatch(Kinds.K0SMOTRON_CLUSTER, key.namespace(), key.name(),
            Map.of("spec", Map.of("externalAddress", address)));
      }
    }
    if (!api.known(CoreKinds.CONFIG_MAP, key.namespace(), new K0smotronNames(key.name()).configMap())) {
      HostedClusterObjects.configMaps(hosted, spec).forEach(api::createIfAbsent);
    }
    if (address != null) {
      api.createIfAbsent(HostedClusterObjects.endpointConfigMap(hosted, address, spec.apiPort()));
    }
    ensureStatefulSets(key, hosted, spec);
    GenericKubernetesResource statefulSet = api.get(CoreKinds.STATEFUL_SET, key.namespace(),
        new K0smotronNames(key.name()).statefulSet());
    ensureKubeconfig(hosted, spec, address, statefulSet);
    writeStatus(hosted, statefulSet, RECONCILED);
    return Result.DONE;
  }

  /** The etcd certificates, Service and StatefulSet, then the k0s StatefulSet; skipped while nothing changed. */
  private void ensureStatefulSets(ObjectKey key, GenericKubernetesResource hosted, ControlPlaneSpec spec) {
    String specHash = HostedClusterSpec.hash(Fields.map(hosted, "spec"));
    if (specHash.equals(applied.get(Api.uid(hosted))) && statefulSetsKnown(key, spec)) {
      return;
    }
    if (spec.usesEtcd()) {
      for (String purpose : List.of("apiserver-etcd-client", "etcd-server", "etcd-peer")) {
        api.createIfAbsent(Certificates.secret(key.namespace(), key.name() + "-" + purpose, key.name(),
            HostedClusterLabels.component(hosted, "etcd"), hosted));
      }
      api.createIfAbsent(HostedClusterObjects.etcdService(hosted));
      apply(HostedClusterObjects.etcd(hosted, spec));
    }
    apply(HostedClusterObjects.controlPlane(hosted, spec));
    applied.put(Api.uid(hosted), specHash);
  }

  private boolean statefulSetsKnown(ObjectKey key, ControlPlaneSpec spec) {
    K0smotronNames names = new K0smotronNames(key.name());
    return api.known(CoreKinds.STATEFUL_SET, key.namespace(), names.statefulSet())
        && (!spec.usesEtcd() || api.known(CoreKinds.STATEFUL_SET, key.namespace(), names.etcdStatefulSet()));
  }

  @Override
  public void forget(String uid) {
    applied.remove(uid);
  }

  /** Another Service of the management cluster that already holds one of our node ports, described as the API server would. */
  private Optional<String> nodePortConflict(GenericKubernetesResource hosted, ControlPlaneSpec spec) {
    if (!"NodePort".equals(spec.serviceType())) {
      return Optional.empty();
    }
    String ours = new K0smotronNames(hosted.getMetadata().getName()).nodePortService();
    List<Integer> wanted = List.of(spec.apiPort(), spec.konnectivityPort());
    for (Service other : api.client().services().inAnyNamespace().list().getItems()) {
      boolean same = ours.equals(other.getMetadata().getName())
          && hosted.getMetadata().getNamespace().equals(other.getMetadata().getNamespace());
      if (same || other.getSpec() == null || other.getSpec().getPorts() == null) {
        continue;
      }
      for (ServicePort port : other.getSpec().getPorts()) {
        if (port.getNodePort() != null && wanted.contains(port.getNodePort())) {
          int index = wanted.indexOf(port.getNodePort());
          return Optional.of("Service \"" + ours + "\" is invalid: spec.ports[" + index + "].nodePort: Invalid value: "
              + port.getNodePort() + ": provided port is already allocated");
        }
      }
    }
    return Optional.empty();
  }

  /** LoadBalancer: the address the load balancer got; NodePort: a node's address; ClusterIP: none. */
  private String externalAddress(ControlPlaneSpec spec, Service service) {
    if ("LoadBalancer".equals(spec.serviceType())) {
      return addresses.loadBalancerIngress(api, service);
    }
    if ("NodePort".equals(spec.serviceType())) {
      return firstNodeAddress();
    }
    return null;
  }

  /** The first node's ExternalIP or ExternalDNS, else its first InternalIP ({@code util/nodes.go}). */
  private String firstNodeAddress() {
    List<Node> nodes = api.client().nodes().list().getItems();
    if (nodes.isEmpty() || nodes.get(0).getStatus() == null || nodes.get(0).getStatus().getAddresses() == null) {
      return null;
    }
    List<NodeAddress> nodeAddresses = nodes.get(0).getStatus().getAddresses();
    return nodeAddresses.stream().filter(a -> a.getType().equals("ExternalIP") || a.getType().equals("ExternalDNS"))
        .findFirst().or(() -> nodeAddresses.stream().filter(a -> a.getType().equals("InternalIP")).findFirst())
        .map(NodeAddress::getAddress).orElse(null);
  }

  /** Creates the StatefulSet, or brings its replicas and pod template in line with the hosted cluster's spec. */
  private void apply(StatefulSet wanted) {
    String namespace = wanted.getMetadata().getNamespace();
    String name = wanted.getMetadata().getName();
    GenericKubernetesResource current = api.get(CoreKinds.STATEFUL_SET, namespace, name);
    if (current == null) {
      api.createIfAbsent(wanted);
      LOG.debug("{}/{}: statefulset created", namespace, name);
      return;
    }
    Map<String, Object> wantedSpec = HostedClusterSpec.deepCopy(wanted.getSpec());
    boolean sameReplicas = Fields.number(current, -1, "spec", "replicas") == wanted.getSpec().getReplicas();
    boolean sameTemplate = Fields.sameJson(current.get("spec", "template"), wantedSpec.get("template"));
    if (!sameReplicas || !sameTemplate) {
      api.set(CoreKinds.STATEFUL_SET, namespace, name, "/spec/template", wantedSpec.get("template"));
      api.set(CoreKinds.STATEFUL_SET, namespace, name, "/spec/replicas", wanted.getSpec().getReplicas());
      LOG.info("{}/{}: statefulset updated to {} replicas", namespace, name, wanted.getSpec().getReplicas());
    }
  }

  /** Writes the admin kubeconfig once a k0s pod is Ready, as k0smotron execs {@code k0s kubeconfig create} in it. */
  private void ensureKubeconfig(GenericKubernetesResource hosted, ControlPlaneSpec spec, String address,
      GenericKubernetesResource statefulSet) {
    String namespace = hosted.getMetadata().getNamespace();
    K0smotronNames names = new K0smotronNames(hosted.getMetadata().getName());
    if (statefulSet == null || api.get(CoreKinds.SECRET, namespace, names.kubeconfigSecret()) != null) {
      return;
    }
    boolean anyReady = api.list(CoreKinds.POD, namespace, "cluster", hosted.getMetadata().getName()).stream()
        .filter(p -> Owners.ownedBy(p, statefulSet)).anyMatch(ControlPlaneStatus::podReady);
    if (anyReady) {
      String host = address != null ? address : names.clusterIpService() + "." + namespace + ".svc";
      api.createIfAbsent(HostedClusterObjects.kubeconfig(hosted, "https://" + host + ":" + spec.apiPort()));
      LOG.info("{}/{}: kubeconfig secret {} written", namespace, hosted.getMetadata().getName(),
          names.kubeconfigSecret());
    }
  }

  /** Writes the hosted cluster's status; returns whether it changed. */
  private boolean writeStatus(GenericKubernetesResource hosted, GenericKubernetesResource statefulSet,
      String reconciliation) {
    boolean kubeconfig = api.get(CoreKinds.SECRET, hosted.getMetadata().getNamespace(),
        new K0smotronNames(hosted.getMetadata().getName()).kubeconfigSecret()) != null;
    Map<String, Object> status = Fields.obj(
        "replicas", Fields.number(statefulSet, 0, "status", "replicas"),
        "readyReplicas", Fields.number(statefulSet, 0, "status", "readyReplicas"),
        "updatedReplicas", Fields.number(statefulSet, 0, "status", "updatedReplicas"),
        "selector", statefulSet == null ? null : selector(HostedClusterLabels.controlPlane(hosted)),
        "deprecated", Fields.obj("v1beta1", Fields.obj("ready", kubeconfig, "reconciliationStatus", reconciliation)));
    return api.writeStatus(Kinds.K0SMOTRON_CLUSTER, hosted, status);
  }

  private static String selector(Map<String, String> labels) {
    return labels.entrySet().stream().sorted(Map.Entry.comparingByKey())
        .map(e -> e.getKey() + "=" + e.getValue()).reduce((a, b) -> a + "," + b).orElse("");
  }
}
