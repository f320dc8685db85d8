package dev.tenantplatform.api;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.util.Objects;

/**
 * A read-only route for the admin scope that another component serves under the API (the audit report):
 * the API authenticates the caller, applies its rate limit and refuses every scope but admin; the handler
 * answers. No request timeout applies, since such a read may stream for longer than a request may take; the
 * handler bounds its own work.
 *
 * @param path the route under {@code /api/v1}, e.g. {@code /audit}
 * @param handler answers an authenticated admin's GET; fails the context with an
 *     {@link IllegalArgumentException} for a bad parameter (400) or an {@link IllegalStateException} when what
 *     it reads is unavailable (503), either with a message that says what to do; once the answer has started,
 *     a failure cuts it off
 */
public record AdminRead(String path, Handler<RoutingContext> handler) {

  public AdminRead {
    Objects.requireNonNull(handler, "handler");
    if (path == null || !path.matches("/[a-z][a-z0-9/-]*")) {
      throw new IllegalArgumentException("an admin read's path must look like /audit, got " + path);
    }
  }
}
