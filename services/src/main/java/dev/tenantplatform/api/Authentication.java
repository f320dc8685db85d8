package dev.tenantplatform.api;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;

/**
 * Lets a request through only with a bearer token that stands for a {@link Caller}, which it leaves in the
 * context for the routes. Without one: 401 with {@code WWW-Authenticate} (RFC 6750) and the reason; with a
 * valid token that grants nothing: 403.
 */
final class Authentication implements Handler<RoutingContext> {

  private static final String BEARER = "Bearer ";

  private final BearerTokens tokens;

  Authentication(BearerTokens tokens) {
    this.tokens = tokens;
  }

  @Override
  public void handle(RoutingContext ctx) {
    String header = ctx.request().getHeader(HttpHeaders.AUTHORIZATION);
    if (header == null || header.isBlank()) {
      refuse(ctx, "missing-token", null, "no token: send the header Authorization: Bearer <token> (a local"
          + " platform prints an admin token at start and keeps it in local.json; `tenant-platform tokens mint"
          + " --tenant NAME` makes a tenant token)");
      return;
    }
    if (!header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
      refuse(ctx, "invalid-token", "invalid_request", "the Authorization header is not a bearer token: send"
          + " Authorization: Bearer <token>");
      return;
    }
    // The body waits until the token is judged; a refused caller's body is never read.
    ctx.request().pause();
    tokens.caller(header.substring(BEARER.length()).trim()).onComplete(result -> {
      ctx.request().resume();
      if (result.succeeded()) {
        ctx.put(Api.CALLER, result.result());
        ctx.next();
      } else if (result.cause() instanceof BearerTokens.Forbidden forbidden) {
        Problem.of(403, "no-access", "The token grants no access", forbidden.getMessage()).send(ctx);
      } else {
        refuse(ctx, "invalid-token", "invalid_token", result.cause().getMessage());
      }
    });
  }

  private static void refuse(RoutingContext ctx, String slug, String error, String reason) {
    String challenge = "Bearer realm=\"tenant-platform\"" + (error == null ? ""
        : ", error=\"" + error + "\", error_description=\"" + reason.replace("\"", "'") + "\"");
    ctx.response().putHeader("WWW-Authenticate", challenge);
    Problem.of(401, slug, "Not authenticated", reason).send(ctx);
  }
}
