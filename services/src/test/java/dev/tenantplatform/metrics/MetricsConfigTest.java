package dev.tenantplatform.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class MetricsConfigTest {

  @Test
  void perTenantSeriesAreOffUnlessTheEnvironmentAsksForThem() {
    assertThat(MetricsConfig.fromEnvironment("k:9092", Map.of()).slowestTenants()).isZero();
    assertThat(MetricsConfig.fromEnvironment("k:9092", Map.of(MetricsConfig.SLOWEST_TENANTS_ENV, " 25 "))
        .slowestTenants()).isEqualTo(25);
  }

  @Test
  void aSettingThatIsNotAWholeNumberSaysWhatToGive() {
    assertThatThrownBy(() -> MetricsConfig.fromEnvironment("k:9092",
        Map.of(MetricsConfig.SLOWEST_TENANTS_ENV, "all")))
        .hasMessageContaining(MetricsConfig.SLOWEST_TENANTS_ENV + "='all' is not a whole number");
  }

  @Test
  void moreSeriesThanTheLimitAreRefusedWithTheRange() {
    assertThatThrownBy(() -> MetricsConfig.defaults("k:9092").withSlowestTenants(10_000))
        .hasMessageContaining("give 0 (no per-tenant series) to 1000");
  }
}
