package dev.tenantplatform.bench;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** The end of one side's batch: each tenant finishes once, and a batch that stops making progress is given up. */
final class Completion {

  /** Far above any one tenant's time on the embedded API: a side this quiet is stuck, not slow. */
  static final Duration STALL = Duration.ofSeconds(60);

  private final String side;
  private final int expected;
  private final Set<String> finished = ConcurrentHashMap.newKeySet();
  private final CountDownLatch remaining;

  Completion(String side, int expected) {
    this.side = side;
    this.expected = expected;
    this.remaining = new CountDownLatch(expected);
  }

  /**
   * Finishes the tenant the first time it is called for it, {@code outcome} first (so whoever awaits the batch
   * finds it recorded); later calls for the same tenant do nothing and answer false.
   */
  boolean finish(String tenant, Runnable outcome) {
    if (!finished.add(tenant)) {
      return false;
    }
    try {
      outcome.run();
    } finally {
      remaining.countDown();
    }
    return true;
  }

  /** Returns once every tenant has finished; fails when none finished for {@link #STALL}. */
  void await() throws InterruptedException {
    int seen = -1;
    long progressed = System.nanoTime();
    while (!remaining.await(1, TimeUnit.SECONDS)) {
      int done = finished.size();
      if (done != seen) {
        seen = done;
        progressed = System.nanoTime();
      } else if (System.nanoTime() - progressed > STALL.toNanos()) {
        throw new BenchException("the " + side + " side finished no tenant for " + STALL.toSeconds() + " s, "
            + done + " of " + expected + " done: it is stuck; see the log above for the cause");
      }
    }
  }
}
