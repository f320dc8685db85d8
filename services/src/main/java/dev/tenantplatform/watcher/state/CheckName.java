package dev.tenantplatform.watcher.state;

/**
 * The seed's Action 10 checks, made continuously: a tenant is Ready when every one passes. Each names the
 * stage a tenant is stuck at when it fails, for {@code cluster.degraded} and {@code cluster.failed}.
 */
public enum CheckName {
  CLUSTER_EXISTS("cluster-exists", "provisioning"),
  CLUSTER_PROVISIONED("cluster-provisioned", "provisioning"),
  CONTROL_PLANE_AVAILABLE("control-plane-available", "control-plane"),
  CONTROL_PLANE_PODS_RUNNING("control-plane-pods-running", "control-plane"),
  WORKERS_READY("workers-ready", "workers"),
  CNI_LABEL("cni-label", "cni"),
  CNI_APPLIED("cni-applied", "cni"),
  KUBECONFIG("kubeconfig", "control-plane");

  private final String wire;
  private final String stage;

  CheckName(String wire, String stage) {
    this.wire = wire;
    this.stage = stage;
  }

  /** The name shown to users: {@code control-plane-available}. */
  public String wire() {
    return wire;
  }

  /** The stage a tenant failing this check is at. */
  public String stage() {
    return stage;
  }

  @Override
  public String toString() {
    return wire;
  }
}
