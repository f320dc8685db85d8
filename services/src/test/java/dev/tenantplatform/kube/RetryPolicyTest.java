package dev.tenantplatform.kube;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.client.ConfigBuilder;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {

  private final RetryPolicy policy = new RetryPolicy(6, Duration.ofMillis(100), Duration.ofSeconds(1));

  @Test
  void theWaitDoublesWithEachFailureUpToTheMaximum() {
    assertThat(policy.delayAfter(1, 0.999)).isBetween(Duration.ofMillis(99), Duration.ofMillis(100));
    assertThat(policy.delayAfter(2, 0.999)).isBetween(Duration.ofMillis(199), Duration.ofMillis(200));
    assertThat(policy.delayAfter(3, 0.999)).isBetween(Duration.ofMillis(399), Duration.ofMillis(400));
    assertThat(policy.delayAfter(5, 0.999)).isBetween(Duration.ofMillis(999), Duration.ofSeconds(1));
    assertThat(policy.delayAfter(60, 0.999)).isBetween(Duration.ofMillis(999), Duration.ofSeconds(1));
  }

  @Test
  void theJitterSpreadsTheUpperHalfOfEachWait() {
    assertThat(policy.delayAfter(3, 0.0)).isEqualTo(Duration.ofMillis(200));
    assertThat(policy.delayAfter(3, 0.5)).isEqualTo(Duration.ofMillis(300));
  }

  @Test
  void aPolicyThatCannotWorkIsRefusedWithTheReason() {
    assertThatThrownBy(() -> new RetryPolicy(0, Duration.ofMillis(1), Duration.ofMillis(1)))
        .hasMessageContaining("at least 1 (1 = no retry)");
    assertThatThrownBy(() -> new RetryPolicy(3, Duration.ZERO, Duration.ofMillis(1)))
        .hasMessageContaining("baseDelay must be positive");
    assertThatThrownBy(() -> new RetryPolicy(3, Duration.ofSeconds(2), Duration.ofSeconds(1)))
        .hasMessageContaining("must be at least baseDelay");
  }

  @Test
  void theClientOfAPolicyDoesNotRetryOnItsOwn() {
    var config = new ConfigBuilder().withMasterUrl("https://api.example:6443").withRequestRetryBackoffLimit(10).build();

    var single = RetryPolicy.withoutClientRetries(config);

    assertThat(single.getRequestRetryBackoffLimit()).isZero();
    assertThat(single.getMasterUrl()).isEqualTo(config.getMasterUrl());
  }
}
