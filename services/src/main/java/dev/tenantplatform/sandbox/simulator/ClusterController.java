package dev.tenantplatform.sandbox.simulator;

import dev.tenantplatform.kube.KubeKind;
import dev.tenantplatform.kube.Kinds;
import dev.tenantplatform.kube.Labels;
import dev.tenantplatform.kube.TenantNames;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Plays CAPI's Cluster controller: adopts the infrastructure cluster and the control plane (owner reference,
 * cluster-name label), keeps the phase and conditions, and on deletion removes workers, then the control
 * plane, then the infrastructure, before letting the Cluster go. Also reads the tenant's fault annotation.
 */
final class ClusterController implements Reconciler {

  static final String FINALIZER = "cluster.cluster.x-k8s.io";

  private static final Logger LOG = LoggerFactory.getLogger(ClusterController.class);

  private final Api api;
  private final Faults faults;
  private final Timeline timeline;

  ClusterController(Api api, Faults faults, Timeline timeline) {
    this.api = api;
    this.faults = faults;
    this.timeline = timeline;
  }

  @Override
  public String name() {
    return "capi-cluster";
  }

  @Override
  public Result reconcile(ObjectKey key) {
    GenericKubernetesResource cluster = api.get(Kinds.CLUSTER, key.namespace(), key.name());
    if (cluster == null) {
      faults.annotate(tenantOf(key.namespace(), null), List.of());
      return Result.DONE;
    }
    readFaults(cluster);
    if (Api.deleting(cluster)) {
      return reconcileDelete(cluster);
    }
    if (!cluster.getMetadata().getFinalizers().contains(FINALIZER)) {
      api.addFinalizer(Kinds.CLUSTER, cluster, FINALIZER);
      api.writeStatus(Kinds.CLUSTER, cluster, ClusterStatus.pending());
      LOG.info("{}: cluster accepted, phase {}", key, ClusterStatus.PENDING);
      return Result.DONE;
    }
    GenericKubernetesResource infra = adopt(cluster, "infrastructureRef");
    GenericKubernetesResource controlPlane = adopt(cluster, "controlPlaneRef");
    writeStatus(cluster, infra, controlPlane, null, null);
    return Result.DONE;
  }

  /** Sets the Cluster as controller owner of a referenced object, and labels it with the cluster name. */
  private GenericKubernetesResource adopt(GenericKubernetesResource cluster, String ref) {
    KubeKind kind = Refs.kind(cluster, "spec", ref);
    GenericKubernetesResource object = Refs.resolve(api, cluster, "spec", ref);
    if (object == null || Api.deleting(object)) {
      return object;
    }
    api.addOwner(kind, object, Owners.controller(cluster));
    api.ensureLabels(kind, object, Map.of(Labels.CLUSTER_NAME, cluster.getMetadata().getName()));
    return object;
  }

  private void writeStatus(GenericKubernetesResource cluster, GenericKubernetesResource infra,
      GenericKubernetesResource controlPlane, String deletingReason, String deletingMessage) {
    String namespace = cluster.getMetadata().getNamespace();
    String name = cluster.getMetadata().getName();
    List<GenericKubernetesResource> deployments = ofCluster(Kinds.MACHINE_DEPLOYMENT, namespace, name).toList();
    List<GenericKubernetesResource> machines = ofCluster(Kinds.MACHINE, namespace, name).toList();
    boolean reachable = Fields.bool(controlPlane, "status", "initialization", "controlPlaneInitialized")
        && api.get(CoreKinds.SECRET, namespace, new K0smotronNames(name).kubeconfigSecret()) != null;
    var observed = new ClusterStatus.Observed(cluster, infra, controlPlane, deployments, machines, reachable,
        deletingReason, deletingMessage);
    String before = Fields.string(cluster, "status", "phase");
    Map<String, Object> status = ClusterStatus.compute(observed, timeline.now());
    if (api.writeStatus(Kinds.CLUSTER, cluster, status) && !status.get("phase").equals(before)) {
      LOG.info("{}/{}: cluster phase {}", namespace, name, status.get("phase"));
    }
  }

  private Result reconcileDelete(GenericKubernetesResource cluster) {
    String namespace = cluster.getMetadata().getNamespace();
    String name = cluster.getMetadata().getName();
    GenericKubernetesResource infra = Refs.resolve(api, cluster, "spec", "infrastructureRef");
    GenericKubernetesResource controlPlane = Refs.resolve(api, cluster, "spec", "controlPlaneRef");
    List<GenericKubernetesResource> workers = Stream.of(Kinds.MACHINE_DEPLOYMENT, Kinds.MACHINE_SET, Kinds.MACHINE)
        .flatMap(kind -> ofCluster(kind, namespace, name)).toList();
    if (!workers.isEmpty()) {
      deleteWorkers(workers);
      writeStatus(cluster, infra, controlPlane, "WaitingForWorkersDeletion", describe(workers));
    } else if (controlPlane != null) {
      deleteOnce(Refs.kind(cluster, "spec", "controlPlaneRef"), controlPlane);
      writeStatus(cluster, infra, controlPlane, "WaitingForControlPlaneDeletion",
          "* " + controlPlane.getKind() + " " + controlPlane.getMetadata().getName());
    } else if (infra != null) {
      deleteOnce(Refs.kind(cluster, "spec", "infrastructureRef"), infra);
      writeStatus(cluster, infra, null, "WaitingForInfrastructureDeletion",
          "* " + infra.getKind() + " " + infra.getMetadata().getName());
    } else {
      writeStatus(cluster, null, null, "DeletionCompleted", "Deletion completed");
      api.removeFinalizer(Kinds.CLUSTER, cluster, FINALIZER);
      LOG.info("{}/{}: cluster deleted", namespace, name);
    }
    return Result.DONE;
  }

  /** Deletes the top of each worker chain; the garbage collector takes what they own. */
  private void deleteWorkers(List<GenericKubernetesResource> workers) {
    for (GenericKubernetesResource worker : workers) {
      boolean owned = !Owners.of(worker).isEmpty() && !worker.getKind().equals("MachineDeployment");
      if (!owned) {
        deleteOnce(Refs.kind(Kinds.CAPI, worker.getKind()), worker);
      }
    }
  }

  private void deleteOnce(KubeKind kind, GenericKubernetesResource object) {
    if (kind != null && !Api.deleting(object)) {
      api.delete(kind, object.getMetadata().getNamespace(), object.getMetadata().getName());
    }
  }

  private static String describe(List<GenericKubernetesResource> workers) {
    StringBuilder message = new StringBuilder();
    for (String kind : List.of("MachineDeployment", "MachineSet", "Machine")) {
      List<String> names = workers.stream().filter(w -> w.getKind().equals(kind))
          .map(w -> w.getMetadata().getName()).toList();
      if (!names.isEmpty()) {
        message.append(message.isEmpty() ? "" : "\n").append("* ").append(kind).append(names.size() > 1 ? "s " : " ")
            .append(String.join(", ", names));
      }
    }
    return message.toString();
  }

  private Stream<GenericKubernetesResource> ofCluster(KubeKind kind, String namespace, String cluster) {
    return api.list(kind, namespace).stream().filter(o -> cluster.equals(Fields.string(o, "spec", "clusterName")));
  }

  private void readFaults(GenericKubernetesResource cluster) {
    String tenant = tenantOf(cluster.getMetadata().getNamespace(), cluster.getMetadata().getLabels());
    String annotation = cluster.getMetadata().getAnnotations() == null ? null
        : cluster.getMetadata().getAnnotations().get(Faults.ANNOTATION);
    try {
      faults.annotate(tenant, Fault.parseAll(annotation));
    } catch (IllegalArgumentException e) {
      LOG.warn("{}/{}: ignoring annotation {}: {}", cluster.getMetadata().getNamespace(),
          cluster.getMetadata().getName(), Faults.ANNOTATION, e.getMessage());
    }
  }

  /** The tenant a simulated object belongs to: its tenant label, else its tenant namespace, else the namespace. */
  static String tenantOf(String namespace, Map<String, String> labels) {
    if (labels != null && labels.get(Labels.TENANT) != null) {
      return labels.get(Labels.TENANT);
    }
    String tenant = TenantNames.tenantOfNamespace(namespace);
    return tenant != null ? tenant : namespace;
  }
}
