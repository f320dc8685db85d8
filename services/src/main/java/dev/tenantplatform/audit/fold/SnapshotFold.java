package dev.tenantplatform.audit.fold;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tenantplatform.events.ClusterSpec;
import dev.tenantplatform.events.TenantEvent;
import dev.tenantplatform.events.TenantPhase;
import java.math.BigDecimal;

/**
 * Folds a tenant's events, in log order, into a {@link TenantSnapshot}. The state follows
 * {@link TenantPhase#after}, the rule the API follows too, so that a replay at an instant shows what the API showed
 * then; the snapshot keeps what the report prints besides (the stage joined to the reason, recoveries). An event
 * at or below the sequence folded so far (a duplicate, a fork's second branch) changes nothing: the chain's
 * verification reports it.
 */
public final class SnapshotFold {

  private SnapshotFold() {
  }

  /** {@code s} after {@code event}, an event of the same tenant. */
  public static TenantSnapshot apply(TenantSnapshot s, TenantEvent event) {
    return apply(s, event, event.data());
  }

  /** {@link #apply(TenantSnapshot, TenantEvent)} with the event's {@link TenantEvent#data()} at hand, read only. */
  static TenantSnapshot apply(TenantSnapshot s, TenantEvent event, JsonNode data) {
    if (event.sequence() <= s.sequence() || !event.tenant().equals(s.tenant())) {
      return s;
    }
    TenantPhase state = TenantPhase.after(s.state(), event.type(), data.path("action").asText());
    TenantSnapshot next = switch (event.type()) {
      case TENANT_ACCEPTED -> accepted(s, state, data);
      case TENANT_REJECTED -> new TenantSnapshot(s.tenant(), state, s.spec(), s.checks(), s.durations(),
          s.sequence(), s.lastEventAt(), s.reason(), data.path("reason").asText(null));
      case CLUSTER_APPLIED -> with(s, state, s.checks(), null);
      case CLUSTER_CONTROLPLANE_READY -> with(s, state, s.checks().withControlPlaneReady(), s.reason());
      case CLUSTER_PROVISIONED -> with(s, state, s.checks().withProvisioned(), s.reason());
      case CLUSTER_WORKERS_READY -> with(s, state, s.checks().withWorkersReady(), s.reason());
      case CLUSTER_CNI_APPLIED -> with(s, state, s.checks().withCniApplied(), s.reason());
      case TENANT_READY -> ready(s, state, data);
      case TENANT_UPDATED -> new TenantSnapshot(s.tenant(), state, ClusterSpec.fromEvent(data.get("cluster"),
          s.spec()), s.checks(), s.durations(), s.sequence(), s.lastEventAt(), s.reason(), s.lastRejection());
      case CLUSTER_DEGRADED, CLUSTER_FAILED -> with(s, state, s.checks(), reason(data));
      case TENANT_DELETING -> with(s, state, s.checks(), null);
      case TENANT_DELETED -> with(s, state, Checks.NONE, null);
    };
    return new TenantSnapshot(next.tenant(), next.state(), next.spec(), next.checks(), next.durations(),
        event.sequence(), event.time(), next.reason(), next.lastRejection());
  }

  /** A create starts the tenant over; an update the states took (the tenant exists) brings its spec. */
  private static TenantSnapshot accepted(TenantSnapshot s, TenantPhase state, JsonNode data) {
    String action = data.path("action").asText();
    if ("create".equals(action)) {
      return new TenantSnapshot(s.tenant(), state, ClusterSpec.fromEvent(data.get("cluster"), null), Checks.NONE,
          Durations.NONE, s.sequence(), s.lastEventAt(), null, s.lastRejection());
    }
    if ("update".equals(action) && state == TenantPhase.UPDATING) {
      return new TenantSnapshot(s.tenant(), state, ClusterSpec.fromEvent(data.get("cluster"), s.spec()),
          s.checks(), s.durations(), s.sequence(), s.lastEventAt(), null, s.lastRejection());
    }
    return s;
  }

  private static TenantSnapshot ready(TenantSnapshot s, TenantPhase state, JsonNode data) {
    Durations durations = data.path("recovered").asBoolean(false)
        ? s.durations().recovery(decimal(data, "degradedSeconds", BigDecimal.ZERO))
        : s.durations().provisioning(decimal(data, "controlPlaneReadySeconds", null),
            decimal(data, "provisionedSeconds", null), decimal(data, "readySeconds", null));
    return new TenantSnapshot(s.tenant(), state, s.spec(), new Checks(true, true, true, true),
        durations, s.sequence(), s.lastEventAt(), null, s.lastRejection());
  }

  private static TenantSnapshot with(TenantSnapshot s, TenantPhase state, Checks checks, String reason) {
    return new TenantSnapshot(s.tenant(), state, s.spec(), checks, s.durations(), s.sequence(), s.lastEventAt(),
        reason, s.lastRejection());
  }

  private static String reason(JsonNode data) {
    String reason = data.path("reason").asText("");
    String stage = data.path("stage").asText("");
    return stage.isEmpty() ? reason : stage + ": " + reason;
  }

  private static BigDecimal decimal(JsonNode data, String key, BigDecimal fallback) {
    return data.path(key).isNumber() ? data.get(key).decimalValue() : fallback;
  }
}
