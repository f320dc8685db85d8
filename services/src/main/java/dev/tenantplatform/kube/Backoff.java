package dev.tenantplatform.kube;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BiFunction;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one call again after transient API errors ({@link ApiErrors#isTransient}), waiting on Vert.x timers
 * as the {@link RetryPolicy} says, or longer when the API server asked for it ({@link ApiErrors#retryAfter});
 * a permanent error, or the last failed try, ends it at once.
 */
final class Backoff {

  private static final Logger LOG = LoggerFactory.getLogger(Backoff.class);
  private final Vertx vertx;
  private final RetryPolicy policy;

  Backoff(Vertx vertx, RetryPolicy policy) {
    this.vertx = vertx;
    this.policy = policy;
  }

  /**
   * @param what names the call in the log line of each retry, where a slow tenant's time went
   * @param call one try; called again for each retry
   * @param giveUp turns the last error and the number of tries made into the error the caller sees
   */
  <T> Future<T> run(Supplier<String> what, Supplier<Future<T>> call,
      BiFunction<Throwable, Integer, Throwable> giveUp) {
    return attempt(what, call, giveUp, 1);
  }

  private <T> Future<T> attempt(Supplier<String> what, Supplier<Future<T>> call,
      BiFunction<Throwable, Integer, Throwable> giveUp, int attempt) {
    return call.get().recover(error -> {
      if (attempt >= policy.attempts() || !ApiErrors.isTransient(error)) {
        return Future.failedFuture(giveUp.apply(error, attempt));
      }
      long delay = Math.max(1, Math.max(ApiErrors.retryAfter(error).toMillis(),
          policy.delayAfter(attempt, ThreadLocalRandom.current().nextDouble()).toMillis()));
      LOG.info("{} failed, try {} of {} in {} ms: {}", what.get(), attempt + 1, policy.attempts(), delay,
          error.getMessage());
      Promise<Void> waited = Promise.promise();
      vertx.setTimer(delay, id -> waited.complete());
      return waited.future().compose(ignored -> attempt(what, call, giveUp, attempt + 1));
    });
  }
}
