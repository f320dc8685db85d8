package dev.tenantplatform.api;

import io.vertx.core.Future;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** Answers that every route gives alike. */
final class Responses {

  private Responses() {
  }

  /** {@code body} as JSON with {@code status}, unless the request already got an answer (a timeout). */
  static Future<Void> json(RoutingContext ctx, int status, JsonObject body) {
    if (ctx.response().headWritten() || ctx.response().closed()) {
      return Future.succeededFuture();
    }
    return ctx.response().setStatusCode(status)
        .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
        .putHeader(HttpHeaders.CACHE_CONTROL, "no-store")
        .end(body.encode());
  }

  /** The caller the authentication handler found. */
  static Caller caller(RoutingContext ctx) {
    return ctx.get(Api.CALLER);
  }

  /** Fails the request with {@code problem}, for the failure handler to send. */
  static <T> Future<T> fail(Problem problem) {
    return Future.failedFuture(new ProblemException(problem));
  }

  /** Where the API is mounted ({@code /api/v1}), for links. */
  static String base(RoutingContext ctx) {
    String mount = ctx.mountPoint();
    if (mount == null) {
      return "";
    }
    return mount.endsWith("/") ? mount.substring(0, mount.length() - 1) : mount;
  }
}
