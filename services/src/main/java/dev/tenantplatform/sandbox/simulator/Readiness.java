package dev.tenantplatform.sandbox.simulator;

import dev.tenantplatform.kube.Labels;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.util.Map;

/**
 * Whether a control-plane pod's readiness probe ({@code k0s status}) can pass: not while the tenant has the
 * {@code control-plane-never-ready} fault, and not before a quorum of its etcd members is Ready.
 */
final class Readiness {

  private final Api api;
  private final Faults faults;

  Readiness(Api api, Faults faults) {
    this.api = api;
    this.faults = faults;
  }

  boolean mayBeReady(GenericKubernetesResource pod) {
    Map<String, String> labels = pod.getMetadata().getLabels();
    if (labels == null || !"true".equals(labels.get(Labels.CONTROL_PLANE))) {
      return true;
    }
    String namespace = pod.getMetadata().getNamespace();
    if (faults.has(ClusterController.tenantOf(namespace, labels), Fault.ControlPlaneNeverReady.class)) {
      return false;
    }
    GenericKubernetesResource etcd = api.get(CoreKinds.STATEFUL_SET, namespace,
        new K0smotronNames(labels.get("cluster")).etcdStatefulSet());
    if (etcd == null) {
      return true;
    }
    long members = Fields.number(etcd, 1, "spec", "replicas");
    return Fields.number(etcd, 0, "status", "readyReplicas") >= members / 2 + 1;
  }
}
