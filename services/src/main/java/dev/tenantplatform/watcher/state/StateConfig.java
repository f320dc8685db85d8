package dev.tenantplatform.watcher.state;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * When a tenant counts as Degraded.
 *
 * @param degradedAfter how long a tenant that is provisioning or updating may go without progress
 * @param fallbackGrace how long a Ready tenant may fall back (a check failing again, outside an update) before it
 *     is Degraded; short blips such as a pod restarting stay unreported
 */
public record StateConfig(Duration degradedAfter, Duration fallbackGrace) {

  /** Ten minutes to progress, one minute to come back. */
  public static final StateConfig DEFAULTS = new StateConfig(Duration.ofMinutes(10), Duration.ofMinutes(1));

  public StateConfig {
    List<String> problems = new ArrayList<>();
    if (degradedAfter == null || degradedAfter.isNegative() || degradedAfter.isZero()) {
      problems.add("degradedAfter must be a positive duration (default " + human(Duration.ofMinutes(10)) + "), got "
          + degradedAfter);
    }
    if (fallbackGrace == null || fallbackGrace.isNegative()) {
      problems.add("fallbackGrace must be zero or a positive duration (default 1m), got " + fallbackGrace);
    }
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException("watcher state config: " + String.join("; ", problems));
    }
  }

  /** A duration as people write it: {@code 45s}, {@code 10m}, {@code 1h5m}. */
  public static String human(Duration duration) {
    long seconds = Math.max(0, duration.toSeconds());
    if (seconds < 60) {
      return seconds + "s";
    }
    long minutes = seconds / 60;
    if (minutes < 60) {
      return minutes + "m";
    }
    return minutes / 60 + "h" + (minutes % 60 == 0 ? "" : minutes % 60 + "m");
  }
}
