package dev.tenantplatform.watcher.state;

/**
 * What the state needs of a tenant's K0smotronControlPlane: the v1beta2 status k0smotron computes
 * ({@code k0smotron-capi.md} §2) and the spec it is computed against.
 *
 * @param desiredReplicas {@code spec.replicas}
 * @param desiredVersion {@code spec.version}
 * @param etcd whether the control plane keeps its data in its own etcd ({@code spec.storage.type}, default etcd)
 * @param replicas {@code status.replicas}: k0s pods that exist
 * @param readyReplicas {@code status.readyReplicas}
 * @param upToDateReplicas {@code status.upToDateReplicas}: ready pods running {@code spec.version}
 * @param version {@code status.version}: the lowest version running, empty before a pod is ready
 * @param initialized {@code status.initialization.controlPlaneInitialized}
 * @param available the {@code Available} condition
 */
public record ControlPlaneView(int desiredReplicas, String desiredVersion, boolean etcd, int replicas,
    int readyReplicas, int upToDateReplicas, String version, boolean initialized, ConditionView available) {

  public ControlPlaneView {
    available = available == null ? ConditionView.ABSENT : available;
  }

  /** Ready as {@code StateDeriver} means it: Available, and every wanted pod exists and is ready. */
  public boolean ready() {
    return available.isTrue() && readyReplicas == replicas && replicas == desiredReplicas && desiredReplicas > 0;
  }

  /** The etcd pods k0smotron runs for this control plane: one for a single replica, else the odd number above. */
  public int expectedEtcdPods() {
    if (!etcd) {
      return 0;
    }
    return desiredReplicas <= 1 ? 1 : desiredReplicas % 2 == 0 ? desiredReplicas + 1 : desiredReplicas;
  }
}
