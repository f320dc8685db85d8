package dev.tenantplatform.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tenantplatform.events.ClusterSpec;
import dev.tenantplatform.events.TenantEvent;
import java.math.BigDecimal;

/**
 * Folds a tenant's lifecycle events, in sequence order, into what the API shows of it. Pure: the same events
 * give the same snapshot on every instance, which is what makes the API answer alike whichever instance
 * answers. An event at or below the snapshot's sequence has been folded already and changes nothing, so
 * reading the log twice is harmless.
 *
 * <p>States: an accepted create is Requested, its applied objects make it Provisioning, the control plane's
 * readiness and the Cluster's provisioning (in either order) are ControlPlaneReady and Provisioned, and
 * {@code tenant.ready} is Ready. An accepted update is Updating until {@code tenant.updated} or
 * {@code tenant.ready}; degraded, failed, deleting and deleted are what their events say.
 */
final class TenantFold {

  private static final ObjectMapper JSON = new ObjectMapper();

  private TenantFold() {
  }

  static TenantSnapshot apply(TenantSnapshot s, TenantEvent event) {
    if (event.sequence() <= s.sequence() || !event.tenant().equals(s.tenant())) {
      return s;
    }
    JsonNode data = event.data();
    TenantSnapshot next = switch (event.type()) {
      case TENANT_ACCEPTED -> accepted(s, event, data);
      case TENANT_REJECTED -> with(s, s.state(), s.cluster(), s.checks(), s.reason(), s.stage(),
          data.path("reason").asText(null));
      case CLUSTER_APPLIED -> with(s, s.state() == null || s.state() == TenantState.REQUESTED
          || s.state() == TenantState.FAILED || s.state() == TenantState.DEGRADED
          ? TenantState.PROVISIONING : s.state(), s.cluster(), s.checks(), null, null, s.lastRejection());
      case CLUSTER_CONTROLPLANE_READY -> stage(s, s.checks().withControlPlaneReady(),
          TenantState.CONTROL_PLANE_READY);
      case CLUSTER_PROVISIONED -> stage(s, s.checks().withProvisioned(), TenantState.PROVISIONED);
      case CLUSTER_WORKERS_READY -> stage(s, s.checks().withWorkersReady(
          data.path("readyWorkers").asInt() + "/" + data.path("workers").asInt()), null);
      case CLUSTER_CNI_APPLIED -> stage(s, s.checks().withCniApplied(), null);
      case TENANT_READY -> ready(s, data);
      case TENANT_UPDATED -> with(s, s.state() == TenantState.UPDATING ? TenantState.READY : s.state(),
          spec(data.get("cluster"), s.cluster()), s.checks(), s.reason(), s.stage(), s.lastRejection());
      case CLUSTER_DEGRADED -> with(s, TenantState.DEGRADED, s.cluster(), s.checks(),
          data.path("reason").asText(null), data.path("stage").asText(null), s.lastRejection());
      case CLUSTER_FAILED -> with(s, TenantState.FAILED, s.cluster(), s.checks(),
          data.path("reason").asText(null), data.path("stage").asText(null), s.lastRejection());
      case TENANT_DELETING -> with(s, TenantState.DELETING, s.cluster(), s.checks(), null, null,
          s.lastRejection());
      case TENANT_DELETED -> with(s, TenantState.DELETED, s.cluster(), TenantSnapshot.Checks.NONE, null, null,
          s.lastRejection());
    };
    return new TenantSnapshot(next.tenant(), next.state(), next.cluster(), next.checks(), next.durations(),
        next.reason(), next.stage(), next.lastRejection(), next.requestedBy(), next.createdAt(), event.type(),
        event.sequence(), event.time());
  }

  private static TenantSnapshot accepted(TenantSnapshot s, TenantEvent event, JsonNode data) {
    String action = data.path("action").asText();
    if ("create".equals(action)) {
      // A create after a delete starts the tenant's life over.
      return new TenantSnapshot(s.tenant(), TenantState.REQUESTED, spec(data.get("cluster"), null),
          TenantSnapshot.Checks.NONE, null, null, null, null, data.path("requestedBy").asText(null), event.time(),
          s.lastEvent(), s.sequence(), s.updatedAt());
    }
    if ("update".equals(action) && s.exists()) {
      return with(s, TenantState.UPDATING, spec(data.get("cluster"), s.cluster()), s.checks(), null, null,
          s.lastRejection());
    }
    return s;
  }

  /** A check passed; the state moves to {@code reached} only while the tenant is still coming up. */
  private static TenantSnapshot stage(TenantSnapshot s, TenantSnapshot.Checks checks, TenantState reached) {
    TenantState state = reached != null && s.state() != null && s.state().comingUp() ? reached : s.state();
    return with(s, state, s.cluster(), checks, s.reason(), s.stage(), s.lastRejection());
  }

  private static TenantSnapshot ready(TenantSnapshot s, JsonNode data) {
    TenantSnapshot.Durations durations = s.durations();
    if (!data.path("recovered").asBoolean(false) && data.has("readySeconds")) {
      durations = new TenantSnapshot.Durations(decimal(data, "controlPlaneReadySeconds"),
          decimal(data, "provisionedSeconds"), decimal(data, "readySeconds"));
    }
    return new TenantSnapshot(s.tenant(), TenantState.READY, s.cluster(), s.checks().allPassed(), durations, null,
        null, s.lastRejection(), s.requestedBy(), s.createdAt(), s.lastEvent(), s.sequence(), s.updatedAt());
  }

  private static TenantSnapshot with(TenantSnapshot s, TenantState state, ClusterSpec cluster,
      TenantSnapshot.Checks checks, String reason, String stage, String lastRejection) {
    return new TenantSnapshot(s.tenant(), state, cluster, checks, s.durations(), reason, stage, lastRejection,
        s.requestedBy(), s.createdAt(), s.lastEvent(), s.sequence(), s.updatedAt());
  }

  private static BigDecimal decimal(JsonNode data, String key) {
    return data.hasNonNull(key) ? data.get(key).decimalValue() : null;
  }

  /** The spec in an event's {@code cluster}, or {@code fallback} when there is none that can be read. */
  private static ClusterSpec spec(JsonNode cluster, ClusterSpec fallback) {
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
