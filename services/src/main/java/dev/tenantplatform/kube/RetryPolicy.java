package dev.tenantplatform.kube;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import java.time.Duration;

/**
 * How often and how patiently a Kubernetes write is tried again after a transient error (409, 429,
 * 5xx, timeouts and broken connections): at most {@code attempts} tries in all, waiting an exponentially
 * growing, jittered delay between them, from {@code baseDelay} up to {@code maxDelay}.
 *
 * <p>fabric8 retries too: inside one HTTP call it repeats 429/5xx/IO failures
 * ({@code requestRetryBackoffLimit}, default 10, from 100 ms doubling). The two layers multiply, so a
 * persistent 503 would cost {@code attempts × (limit + 1)} calls and minutes of waiting. The platform
 * lets this policy decide alone: its clients are built with {@link #withoutClientRetries(Config)}. This
 * layer is the one that also retries 409 conflicts, which fabric8 never does, and it waits on a Vert.x
 * timer rather than on a blocked worker thread.
 */
public record RetryPolicy(int attempts, Duration baseDelay, Duration maxDelay) {

  /** Six tries, waiting 3 to 6 s in all: rides out an API server restart or a brief overload. */
  public static final RetryPolicy DEFAULT = new RetryPolicy(6, Duration.ofMillis(200), Duration.ofSeconds(5));

  public RetryPolicy {
    if (attempts < 1) {
      throw new IllegalArgumentException("retry attempts must be at least 1 (1 = no retry), got " + attempts);
    }
    if (baseDelay == null || baseDelay.isNegative() || baseDelay.isZero()) {
      throw new IllegalArgumentException("retry baseDelay must be positive, got " + baseDelay);
    }
    if (maxDelay == null || maxDelay.compareTo(baseDelay) < 0) {
      throw new IllegalArgumentException("retry maxDelay " + maxDelay + " must be at least baseDelay " + baseDelay);
    }
  }

  /**
   * The wait after the {@code failures}-th failed try: the exponential step {@code baseDelay × 2^(failures-1)},
   * capped at {@code maxDelay}, of which the upper half is random ({@code jitter} in [0, 1)), so that
   * instances that failed together do not retry in lockstep.
   */
  public Duration delayAfter(int failures, double jitter) {
    long base = baseDelay.toMillis();
    int doublings = Math.min(Math.max(failures - 1, 0), 30);
    long step = Math.min(maxDelay.toMillis(), base << doublings);
    long half = step / 2;
    return Duration.ofMillis(half + (long) ((step - half) * jitter));
  }

  /** A copy of {@code config} whose client does not retry on its own, leaving retries to a policy. */
  public static Config withoutClientRetries(Config config) {
    return new ConfigBuilder(config).withRequestRetryBackoffLimit(0).build();
  }
}
