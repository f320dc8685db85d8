package dev.tenantplatform.audit.fold;

import dev.tenantplatform.events.ClusterSpec;
import dev.tenantplatform.events.TenantPhase;
import java.time.Instant;
import java.util.Objects;

/**
 * A tenant as its events describe it after some of them: the state at the end of a replay's window, or at
 * the instant of a point-in-time replay.
 *
 * @param tenant whose
 * @param state its state, or null while no request of it was accepted (only rejections)
 * @param spec the cluster last accepted or updated, resolved; null when the events seen name none
 * @param checks the readiness checks reported since the last accepted create
 * @param durations what the tenant.ready events measured
 * @param sequence the last event folded in
 * @param lastEventAt when that event happened, or null before any
 * @param reason why the tenant is Degraded or Failed (with the stage where it stopped); null otherwise
 * @param lastRejection why its latest refused request was refused, or null
 */
public record TenantSnapshot(String tenant, TenantPhase state, ClusterSpec spec, Checks checks,
    Durations durations, long sequence, Instant lastEventAt, String reason, String lastRejection) {

  public TenantSnapshot {
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(checks, "checks");
    Objects.requireNonNull(durations, "durations");
  }

  /** A tenant before its first event. */
  public static TenantSnapshot empty(String tenant) {
    return new TenantSnapshot(tenant, null, null, Checks.NONE, Durations.NONE, 0, null, null, null);
  }

  /** {@code Ready}, or {@code none} when nothing of the tenant was ever accepted. */
  public String stateLabel() {
    return state == null ? "none" : state.label();
  }
}
