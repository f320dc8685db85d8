package dev.tenantplatform.provisioner.blueprint;

import dev.tenantplatform.events.K0sVersion;
import dev.tenantplatform.events.ClusterSpec;
import java.util.List;
import java.util.Map;

/**
 * The {@code spec} of a tenant's K0smotronControlPlane (k0smotron-capi.md §2): the request's version,
 * replicas, persistence and exposure, the plan's resources, and a k0s config that leaves the CNI to Calico.
 */
final class ControlPlaneSpec {

  static final String EMPTY_DIR = "emptyDir";
  static final String HOST_PATH = "hostPath";
  static final String PVC = "pvc";
  static final List<String> PERSISTENCE = List.of(EMPTY_DIR, HOST_PATH, PVC);

  static final String CLUSTER_IP = "ClusterIP";
  static final String NODE_PORT = "NodePort";
  static final String LOAD_BALANCER = "LoadBalancer";
  static final List<String> SERVICE_TYPES = List.of(CLUSTER_IP, NODE_PORT, LOAD_BALANCER);

  /** The only k0s config version k0smotron accepts ("unsupported k0s config version" otherwise). */
  static final String K0S_CONFIG_API_VERSION = "k0s.k0sproject.io/v1beta1";

  private ControlPlaneSpec() {
  }

  static Map<String, Object> of(TenantScope scope, ClusterSpec cluster, K0sVersion version, NodePorts ports,
      BlueprintConfig config) {
    ControlPlanePlan plan = config.controlPlane();
    return Spec.of(
        "version", version.toString(),
        "replicas", cluster.controlPlaneReplicas(),
        "persistence", persistence(scope, cluster.persistence(), config.storage()),
        "service", service(cluster.serviceType(), ports),
        "k0sConfig", k0sConfig(),
        "resources", plan.k0s().toSpec(),
        "storage", Spec.of(
            "type", "etcd",
            "etcd", Spec.of("image", plan.etcdImage(), "resources", plan.etcd().toSpec())));
  }

  /** The k0s data of the controller pods; etcd keeps its own volumes whatever this says. */
  private static Map<String, Object> persistence(TenantScope scope, String type, ControlPlaneStorage storage) {
    return switch (type) {
      case HOST_PATH -> Spec.of("type", HOST_PATH,
          "hostPath", scope.names().controlPlaneHostPath(storage.hostPathRoot()));
      case PVC -> Spec.of("type", PVC, "persistentVolumeClaim", Spec.of("spec", Spec.of(
          "accessModes", List.of("ReadWriteOnce"),
          "resources", Spec.of("requests", Spec.of("storage", storage.volumeSize())),
          "storageClassName", storage.storageClass())));
      default -> Spec.of("type", EMPTY_DIR);
    };
  }

  /** With NodePort the node ports are the service ports, so each tenant brings its own pair. */
  private static Map<String, Object> service(String type, NodePorts ports) {
    return NODE_PORT.equals(type)
        ? Spec.of("type", type, "apiPort", ports.apiPort(), "konnectivityPort", ports.konnectivityPort())
        : Spec.of("type", type);
  }

  /**
   * {@code provider: custom}: otherwise k0s deploys kube-router beside the Calico the ClusterResourceSet
   * applies, and the provider cannot be changed once the cluster exists (k0smotron-capi.md §5). Pod and
   * service CIDRs are left out: k0smotron copies them from the CAPI Cluster.
   */
  private static Map<String, Object> k0sConfig() {
    return Spec.of(
        "apiVersion", K0S_CONFIG_API_VERSION,
        "kind", "ClusterConfig",
        "metadata", Spec.of("name", "k0s"),
        "spec", Spec.of("network", Spec.of("provider", "custom")));
  }
}
