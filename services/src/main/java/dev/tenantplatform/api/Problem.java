package dev.tenantplatform.api;

import dev.tenantplatform.events.Violation;
import io.vertx.core.Future;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.List;

/**
 * An error as {@code application/problem+json} (RFC 9457): a status, a stable {@code type} a program can
 * switch on, a title, and a {@code detail} a person can act on; validation problems list each field.
 *
 * @param status the HTTP status
 * @param slug the last part of {@code type}: {@code https://tenantplatform.dev/problems/<slug>}
 * @param title the same for every problem of this type
 * @param detail what is wrong here and what to do about it
 * @param violations each wrong field of a request body; empty otherwise
 */
public record Problem(int status, String slug, String title, String detail, List<Violation> violations) {

  public static final String CONTENT_TYPE = "application/problem+json";
  public static final String TYPE_BASE = "https://tenantplatform.dev/problems/";

  public Problem {
    violations = List.copyOf(violations);
  }

  public static Problem of(int status, String slug, String title, String detail) {
    return new Problem(status, slug, title, detail, List.of());
  }

  /** A tenant that does not exist, or that the caller may not see: the same answer, so neither is revealed. */
  public static Problem noSuchTenant(String tenant) {
    return of(404, "tenant-not-found", "No such tenant", "there is no tenant named '" + tenant + "' that this"
        + " token may see: check the name (GET /api/v1/tenants lists the tenants you may see); a tenant created"
        + " moments ago appears once the platform has accepted it");
  }

  public static Problem invalidRequest(List<Violation> violations) {
    return new Problem(400, "invalid-request", "The request is not valid", Violation.summary(violations),
        violations);
  }

  public JsonObject toJson(String instance) {
    JsonObject json = new JsonObject()
        .put("type", TYPE_BASE + slug)
        .put("title", title)
        .put("status", status)
        .put("detail", detail);
    if (instance != null) {
      json.put("instance", instance);
    }
    if (!violations.isEmpty()) {
      JsonArray list = new JsonArray();
      violations.forEach(v -> list.add(new JsonObject().put("field", v.field()).put("reason", v.reason())));
      json.put("violations", list);
    }
    return json;
  }

  /** Answers {@code ctx} with this problem, unless an answer has already begun. */
  public Future<Void> send(RoutingContext ctx) {
    if (ctx.response().headWritten() || ctx.response().closed()) {
      return Future.succeededFuture();
    }
    return ctx.response()
        .setStatusCode(status)
        .putHeader(HttpHeaders.CONTENT_TYPE, CONTENT_TYPE)
        .putHeader(HttpHeaders.CACHE_CONTROL, "no-store")
        .end(toJson(ctx.request().path()).encode());
  }
}
