package dev.tenantplatform.kube;

import io.fabric8.kubernetes.api.model.HasMetadata;

/** Which object an operation is about, as a person reads it in a log line or an error. */
public record ObjectRef(String apiVersion, String kind, String namespace, String name) {

  public static ObjectRef of(HasMetadata object) {
    var metadata = object.getMetadata();
    return new ObjectRef(object.getApiVersion(), object.getKind(),
        metadata == null ? null : metadata.getNamespace(), metadata == null ? null : metadata.getName());
  }

  /** {@code K0smotronControlPlane tenant-acme/acme-cp}, or {@code Namespace tenant-acme} when cluster-scoped. */
  @Override
  public String toString() {
    return kind + " " + (namespace == null ? "" : namespace + "/") + name;
  }
}
