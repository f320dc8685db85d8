package dev.tenantplatform.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

class TopTenantGaugesTest {

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

  @Test
  void onlyTheTenantsWithTheHighestValuesHaveASeries() {
    TopTenantGauges gauges = new TopTenantGauges(registry, "slow", "test", 2);
    gauges.put("a", 10);
    gauges.put("b", 30);
    gauges.put("c", 20);

    assertThat(gauges.published()).containsExactlyInAnyOrder("b", "c");
    assertThat(registry.find("slow").gauges()).hasSize(2);
    assertThat(registry.get("slow").tag(MetricNames.TENANT, "b").gauge().value()).isEqualTo(30.0);
  }

  @Test
  void aRemovedTenantTakesItsSeriesWithItAndTheNextInLineTakesItsPlace() {
    TopTenantGauges gauges = new TopTenantGauges(registry, "slow", "test", 2);
    gauges.put("a", 10);
    gauges.put("b", 30);
    gauges.put("c", 20);

    gauges.remove("b");

    assertThat(registry.find("slow").tag(MetricNames.TENANT, "b").gauge()).isNull();
    assertThat(gauges.published()).containsExactlyInAnyOrder("a", "c");
  }

  @Test
  void aNewValueMovesATenantInOrOutOfTheTop() {
    TopTenantGauges gauges = new TopTenantGauges(registry, "slow", "test", 1);
    gauges.put("a", 10);
    gauges.put("b", 5);
    gauges.put("b", 50);

    assertThat(gauges.published()).containsExactly("b");
    assertThat(registry.get("slow").tag(MetricNames.TENANT, "b").gauge().value()).isEqualTo(50.0);
  }

  @Test
  void aLimitOfZeroPublishesNothing() {
    TopTenantGauges gauges = new TopTenantGauges(registry, "slow", "test", 0);
    gauges.put("a", 10);

    assertThat(registry.find("slow").gauges()).isEmpty();
  }
}
