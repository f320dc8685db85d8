package dev.tenantplatform.watcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tenantplatform.watcher.state.StateConfig;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class WatcherConfigTest {

  @Test
  void theDefaultsGiveTenMinutesToProgressAndResyncEveryFiveMinutes() {
    WatcherConfig config = WatcherConfig.defaults();

    assertThat(config.state().degradedAfter()).isEqualTo(Duration.ofMinutes(10));
    assertThat(config.resync()).isEqualTo(Duration.ofMinutes(5));
  }

  @Test
  void everyWrongDurationIsNamedAtOnceWithItsDefault() {
    assertThatThrownBy(() -> new WatcherConfig(StateConfig.DEFAULTS, Duration.ZERO, Duration.ofSeconds(-1),
        Duration.ofSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("debounce must be at least 1ms (default 20ms), got PT0S")
        .hasMessageContaining("resync must be at least 1ms (default 5m), got PT-1S");
  }

  @Test
  void aTenantCannotBeDegradedBeforeItHadAnyTimeToProgress() {
    assertThatThrownBy(() -> new StateConfig(Duration.ZERO, Duration.ofMinutes(1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("degradedAfter must be a positive duration (default 10m), got PT0S");
  }
}
