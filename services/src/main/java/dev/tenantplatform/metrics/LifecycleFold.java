package dev.tenantplatform.metrics;

import dev.tenantplatform.events.TenantEvent;
import java.util.HashMap;
import java.util.Map;

/**
 * Every tenant's state, folded from its lifecycle events with the rules the API shows them by: an accepted create
 * is Requested, applied objects make it Provisioning, the control plane's readiness and the Cluster's
 * provisioning (either first) ControlPlaneReady and Provisioned, {@code tenant.ready} Ready; an accepted update
 * is Updating until {@code tenant.updated} or {@code tenant.ready}; degraded, failed, deleting and deleted are
 * what their events say. An event at or below a tenant's last folded sequence changes nothing, so the log can be
 * read twice. Not thread-safe: one reader folds.
 */
final class LifecycleFold {

  /** A tenant's state changed; {@code before} is null for a tenant the fold had not counted. */
  record Change(String tenant, LifecycleState before, LifecycleState after) {
  }

  private record Tenant(LifecycleState state, long sequence) {
  }

  private final Map<String, Tenant> tenants = new HashMap<>();

  /**
   * Folds one event. Returns null when the event was folded before; otherwise the change, with
   * {@code before == after} when the state stayed (an event that moves nothing), and an {@code after} of null
   * when the tenant is still unknown (its first event was a rejection).
   */
  Change apply(TenantEvent event) {
    Tenant known = tenants.get(event.tenant());
    if (known != null && event.sequence() <= known.sequence()) {
      return null;
    }
    LifecycleState before = known == null ? null : known.state();
    LifecycleState after = next(before, event);
    tenants.put(event.tenant(), new Tenant(after, event.sequence()));
    return new Change(event.tenant(), before, after);
  }

  int size() {
    return tenants.size();
  }

  private static LifecycleState next(LifecycleState s, TenantEvent event) {
    return switch (event.type()) {
      case TENANT_ACCEPTED -> accepted(s, event.data().path("action").asText());
      case TENANT_REJECTED, CLUSTER_WORKERS_READY, CLUSTER_CNI_APPLIED -> s;
      case CLUSTER_APPLIED -> s == null || s == LifecycleState.REQUESTED || s == LifecycleState.FAILED
          || s == LifecycleState.DEGRADED ? LifecycleState.PROVISIONING : s;
      case CLUSTER_CONTROLPLANE_READY -> s != null && s.comingUp() ? LifecycleState.CONTROL_PLANE_READY : s;
      case CLUSTER_PROVISIONED -> s != null && s.comingUp() ? LifecycleState.PROVISIONED : s;
      case TENANT_READY -> LifecycleState.READY;
      case TENANT_UPDATED -> s == LifecycleState.UPDATING ? LifecycleState.READY : s;
      case CLUSTER_DEGRADED -> LifecycleState.DEGRADED;
      case CLUSTER_FAILED -> LifecycleState.FAILED;
      case TENANT_DELETING -> LifecycleState.DELETING;
      case TENANT_DELETED -> LifecycleState.DELETED;
    };
  }

  private static LifecycleState accepted(LifecycleState s, String action) {
    if ("create".equals(action)) {
      return LifecycleState.REQUESTED;
    }
    boolean exists = s != null && s != LifecycleState.DELETED;
    return "update".equals(action) && exists ? LifecycleState.UPDATING : s;
  }
}
