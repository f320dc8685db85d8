package dev.tenantplatform.sandbox.simulator;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.util.Map;

/**
 * A K0smotronControlPlane's (or k0smotron.io Cluster's) spec with the CRD defaults applied, as the API server
 * would have stored it: replicas 1, ClusterIP service on 30443/30132, etcd storage, the k0s image.
 */
record ControlPlaneSpec(String version, int replicas, String image, String serviceType, int apiPort,
    int konnectivityPort, String storageType, String etcdImage, boolean etcdAutoDeletePvcs, String etcdSize,
    Map<String, Object> resources, Map<String, Object> etcdResources, String externalAddress) {

  static final String DEFAULT_IMAGE = "quay.io/k0sproject/k0s";
  static final String DEFAULT_ETCD_IMAGE = "quay.io/k0sproject/etcd:v3.7.1";

  static ControlPlaneSpec of(GenericKubernetesResource object) {
    return new ControlPlaneSpec(
        Fields.string(object, "spec", "version"),
        (int) Fields.number(object, 1, "spec", "replicas"),
        orDefault(Fields.string(object, "spec", "image"), DEFAULT_IMAGE),
        orDefault(Fields.string(object, "spec", "service", "type"), "ClusterIP"),
        (int) Fields.number(object, 30443, "spec", "service", "apiPort"),
        (int) Fields.number(object, 30132, "spec", "service", "konnectivityPort"),
        orDefault(Fields.string(object, "spec", "storage", "type"), "etcd"),
        orDefault(Fields.string(object, "spec", "storage", "etcd", "image"), DEFAULT_ETCD_IMAGE),
        Fields.bool(object, "spec", "storage", "etcd", "autoDeletePVCs"),
        orDefault(Fields.string(object, "spec", "storage", "etcd", "persistence", "size"), "1Gi"),
        Fields.map(object, "spec", "resources"),
        Fields.map(object, "spec", "storage", "etcd", "resources"),
        Fields.string(object, "spec", "externalAddress"));
  }

  /** etcd runs one member for one controller, else an odd number of members, rounded up (2 → 3, 4 → 5). */
  int etcdReplicas() {
    return replicas <= 1 ? 1 : (replicas % 2 == 0 ? replicas + 1 : replicas);
  }

  boolean usesEtcd() {
    return "etcd".equals(storageType);
  }

  /** The k0s version with its suffix, {@code +k0s.0} appended when missing, as k0smotron compares versions. */
  String fullVersion() {
    if (version == null || version.isBlank()) {
      return "";
    }
    return version.contains("-k0s.") || version.contains("+k0s.") ? version : version + "+k0s.0";
  }

  /** The image tag: the version with {@code +k0s.} written {@code -k0s.}, as k0smotron's {@code GetImage} does. */
  String controllerImage() {
    return image + ":" + fullVersion().replace("+k0s.", "-k0s.");
  }

  private static String orDefault(String value, String fallback) {
    return value == null || value.isBlank() ? fallback : value;
  }
}
