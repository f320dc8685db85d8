package dev.tenantplatform.metrics.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class SavingsSettingsTest {

  @Test
  void withoutSettingsTheDefaultsCompareWithThreeT3MediumAtOpenCostsRates() {
    SavingsConfig config = SavingsSettings.apply(Map.of());

    assertThat(config.baseline().name()).isEqualTo("ha");
    assertThat(config.baseline().nodesPerCluster()).isEqualTo(3);
    assertThat(config.baseline().node().instanceType()).isEqualTo("t3.medium");
    assertThat(config.management()).isEqualTo(ManagementPrices.OPENCOST_DEFAULTS);
    assertThat(config.currency()).isEqualTo("USD");
  }

  @Test
  void anOperatorPicksTheProfileTheMachineAndThePricesWithTheirSource() {
    SavingsConfig config = SavingsSettings.apply(Map.of(
        "TENANT_PLATFORM_SAVINGS_PROFILE", "dev",
        "TENANT_PLATFORM_SAVINGS_NODE_TYPE", "m6i.large",
        "TENANT_PLATFORM_SAVINGS_NODE_VCPU", "2",
        "TENANT_PLATFORM_SAVINGS_NODE_MEMORY", "8Gi",
        "TENANT_PLATFORM_SAVINGS_NODE_PRICE_PER_HOUR", "0.096",
        "TENANT_PLATFORM_SAVINGS_CURRENCY", "EUR",
        "TENANT_PLATFORM_SAVINGS_PRICE_SOURCE", "our 2026 contract"));

    assertThat(config.baseline().nodesPerCluster()).isEqualTo(1);
    assertThat(config.baseline().node().memoryBytes()).isEqualTo(8L << 30);
    assertThat(config.baseline().node().pricePerHour()).isEqualByComparingTo("0.096");
    assertThat(config.withProfile("ha").baseline().node().instanceType()).isEqualTo("m6i.large");
    assertThat(config.currency()).isEqualTo("EUR");
    assertThat(config.priceSource()).isEqualTo("our 2026 contract");
  }

  @Test
  void everyBadValueIsNamedWithWhatToGiveInstead() {
    assertThatThrownBy(() -> SavingsSettings.apply(Map.of(
        "TENANT_PLATFORM_SAVINGS_NODE_MEMORY", "lots",
        "TENANT_PLATFORM_SAVINGS_NODE_CPU_HOURLY_COST", "cheap")))
        .hasMessageContaining("TENANT_PLATFORM_SAVINGS_NODE_MEMORY='lots' is not a quantity such as 4Gi")
        .hasMessageContaining("TENANT_PLATFORM_SAVINGS_NODE_CPU_HOURLY_COST='cheap' is not a price per vCPU-hour")
        .hasMessageContaining("TENANT_PLATFORM_SAVINGS_PRICE_SOURCE is missing");
    assertThatThrownBy(() -> SavingsSettings.apply(Map.of("TENANT_PLATFORM_SAVINGS_PROFILE", "huge")))
        .hasMessageContaining("no baseline profile 'huge': choose one of dev, ha");
  }
}
