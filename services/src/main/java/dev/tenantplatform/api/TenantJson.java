package dev.tenantplatform.api;

import dev.tenantplatform.events.ClusterSpec;
import dev.tenantplatform.events.TenantEvent;
import io.vertx.core.json.JsonObject;

/** The JSON the API answers with: a tenant as {@code GET /tenants/{tenant}} shows it, and one of its events. */
final class TenantJson {

  private TenantJson() {
  }

  static JsonObject tenant(TenantSnapshot s) {
    JsonObject json = new JsonObject().put("tenant", s.tenant()).put("state", s.state().label());
    putIfPresent(json, "reason", s.reason());
    putIfPresent(json, "stage", s.stage());
    if (s.cluster() != null) {
      json.put("cluster", cluster(s.cluster()));
    }
    TenantSnapshot.Checks checks = s.checks();
    JsonObject checksJson = new JsonObject()
        .put("controlPlaneReady", checks.controlPlaneReady())
        .put("provisioned", checks.provisioned())
        .put("workersReady", checks.workersReady())
        .put("cniApplied", checks.cniApplied());
    putIfPresent(checksJson, "workers", checks.workers());
    json.put("checks", checksJson);
    if (s.durations() != null) {
      json.put("durations", new JsonObject()
          .put("controlPlaneReadySeconds", s.durations().controlPlaneReadySeconds())
          .put("provisionedSeconds", s.durations().provisionedSeconds())
          .put("readySeconds", s.durations().readySeconds()));
    }
    putIfPresent(json, "requestedBy", s.requestedBy());
    putIfPresent(json, "createdAt", s.createdAt() == null ? null : s.createdAt().toString());
    putIfPresent(json, "updatedAt", s.updatedAt() == null ? null : s.updatedAt().toString());
    putIfPresent(json, "lastEvent", s.lastEvent() == null ? null : s.lastEvent().eventName());
    json.put("sequence", s.sequence());
    putIfPresent(json, "lastRejection", s.lastRejection());
    return json;
  }

  static JsonObject cluster(ClusterSpec spec) {
    JsonObject json = new JsonObject();
    putIfPresent(json, "version", spec.version());
    putIfPresent(json, "controlPlaneReplicas", spec.controlPlaneReplicas());
    putIfPresent(json, "workers", spec.workers());
    putIfPresent(json, "cni", spec.cni());
    putIfPresent(json, "persistence", spec.persistence());
    putIfPresent(json, "serviceType", spec.serviceType());
    putIfPresent(json, "infrastructure", spec.infrastructure());
    return json;
  }

  /** A request body's {@code cluster}, already checked against the contract (types, no unknown fields). */
  static ClusterSpec cluster(JsonObject json) {
    if (json == null) {
      return ClusterSpec.UNCHANGED;
    }
    return new ClusterSpec(json.getString("version"), json.getInteger("controlPlaneReplicas"),
        json.getInteger("workers"), json.getString("cni"), json.getString("persistence"),
        json.getString("serviceType"), json.getString("infrastructure"));
  }

  static JsonObject event(TenantEvent event) {
    return new JsonObject()
        .put("id", event.id())
        .put("type", event.type().eventName())
        .put("sequence", event.sequence())
        .put("time", event.time().toString())
        .put("requestId", event.requestId())
        .put("previousHash", event.previousHash())
        .put("hash", event.hash())
        .put("data", new JsonObject(event.data().toString()));
  }

  private static void putIfPresent(JsonObject json, String key, Object value) {
    if (value != null) {
      json.put(key, value);
    }
  }
}
