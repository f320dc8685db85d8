package dev.tenantplatform.events;

/**
 * A tenant's state as its lifecycle events tell it, the states of SPEC.md: {@code Requested → Provisioning →
 * Provisioned / ControlPlaneReady (either can come first) → Ready}, and {@code Updating}, {@code Degraded},
 * {@code Failed}, {@code Deleting}, {@code Deleted}. The watcher derives it and the replay folds it back from the
 * log, so both speak of one set of states with one spelling ({@link #label()}).
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

  /** Still coming up: the states between an accepted create and Ready, which the milestones move on. */
  public boolean comingUp() {
    return this == REQUESTED || this == PROVISIONING || this == PROVISIONED || this == CONTROL_PLANE_READY;
  }

  @Override
  public String toString() {
    return label;
  }
}
