package dev.tenantplatform.watcher;

import dev.tenantplatform.watcher.state.StateConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The watcher's settings.
 *
 * @param state when a tenant counts as Degraded
 * @param debounce how long changes of a tenant are gathered before its state is derived again: a controller
 *     writes several objects for one step, and one derivation covers them all
 * @param resync how often every tenant's state is derived again whether anything changed or not (level-triggered:
 *     only what the chain lacks is emitted)
 * @param tick how often tenants waiting for progress are looked at, so that a stall is reported on time
 */
public record WatcherConfig(StateConfig state, Duration debounce, Duration resync, Duration tick) {

  public WatcherConfig {
    Objects.requireNonNull(state, "state");
    List<String> problems = new ArrayList<>();
    positive(problems, "debounce", debounce, "20ms");
    positive(problems, "resync", resync, "5m");
    positive(problems, "tick", tick, "1s");
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException("watcher config: " + String.join("; ", problems));
    }
  }

  public static WatcherConfig defaults() {
    return new WatcherConfig(StateConfig.DEFAULTS, Duration.ofMillis(20), Duration.ofMinutes(5), Duration.ofSeconds(1));
  }

  public WatcherConfig withState(StateConfig value) {
    return new WatcherConfig(value, debounce, resync, tick);
  }

  public WatcherConfig withResync(Duration value) {
    return new WatcherConfig(state, debounce, value, tick);
  }

  public WatcherConfig withTick(Duration value) {
    return new WatcherConfig(state, debounce, resync, value);
  }

  public WatcherConfig withDebounce(Duration value) {
    return new WatcherConfig(state, value, resync, tick);
  }

  private static void positive(List<String> problems, String name, Duration value, String example) {
    if (value == null || value.isNegative() || value.toMillis() < 1) {
      problems.add(name + " must be at least 1ms (default " + example + "), got " + value);
    }
  }
}
