package dev.tenantplatform.api;

import dev.tenantplatform.events.ClusterSpec;
import dev.tenantplatform.events.EventType;
import dev.tenantplatform.events.TenantPhase;
import java.math.BigDecimal;
import java.time.Instant;

/**
 * One tenant as the API shows it, folded from its lifecycle events: what {@code GET /tenants/{tenant}} answers.
 *
 * @param tenant the tenant's name
 * @param state null while no create was ever accepted (only rejections so far): such a tenant does not exist
 * @param cluster the last accepted cluster spec, defaults resolved; null before the first accepted create
 * @param checks the seed's readiness checks, as far as the events tell them
 * @param durations seconds from the request to each stage, from the first {@code tenant.ready}; null before
 * @param reason why the tenant is Degraded or Failed; null otherwise
 * @param stage where it stopped (from {@code cluster.degraded} / {@code cluster.failed}); null otherwise
 * @param lastRejection the reason of the last {@code tenant.rejected}, null when none
 * @param requestedBy who asked for the tenant (its accepted create)
 * @param createdAt when its create was accepted
 * @param lastEvent the type of the newest event folded in
 * @param sequence the newest event's sequence
 * @param updatedAt the newest event's time
 */
public record TenantSnapshot(String tenant, TenantPhase state, ClusterSpec cluster, Checks checks,
    Durations durations, String reason, String stage, String lastRejection, String requestedBy, Instant createdAt,
    EventType lastEvent, long sequence, Instant updatedAt) {

  /** A tenant the log has not spoken of. */
  public static TenantSnapshot unknown(String tenant) {
    return new TenantSnapshot(tenant, null, null, Checks.NONE, null, null, null, null, null, null, null, 0, null);
  }

  /** Whether a create was ever accepted for it; a tenant with rejections only does not exist. */
  public boolean exists() {
    return state != null;
  }

  /**
   * The seed's readiness checks (Action 10), each true once the watcher reported it.
   *
   * @param workers ready and wanted workers, "2/2"; null before {@code cluster.workers.ready}
   */
  public record Checks(boolean controlPlaneReady, boolean provisioned, boolean workersReady, boolean cniApplied,
      String workers) {

    public static final Checks NONE = new Checks(false, false, false, false, null);
    public static final Checks ALL = new Checks(true, true, true, true, null);

    Checks withControlPlaneReady() {
      return new Checks(true, provisioned, workersReady, cniApplied, workers);
    }

    Checks withProvisioned() {
      return new Checks(controlPlaneReady, true, workersReady, cniApplied, workers);
    }

    Checks withWorkersReady(String count) {
      return new Checks(controlPlaneReady, provisioned, true, cniApplied, count);
    }

    Checks withCniApplied() {
      return new Checks(controlPlaneReady, provisioned, workersReady, true, workers);
    }

    Checks allPassed() {
      return new Checks(true, true, true, true, workers);
    }
  }

  /** Seconds from the create request to each stage, as {@code tenant.ready} measured them. */
  public record Durations(BigDecimal controlPlaneReadySeconds, BigDecimal provisionedSeconds,
      BigDecimal readySeconds) {
  }
}
