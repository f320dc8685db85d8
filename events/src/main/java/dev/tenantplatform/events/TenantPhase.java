package dev.tenantplatform.events;

/**
 * A tenant's state as its lifecycle events tell it, the states of SPEC.md: {@code Requested → Provisioning →
 * Provisioned / ControlPlaneReady (either can come first) → Ready}, and {@code Updating}, {@code Degraded},
 * {@code Failed}, {@code Deleting}, {@code Deleted}. The watcher derives it from the objects; the API, the replay and
 * the metrics' tenant counts fold it back from the log with {@link #after}, so all speak of one set of states with
 * one spelling ({@link #label()}).
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

  /** The state spelled {@code label}, in any case, or null when no state is spelled so. */
  public static TenantPhase byLabel(String label) {
    for (TenantPhase phase : values()) {
      if (phase.label.equalsIgnoreCase(label)) {
        return phase;
      }
    }
    return null;
  }

  /**
   * The state after an event of {@code type}, from {@code state} (null while nothing of the tenant was accepted).
   * An accepted create is Requested (and starts the tenant's life over after a delete), an accepted update of a
   * tenant that exists (and is not deleted) is Updating, its applied objects make it Provisioning, the control
   * plane's readiness and the Cluster's provisioning (either first) are ControlPlaneReady and Provisioned while the
   * tenant comes up,
   * {@code tenant.ready} is Ready and {@code tenant.updated} ends Updating; degraded, failed, deleting and deleted
   * are what their events say. The API, the replay and the metrics follow this one rule, so that a replay at an
   * instant shows what the API showed then.
   *
   * @param action the {@code action} of a {@code tenant.accepted} event; ignored for other types
   */
  public static TenantPhase after(TenantPhase state, EventType type, String action) {
    return switch (type) {
      case TENANT_ACCEPTED -> accepted(state, action);
      case TENANT_REJECTED, CLUSTER_WORKERS_READY, CLUSTER_CNI_APPLIED -> state;
      case CLUSTER_APPLIED -> state == null || state == REQUESTED || state == FAILED || state == DEGRADED
          ? PROVISIONING : state;
      case CLUSTER_CONTROLPLANE_READY -> state != null && state.comingUp() ? CONTROL_PLANE_READY : state;
      case CLUSTER_PROVISIONED -> state != null && state.comingUp() ? PROVISIONED : state;
      case TENANT_READY -> READY;
      case TENANT_UPDATED -> state == UPDATING ? READY : state;
      case CLUSTER_DEGRADED -> DEGRADED;
      case CLUSTER_FAILED -> FAILED;
      case TENANT_DELETING -> DELETING;
      case TENANT_DELETED -> DELETED;
    };
  }

  private static TenantPhase accepted(TenantPhase state, String action) {
    if ("create".equals(action)) {
      return REQUESTED;
    }
    boolean exists = state != null && state != DELETED;
    return "update".equals(action) && exists ? UPDATING : state;
  }

  @Override
  public String toString() {
    return label;
  }
}
