package dev.tenantplatform.api;

/**
 * A tenant's state as the API shows it (SPEC.md, "Tenant states"), folded from its lifecycle events by
 * {@link TenantFold}. {@link #label()} is the contract's spelling.
 */
public enum TenantState {
  REQUESTED("Requested"),
  PROVISIONING("Provisioning"),
  CONTROL_PLANE_READY("ControlPlaneReady"),
  PROVISIONED("Provisioned"),
  READY("Ready"),
  UPDATING("Updating"),
  DEGRADED("Degraded"),
  FAILED("Failed"),
  DELETING("Deleting"),
  DELETED("Deleted");

  private final String label;

  TenantState(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }

  /** Still coming up: the states between an accepted create and Ready. */
  boolean comingUp() {
    return this == REQUESTED || this == PROVISIONING || this == CONTROL_PLANE_READY || this == PROVISIONED;
  }

  /** The state whose label is {@code label}, case-insensitively, or null. */
  static TenantState byLabel(String label) {
    for (TenantState state : values()) {
      if (state.label.equalsIgnoreCase(label)) {
        return state;
      }
    }
    return null;
  }
}
