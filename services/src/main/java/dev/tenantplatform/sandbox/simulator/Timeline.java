package dev.tenantplatform.sandbox.simulator;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * When each object entered each simulated step, to millisecond precision (object timestamps only have
 * seconds, too coarse for the demo profile). After a restart the steps start again from the first sight.
 */
final class Timeline {

  private final Clock clock;
  private final Map<String, Map<String, Instant>> entered = new ConcurrentHashMap<>();

  Timeline(Clock clock) {
    this.clock = clock;
  }

  Instant now() {
    return clock.instant();
  }

  /** When the object was first seen in this step; now if this is the first time. */
  Instant since(String uid, String step) {
    return entered.computeIfAbsent(uid, k -> new ConcurrentHashMap<>()).computeIfAbsent(step, k -> clock.instant());
  }

  /** How long until the step has lasted {@code duration}; zero when it has. */
  Duration remaining(String uid, String step, Duration duration) {
    Instant due = since(uid, step).plus(duration);
    Duration left = Duration.between(clock.instant(), due);
    return left.isNegative() ? Duration.ZERO : left;
  }

  /** Forgets a deleted object. */
  void forget(String uid) {
    entered.remove(uid);
  }
}
