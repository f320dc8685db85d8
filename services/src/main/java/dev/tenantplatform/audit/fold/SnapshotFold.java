package dev.tenantplatform.audit.fold;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tenantplatform.events.ClusterSpec;
import dev.tenantplatform.events.TenantEvent;
import java.math.BigDecimal;

/**
 * Folds a tenant's events, in log order, into a {@link TenantSnapshot}, with the rules by which the API shows
 * a tenant, so that a replay at an instant shows what the API showed then.
 *
 * <p>An accepted create is Requested (and starts the tenant's life over after a delete), its applied objects
 * make it Provisioning, the control plane's readiness and the Cluster's provisioning (either first) are
 * ControlPlaneReady and Provisioned while the tenant comes up, and {@code tenant.ready} is Ready. An accepted
 * update is Updating until {@code tenant.updated} or {@code tenant.ready}; degraded, failed, deleting and deleted
 * are what their events say. An event at or below the sequence folded so far (a duplicate, a fork's second
 * branch) changes nothing: the chain's verification reports it.
 */
public final class SnapshotFold {

  // Consumers ignore data keys they do not know (events/README.md), the spec's included.
  private static final ObjectMapper JSON = new ObjectMapper()
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

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
    TenantSnapshot next = switch (event.type()) {
      case TENANT_ACCEPTED -> accepted(s, data);
      case TENANT_REJECTED -> new TenantSnapshot(s.tenant(), s.state(), s.spec(), s.checks(), s.durations(),
          s.sequence(), s.lastEventAt(), s.reason(), data.path("reason").asText(null));
      case CLUSTER_APPLIED -> with(s, s.state() == null || s.state() == TenantStatus.REQUESTED
          || s.state() == TenantStatus.FAILED || s.state() == TenantStatus.DEGRADED
          ? TenantStatus.PROVISIONING : s.state(), s.checks(), null);
      case CLUSTER_CONTROLPLANE_READY -> stage(s, s.checks().withControlPlaneReady(),
          TenantStatus.CONTROL_PLANE_READY);
      case CLUSTER_PROVISIONED -> stage(s, s.checks().withProvisioned(), TenantStatus.PROVISIONED);
      case CLUSTER_WORKERS_READY -> stage(s, s.checks().withWorkersReady(), null);
      case CLUSTER_CNI_APPLIED -> stage(s, s.checks().withCniApplied(), null);
      case TENANT_READY -> ready(s, data);
      case TENANT_UPDATED -> new TenantSnapshot(s.tenant(),
          s.state() == TenantStatus.UPDATING ? TenantStatus.READY : s.state(), spec(data.get("cluster"), s.spec()),
          s.checks(), s.durations(), s.sequence(), s.lastEventAt(), s.reason(), s.lastRejection());
      case CLUSTER_DEGRADED -> with(s, TenantStatus.DEGRADED, s.checks(), reason(data));
      case CLUSTER_FAILED -> with(s, TenantStatus.FAILED, s.checks(), reason(data));
      case TENANT_DELETING -> with(s, TenantStatus.DELETING, s.checks(), null);
      case TENANT_DELETED -> with(s, TenantStatus.DELETED, Checks.NONE, null);
    };
    return new TenantSnapshot(next.tenant(), next.state(), next.spec(), next.checks(), next.durations(),
        event.sequence(), event.time(), next.reason(), next.lastRejection());
  }

  private static TenantSnapshot accepted(TenantSnapshot s, JsonNode data) {
    String action = data.path("action").asText();
    if ("create".equals(action)) {
      return new TenantSnapshot(s.tenant(), TenantStatus.REQUESTED, spec(data.get("cluster"), null), Checks.NONE,
          Durations.NONE, s.sequence(), s.lastEventAt(), null, s.lastRejection());
    }
    if ("update".equals(action) && s.state() != null) {
      return new TenantSnapshot(s.tenant(), TenantStatus.UPDATING, spec(data.get("cluster"), s.spec()), s.checks(),
          s.durations(), s.sequence(), s.lastEventAt(), null, s.lastRejection());
    }
    return s;
  }

  /** A check passed; the state moves to {@code reached} only while the tenant is still coming up. */
  private static TenantSnapshot stage(TenantSnapshot s, Checks checks, TenantStatus reached) {
    boolean comingUp = s.state() == TenantStatus.REQUESTED || s.state() == TenantStatus.PROVISIONING
        || s.state() == TenantStatus.CONTROL_PLANE_READY || s.state() == TenantStatus.PROVISIONED;
    return with(s, reached != null && comingUp ? reached : s.state(), checks, s.reason());
  }

  private static TenantSnapshot ready(TenantSnapshot s, JsonNode data) {
    Durations durations = data.path("recovered").asBoolean(false)
        ? s.durations().recovery(decimal(data, "degradedSeconds", BigDecimal.ZERO))
        : s.durations().provisioning(decimal(data, "controlPlaneReadySeconds", null),
            decimal(data, "provisionedSeconds", null), decimal(data, "readySeconds", null));
    return new TenantSnapshot(s.tenant(), TenantStatus.READY, s.spec(), new Checks(true, true, true, true),
        durations, s.sequence(), s.lastEventAt(), null, s.lastRejection());
  }

  private static TenantSnapshot with(TenantSnapshot s, TenantStatus state, Checks checks, String reason) {
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

  /** The spec in an event's {@code cluster}, or {@code fallback} when there is none that can be read. */
  static ClusterSpec spec(JsonNode cluster, ClusterSpec fallback) {
    if (cluster == null || !cluster.isObject()) {
      return fallback;
    }
    try {
      return JSON.treeToValue(cluster, ClusterSpec.class);
    } catch (JsonProcessingException | IllegalArgumentException e) {
      return fallback;
    }
  }
}
