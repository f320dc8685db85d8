package dev.tenantplatform.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tenantplatform.events.ClusterSpec;
import dev.tenantplatform.events.TenantEvent;
import dev.tenantplatform.events.TenantPhase;
import java.math.BigDecimal;

/**
 * Folds a tenant's lifecycle events, in sequence order, into what the API shows of it. Pure: the same events
 * give the same snapshot on every instance, which is what makes the API answer alike whichever instance
 * answers. An event at or below the snapshot's sequence has been folded already and changes nothing, so
 * reading the log twice is harmless.
 *
 * <p>The state follows {@link TenantPhase#after}, the rule the replay follows too; the snapshot keeps what the
 * API shows besides (who asked and when, the stage apart from the reason, the workers ready).
 */
final class TenantFold {

  private TenantFold() {
  }

  static TenantSnapshot apply(TenantSnapshot s, TenantEvent event) {
    if (event.sequence() <= s.sequence() || !event.tenant().equals(s.tenant())) {
      return s;
    }
    JsonNode data = event.data();
    TenantPhase state = TenantPhase.after(s.state(), event.type(), data.path("action").asText());
    TenantSnapshot next = switch (event.type()) {
      case TENANT_ACCEPTED -> accepted(s, state, event, data);
      case TENANT_REJECTED -> with(s, state, s.cluster(), s.checks(), s.reason(), s.stage(),
          data.path("reason").asText(null));
      case CLUSTER_APPLIED -> with(s, state, s.cluster(), s.checks(), null, null, s.lastRejection());
      case CLUSTER_CONTROLPLANE_READY -> checked(s, state, s.checks().withControlPlaneReady());
      case CLUSTER_PROVISIONED -> checked(s, state, s.checks().withProvisioned());
      case CLUSTER_WORKERS_READY -> checked(s, state, s.checks().withWorkersReady(
          data.path("readyWorkers").asInt() + "/" + data.path("workers").asInt()));
      case CLUSTER_CNI_APPLIED -> checked(s, state, s.checks().withCniApplied());
      case TENANT_READY -> ready(s, state, data);
      case TENANT_UPDATED -> with(s, state, ClusterSpec.fromEvent(data.get("cluster"), s.cluster()), s.checks(),
          s.reason(), s.stage(), s.lastRejection());
      case CLUSTER_DEGRADED, CLUSTER_FAILED -> with(s, state, s.cluster(), s.checks(),
          data.path("reason").asText(null), data.path("stage").asText(null), s.lastRejection());
      case TENANT_DELETING -> with(s, state, s.cluster(), s.checks(), null, null, s.lastRejection());
      case TENANT_DELETED -> with(s, state, s.cluster(), TenantSnapshot.Checks.NONE, null, null,
          s.lastRejection());
    };
    return new TenantSnapshot(next.tenant(), next.state(), next.cluster(), next.checks(), next.durations(),
        next.reason(), next.stage(), next.lastRejection(), next.requestedBy(), next.createdAt(), event.type(),
        event.sequence(), event.time());
  }

  /** A create starts the tenant's life over; an update the states took (the tenant exists) brings its spec. */
  private static TenantSnapshot accepted(TenantSnapshot s, TenantPhase state, TenantEvent event, JsonNode data) {
    String action = data.path("action").asText();
    if ("create".equals(action)) {
      return new TenantSnapshot(s.tenant(), state, ClusterSpec.fromEvent(data.get("cluster"), null),
          TenantSnapshot.Checks.NONE, null, null, null, null, data.path("requestedBy").asText(null), event.time(),
          s.lastEvent(), s.sequence(), s.updatedAt());
    }
    if ("update".equals(action) && state == TenantPhase.UPDATING) {
      return with(s, state, ClusterSpec.fromEvent(data.get("cluster"), s.cluster()), s.checks(), null, null,
          s.lastRejection());
    }
    return s;
  }

  /** A check passed: the state, reason and stage are the rule's. */
  private static TenantSnapshot checked(TenantSnapshot s, TenantPhase state, TenantSnapshot.Checks checks) {
    return with(s, state, s.cluster(), checks, s.reason(), s.stage(), s.lastRejection());
  }

  private static TenantSnapshot ready(TenantSnapshot s, TenantPhase state, JsonNode data) {
    TenantSnapshot.Durations durations = s.durations();
    if (!data.path("recovered").asBoolean(false) && data.has("readySeconds")) {
      durations = new TenantSnapshot.Durations(decimal(data, "controlPlaneReadySeconds"),
          decimal(data, "provisionedSeconds"), decimal(data, "readySeconds"));
    }
    return new TenantSnapshot(s.tenant(), state, s.cluster(), s.checks().allPassed(), durations, null,
        null, s.lastRejection(), s.requestedBy(), s.createdAt(), s.lastEvent(), s.sequence(), s.updatedAt());
  }

  private static TenantSnapshot with(TenantSnapshot s, TenantPhase state, ClusterSpec cluster,
      TenantSnapshot.Checks checks, String reason, String stage, String lastRejection) {
    return new TenantSnapshot(s.tenant(), state, cluster, checks, s.durations(), reason, stage, lastRejection,
        s.requestedBy(), s.createdAt(), s.lastEvent(), s.sequence(), s.updatedAt());
  }

  private static BigDecimal decimal(JsonNode data, String key) {
    return data.hasNonNull(key) ? data.get(key).decimalValue() : null;
  }
}
