package dev.tenantplatform.sandbox.simulator;

import dev.tenantplatform.kube.Labels;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The v1beta2 status of a K0smotronControlPlane as k0smotron computes it ({@code computeStatus},
 * {@code computeAvailability}): counters from the k0s pods (not etcd), the lowest running version, and
 * {@code Available} from whether the workload API answers through the kubeconfig Secret.
 */
final class ControlPlaneStatus {

  /** The status to write, and whether the control plane is now initialized. */
  record Computed(Map<String, Object> fields, boolean initialized) {
  }

  private ControlPlaneStatus() {
  }

  /** The CRD's status default, which an API server stores when the object is created. */
  static Map<String, Object> crdDefault() {
    return Fields.obj(
        "conditions", List.of(Fields.obj("lastTransitionTime", "1970-01-01T00:00:00Z",
            "message", "Waiting for cluster topology to be reconciled", "reason", "ControlPlaneDoesNotExist",
            "status", Condition.UNKNOWN, "type", "Available")),
        "initialization", Fields.obj("controlPlaneInitialized", false),
        "version", "");
  }

  static Computed compute(Api api, GenericKubernetesResource kcp, GenericKubernetesResource cluster,
      GenericKubernetesResource hosted, Instant now) {
    String namespace = cluster.getMetadata().getNamespace();
    String clusterName = cluster.getMetadata().getName();
    ControlPlaneSpec spec = ControlPlaneSpec.of(kcp);
    List<GenericKubernetesResource> pods = api.list(CoreKinds.POD, namespace, Labels.CLUSTER_NAME, clusterName)
        .stream().filter(p -> "true".equals(label(p, Labels.CONTROL_PLANE))).toList();
    List<String> readyVersions = pods.stream().filter(ControlPlaneStatus::podReady)
        .map(p -> alignedVersion(p, spec)).toList();
    int ready = readyVersions.size();
    long upToDate = readyVersions.stream().filter(v -> v.equals(spec.fullVersion())).count();
    String version = readyVersions.stream().min(Comparator.comparing(ControlPlaneStatus::versionKey))
        .orElse(Fields.string(kcp, "status", "version"));

    Condition available = availability(api, cluster, hosted, ready);
    boolean initialized = available.isTrue()
        || Fields.bool(kcp, "status", "initialization", "controlPlaneInitialized");
    Map<String, Object> fields = Fields.obj(
        "conditions", Conditions.merge(Conditions.of(kcp), List.of(available), now, null),
        "externalManagedControlPlane", true,
        "initialization", Fields.obj("controlPlaneInitialized", initialized),
        "replicas", pods.size(),
        "readyReplicas", ready,
        "availableReplicas", ready,
        "upToDateReplicas", (int) upToDate,
        "version", version == null ? "" : version);
    return new Computed(fields, initialized);
  }

  /** Whether the workload cluster's kube-system namespace can be read through the kubeconfig Secret. */
  private static Condition availability(Api api, GenericKubernetesResource cluster,
      GenericKubernetesResource hosted, int readyPods) {
    String namespace = cluster.getMetadata().getNamespace();
    String secret = new K0smotronNames(cluster.getMetadata().getName()).kubeconfigSecret();
    if (api.get(CoreKinds.SECRET, namespace, secret) == null) {
      return Condition.isFalse("Available", "ClusterClientCreationFailed",
          "failed to retrieve kubeconfig secret for Cluster " + namespace + "/" + cluster.getMetadata().getName()
              + ": secrets \"" + secret + "\" not found");
    }
    if (readyPods == 0) {
      String address = Fields.string(hosted, "spec", "externalAddress") + ":" + ControlPlaneSpec.of(hosted).apiPort();
      return Condition.isFalse("Available", "KubeSystemNamespaceNotAccessible", "Get \"https://" + address
          + "/api/v1/namespaces/kube-system?timeout=10s\": dial tcp " + address + ": connect: connection refused");
    }
    return Condition.isTrue("Available", "Available");
  }

  static boolean podReady(GenericKubernetesResource pod) {
    return Conditions.isTrue(pod, "Ready");
  }

  /** The k0s version a pod runs (from its image tag), written in the spec's format ({@code +k0s.} or {@code -k0s.}). */
  private static String alignedVersion(GenericKubernetesResource pod, ControlPlaneSpec spec) {
    List<Map<String, Object>> containers = Fields.maps(Fields.list(pod, "spec", "containers"));
    String image = containers.isEmpty() ? "" : String.valueOf(containers.get(0).get("image"));
    String tag = image.contains(":") ? image.substring(image.lastIndexOf(':') + 1) : "";
    return spec.fullVersion().contains("+k0s.") ? tag.replace("-k0s.", "+k0s.") : tag;
  }

  /** A sortable key for {@code vX.Y.Z[+-]k0s.N}. */
  private static String versionKey(String version) {
    StringBuilder key = new StringBuilder();
    for (String part : version.replaceFirst("^v", "").split("[.+-]")) {
      key.append(part.chars().allMatch(Character::isDigit) && !part.isEmpty()
          ? String.format("%08d", Long.parseLong(part)) : part).append('.');
    }
    return key.toString();
  }

  private static String label(GenericKubernetesResource object, String key) {
    Map<String, String> labels = object.getMetadata().getLabels();
    return labels == null ? null : labels.get(key);
  }
}
