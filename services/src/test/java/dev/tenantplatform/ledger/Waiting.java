package dev.tenantplatform.ledger;

import io.vertx.core.Future;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/** The test thread waits for a Vert.x future's outcome, with a deadline: never on an event loop. */
final class Waiting {

  private static final long SECONDS = 30;

  private Waiting() {
  }

  static <T> T on(Future<T> future) throws Exception {
    try {
      return future.toCompletionStage().toCompletableFuture().get(SECONDS, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof Exception cause ? cause : e;
    }
  }

  /** The failure {@code future} ends with; fails the test when it succeeds. */
  static Throwable failure(Future<?> future) throws Exception {
    try {
      Object result = future.toCompletionStage().toCompletableFuture().get(SECONDS, TimeUnit.SECONDS);
      throw new AssertionError("expected a failure, got " + result);
    } catch (ExecutionException e) {
      return e.getCause();
    }
  }
}
