package dev.tenantplatform.sandbox.simulator;

import dev.tenantplatform.kube.KubeKind;
import dev.tenantplatform.kube.Kinds;
import dev.tenantplatform.kube.Labels;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.OwnerReference;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Plays k0smotron's K0smotronControlPlane controller ({@code k0smotron_controlplane_controller.go}): waits for
 * CAPI's owner reference, generates the CA Secrets, creates the {@code k0smotron.io} Cluster from its spec,
 * publishes the endpoint to the infrastructure cluster and the CAPI Cluster, marks an infrastructure cluster
 * annotated {@code cluster.x-k8s.io/managed-by: k0smotron} provisioned, and computes its status from the pods.
 */
final class ControlPlaneController implements Reconciler {

  static final String FINALIZER = "k0smotron.controlplane.cluster.x-k8s.io";
  static final String CLUSTER_ID = "k0sproject.io/cluster-id";
  static final String MANAGED_BY_K0SMOTRON = "k0smotron";

  private static final Logger LOG = LoggerFactory.getLogger(ControlPlaneController.class);
  private static final List<String> CERTIFICATES = List.of("ca", "proxy", "sa", "etcd");

  private final Api api;
  private final Timeline timeline;

  ControlPlaneController(Api api, Timeline timeline) {
    this.api = api;
    this.timeline = timeline;
  }

  @Override
  public String name() {
    return "k0smotron-controlplane";
  }

  @Override
  public Result reconcile(ObjectKey key) {
    GenericKubernetesResource kcp = api.get(Kinds.K0SMOTRON_CONTROL_PLANE, key.namespace(), key.name());
    if (kcp == null) {
      return Result.DONE;
    }
    if (Api.deleting(kcp)) {
      return reconcileDelete(kcp);
    }
    if (kcp.getAdditionalProperties().get("status") == null) {
      api.writeStatus(Kinds.K0SMOTRON_CONTROL_PLANE, kcp, ControlPlaneStatus.crdDefault());
    }
    if (!kcp.getMetadata().getFinalizers().contains(FINALIZER)) {
      api.addFinalizer(Kinds.K0SMOTRON_CONTROL_PLANE, kcp, FINALIZER);
      return Result.DONE;
    }
    GenericKubernetesResource cluster = Owners.ownerOfKind(kcp, Kinds.CAPI, "Cluster")
        .map(ref -> api.get(Kinds.CLUSTER, key.namespace(), ref.getName())).orElse(null);
    if (cluster == null) {
      LOG.debug("{}: waiting for the Cluster controller to set the owner reference", key);
      return Result.DONE;
    }
    String clusterName = cluster.getMetadata().getName();
    for (String purpose : CERTIFICATES) {
      api.createIfAbsent(Certificates.secret(key.namespace(), new K0smotronNames(clusterName).certificateSecret(purpose),
          clusterName, Map.of(), kcp));
    }
    GenericKubernetesResource hosted = ensureHostedCluster(cluster, kcp);
    if (hosted == null) {
      return Result.DONE;
    }
    publishEndpoint(cluster, hosted);
    GenericKubernetesResource fresh = api.get(Kinds.K0SMOTRON_CONTROL_PLANE, key.namespace(), key.name());
    var status = ControlPlaneStatus.compute(api, fresh, cluster, hosted, timeline.now());
    boolean wasInitialized = Fields.bool(fresh, "status", "initialization", "controlPlaneInitialized");
    if (api.writeStatus(Kinds.K0SMOTRON_CONTROL_PLANE, fresh, status.fields()) && status.initialized()
        && !wasInitialized) {
      LOG.info("{}: control plane available, {} of {} replicas ready", key, status.fields().get("readyReplicas"),
          status.fields().get("replicas"));
    }
    if (status.initialized()) {
      markClusterId(cluster);
    }
    return Result.DONE;
  }

  /** Creates the k0smotron.io Cluster named like the CAPI Cluster, or brings its spec in line with ours. */
  private GenericKubernetesResource ensureHostedCluster(GenericKubernetesResource cluster,
      GenericKubernetesResource kcp) {
    String namespace = cluster.getMetadata().getNamespace();
    String name = cluster.getMetadata().getName();
    Map<String, Object> spec = HostedClusterSpec.from(kcp, cluster);
    GenericKubernetesResource hosted = api.get(Kinds.K0SMOTRON_CLUSTER, namespace, name);
    if (hosted == null) {
      OwnerReference owner = Owners.plain(kcp);
      GenericKubernetesResource created = new GenericKubernetesResourceBuilder()
          .withApiVersion(Kinds.K0SMOTRON_CLUSTER.apiVersion())
          .withKind(Kinds.K0SMOTRON_CLUSTER.kind())
          .withNewMetadata()
          .withName(name)
          .withNamespace(namespace)
          .addToLabels(Labels.CLUSTER_NAME, name)
          .addToAnnotations(HostedClusterSpec.HASH_ANNOTATION, HostedClusterSpec.hash(spec))
          .withOwnerReferences(owner)
          .endMetadata()
          .build();
      created.setAdditionalProperty("spec", spec);
      api.createIfAbsent(Kinds.K0SMOTRON_CLUSTER, created);
      LOG.info("{}/{}: k0smotron cluster created", namespace, name);
      return null;
    }
    if (!HostedClusterSpec.inSync(hosted, spec)) {
      Map<String, Object> merged = HostedClusterSpec.keepingControllerFields(hosted, spec);
      api.mergePatch(Kinds.K0SMOTRON_CLUSTER, namespace, name, Map.of("metadata",
          Map.of("annotations", Map.of(HostedClusterSpec.HASH_ANNOTATION, HostedClusterSpec.hash(spec)))));
      api.replaceSpec(Kinds.K0SMOTRON_CLUSTER, namespace, name, merged);
      LOG.info("{}/{}: k0smotron cluster spec updated", namespace, name);
    }
    return hosted;
  }

  /** Writes {host: externalAddress, port: apiPort} to the infrastructure cluster and the CAPI Cluster. */
  private void publishEndpoint(GenericKubernetesResource cluster, GenericKubernetesResource hosted) {
    String host = Fields.string(hosted, "spec", "externalAddress");
    if (host == null || host.isEmpty()) {
      return;
    }
    long port = ControlPlaneSpec.of(hosted).apiPort();
    KubeKind infraKind = Refs.kind(cluster, "spec", "infrastructureRef");
    GenericKubernetesResource infra = Refs.resolve(api, cluster, "spec", "infrastructureRef");
    Map<String, Object> endpoint = Fields.obj("host", host, "port", port);
    boolean published = host.equals(Fields.string(cluster, "spec", "controlPlaneEndpoint", "host"))
        && port == Fields.number(cluster, 0, "spec", "controlPlaneEndpoint", "port");
    String namespace = cluster.getMetadata().getNamespace();
    if (!published) {
      if (infra != null) {
        api.mergePatch(infraKind, namespace, infra.getMetadata().getName(),
            Map.of("spec", Map.of("controlPlaneEndpoint", endpoint)));
      }
      api.mergePatch(Kinds.CLUSTER, namespace, cluster.getMetadata().getName(),
          Map.of("spec", Map.of("controlPlaneEndpoint", endpoint)));
      LOG.info("{}/{}: control plane endpoint {}:{}", namespace, cluster.getMetadata().getName(), host, port);
    }
    if (infra != null && managedByK0smotron(infra) && !Api.deleting(infra)) {
      Map<String, Object> status = Fields.map(infra, "status");
      Map<String, Object> initialization = Fields.map(infra, "status", "initialization");
      initialization.put("provisioned", true);
      status.put("initialization", initialization);
      api.writeStatus(infraKind, infra, status);
    }
  }

  private static boolean managedByK0smotron(GenericKubernetesResource infra) {
    Map<String, String> annotations = infra.getMetadata().getAnnotations();
    return annotations != null && MANAGED_BY_K0SMOTRON.equals(annotations.get(Labels.INFRA_MANAGED_BY));
  }

  private void markClusterId(GenericKubernetesResource cluster) {
    Map<String, String> annotations = cluster.getMetadata().getAnnotations();
    if (annotations == null || !annotations.containsKey(CLUSTER_ID)) {
      String kubeSystem = UUID.nameUUIDFromBytes(("kube-system/" + Api.uid(cluster))
          .getBytes(StandardCharsets.UTF_8)).toString();
      api.mergePatch(Kinds.CLUSTER, cluster.getMetadata().getNamespace(), cluster.getMetadata().getName(),
          Map.of("metadata", Map.of("annotations", Map.of(CLUSTER_ID, "kube-system:" + kubeSystem))));
    }
  }

  /** Deletes the k0smotron.io Cluster and lets the control plane go once it is gone. */
  private Result reconcileDelete(GenericKubernetesResource kcp) {
    String namespace = kcp.getMetadata().getNamespace();
    String clusterName = Owners.ownerOfKind(kcp, Kinds.CAPI, "Cluster").map(OwnerReference::getName).orElse(null);
    GenericKubernetesResource hosted = clusterName == null ? null
        : api.get(Kinds.K0SMOTRON_CLUSTER, namespace, clusterName);
    if (hosted != null) {
      if (!Api.deleting(hosted)) {
        api.delete(Kinds.K0SMOTRON_CLUSTER, namespace, clusterName);
      }
      return Result.DONE;
    }
    api.removeFinalizer(Kinds.K0SMOTRON_CONTROL_PLANE, kcp, FINALIZER);
    return Result.DONE;
  }
}
