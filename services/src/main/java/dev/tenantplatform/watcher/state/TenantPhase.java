package dev.tenantplatform.watcher.state;

/**
 * The states of SPEC.md: {@code Requested → Provisioning → Provisioned / ControlPlaneReady (either can come
 * first) → Ready}, and {@code Updating}, {@code Degraded}, {@code Failed}, {@code Deleting}, {@code Deleted}.
 */
public enum TenantPhase {
  REQUESTED("Requested"),
  PROVISIONING("Provisioning"),
  PROVISIONED("Provisioned"),
  CONTROL_PLANE_READY("ControlPlaneReady"),
  READY("Ready"),
  UPDATING("Updating"),
  DEGRADED("Degraded"),
  FAILED("Failed"),
  DELETING("Deleting"),
  DELETED("Deleted");

  private final String label;

  TenantPhase(String label) {
    this.label = label;
  }

  /** The name of SPEC.md: {@code ControlPlaneReady}. */
  public String label() {
    return label;
  }

  @Override
  public String toString() {
    return label;
  }
}
