package dev.tenantplatform.sandbox.simulator;

import io.fabric8.kubernetes.api.model.HasMetadata;

/** Namespace and name of the object a reconciler is asked to look at. */
record ObjectKey(String namespace, String name) {

  static ObjectKey of(HasMetadata object) {
    return new ObjectKey(object.getMetadata().getNamespace(), object.getMetadata().getName());
  }

  @Override
  public String toString() {
    return namespace + "/" + name;
  }
}
