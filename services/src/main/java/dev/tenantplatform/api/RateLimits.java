package dev.tenantplatform.api;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * A rate per caller (the token's subject): each has a bucket of its own, so a caller that floods gets 429
 * with {@code Retry-After} while every other caller is served as before. Buckets of quiet callers are
 * forgotten, so the map stays as large as the set of recent callers, and at most {@code maxCallers}.
 *
 * <p>The rate holds per instance: behind a load balancer of n instances a caller gets up to n times it.
 */
final class RateLimits implements Handler<RoutingContext> {

  private final Map<String, TokenBucket> buckets = new ConcurrentHashMap<>();
  private final ApiLimits limits;
  private final LongSupplier clock;

  RateLimits(ApiLimits limits, LongSupplier clock) {
    this.limits = limits;
    this.clock = clock;
  }

  @Override
  public void handle(RoutingContext ctx) {
    Caller caller = ctx.get(Api.CALLER);
    long now = clock.getAsLong();
    if (buckets.size() >= limits.maxCallers()) {
      forgetQuiet(now);
    }
    TokenBucket bucket = buckets.computeIfAbsent(caller.scope() + ":" + caller.subject(),
        key -> new TokenBucket(limits.burst(), limits.requestsPerSecond(), now));
    long waitNanos = bucket.take(now);
    if (waitNanos == 0) {
      ctx.next();
      return;
    }
    long seconds = Math.max(1, (waitNanos + 999_999_999L) / 1_000_000_000L);
    ctx.response().putHeader("Retry-After", String.valueOf(seconds));
    Problem.of(429, "rate-limited", "Too many requests", "this token sent more than " + limits.burst()
        + " requests in a burst or " + limits.requestsPerSecond() + " per second: retry after " + seconds
        + " s, and space requests out (watch a tenant's state rather than polling it in a tight loop)")
        .send(ctx);
  }

  private void forgetQuiet(long now) {
    buckets.values().removeIf(bucket -> bucket.full(now));
  }

  int tracked() {
    return buckets.size();
  }
}
