package dev.tenantplatform.audit.fold;

/** A tenant's state as its events tell it, with the contract's names. */
public enum TenantStatus {
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

  TenantStatus(String label) {
    this.label = label;
  }

  /** The contract's name: {@code ControlPlaneReady}. */
  public String label() {
    return label;
  }

  @Override
  public String toString() {
    return label;
  }
}
