package dev.tenantplatform.metrics;

/** A tenant's state (SPEC.md, "Tenant states"), the {@code state} label of {@code tenantplatform_tenants}. */
enum LifecycleState {
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

  LifecycleState(String label) {
    this.label = label;
  }

  String label() {
    return label;
  }

  /** Between an accepted create and Ready: the milestones move it on. */
  boolean comingUp() {
    return this == REQUESTED || this == PROVISIONING || this == CONTROL_PLANE_READY || this == PROVISIONED;
  }
}
