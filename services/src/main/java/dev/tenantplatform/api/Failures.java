package dev.tenantplatform.api;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns every failed request into a problem: the route's own problems as they are, the limits' statuses with
 * what to do, and anything unexpected as a 500 that reveals nothing of the inside (the log has the cause).
 */
final class Failures implements Handler<RoutingContext> {

  private static final Logger LOG = LoggerFactory.getLogger(Failures.class);

  private final ApiLimits limits;

  Failures(ApiLimits limits) {
    this.limits = limits;
  }

  @Override
  public void handle(RoutingContext ctx) {
    Throwable failure = ctx.failure();
    if (failure instanceof ProblemException problem) {
      problem.problem().send(ctx);
      return;
    }
    int status = ctx.statusCode();
    Problem problem = switch (status) {
      case 413 -> Problem.of(413, "body-too-large", "Request body too large", "the body is over the limit of "
          + limits.maxBodyBytes() + " bytes: a tenant request needs well under 1 KiB, send the request alone");
      case 503 -> Problem.of(503, "timeout", "The request took too long", "the request did not finish within "
          + limits.timeout().toSeconds() + " s: retry (with the same Idempotency-Key for a change, so that it"
          + " acts once)");
      case 400 -> Problem.of(400, "invalid-request", "The request is not valid", "the request cannot be read: "
          + (failure == null ? "check its headers and body" : failure.getMessage()));
      default -> null;
    };
    if (problem == null) {
      LOG.error("request failed: {} {}", ctx.request().method(), ctx.request().path(), failure);
      problem = Problem.of(500, "internal-error", "Internal error", "the platform could not answer this request;"
          + " it is logged: retry, and tell the platform's operators if it persists");
    }
    problem.send(ctx);
  }
}
