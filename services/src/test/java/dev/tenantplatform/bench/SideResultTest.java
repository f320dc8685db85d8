package dev.tenantplatform.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class SideResultTest {

  @Test
  void percentilesAreNearestRankOfTheAppliedTenants() {
    long[] hundred = IntStream.rangeClosed(1, 100).mapToLong(i -> i).toArray();
    assertThat(SideResult.percentile(hundred, 50)).isEqualTo(50);
    assertThat(SideResult.percentile(hundred, 99)).isEqualTo(99);
    assertThat(SideResult.percentile(new long[] {7}, 99)).isEqualTo(7);
    assertThat(SideResult.percentile(new long[] {1, 2, 3}, 50)).isEqualTo(2);
    assertThat(SideResult.percentile(new long[0], 50)).isZero();
  }

  @Test
  void throughputCountsAppliedTenantsOverTheWallTime() {
    Map<String, Long> latencies = new HashMap<>();
    IntStream.rangeClosed(1, 100).forEach(i -> latencies.put("t-" + i, i * 1_000_000L));
    Onboarding run = new Onboarding(2_000_000_000L, latencies, Map.of());

    SideResult result = SideResult.of("floor", latencies.keySet(), run, 100, Map.of("POST", 900L, "GET", 50L),
        SideResult.Spent.NOTHING.plus(1_500_000_000L, Map.of("Fetch", 20L))
            .plus(500_000_000L, Map.of("Fetch", 10L, "Produce", 250L)));

    assertThat(result.tenantsPerSecond()).isEqualTo(50.0);
    assertThat(result.wallSeconds()).isEqualTo(2.0);
    assertThat(result.p50Ms()).isEqualTo(50.0);
    assertThat(result.p99Ms()).isEqualTo(99.0);
    assertThat(result.maxMs()).isEqualTo(100.0);
    assertThat(result.complete()).isTrue();
    assertThat(result.apiCallsPerTenant()).containsExactly(Map.entry("GET", 0.5), Map.entry("POST", 9.0));
    assertThat(result.apiCallsPerTenantInAll()).isEqualTo(9.5);
    assertThat(result.cpuMsPerTenant()).as("2 s of processor time over 100 tenants").isEqualTo(20.0);
    assertThat(result.kafkaRequestsPerTenant()).containsExactly(Map.entry("Fetch", 0.3), Map.entry("Produce", 2.5));
    assertThat(result.kafkaRequestsPerTenantInAll()).isEqualTo(2.8);
  }

  @Test
  void aFailedTenantIsCountedWithItsReasonAndTheSideIsNotComplete() {
    Onboarding run = new Onboarding(1_000_000_000L, Map.of("a", 5_000_000L), Map.of("b", "409 AlreadyExists"));

    SideResult result = SideResult.of("platform", List.of("a", "b"), run, 1, Map.of(), SideResult.Spent.NOTHING);

    assertThat(result.applied()).isEqualTo(1);
    assertThat(result.failed()).isEqualTo(1);
    assertThat(result.failures()).containsExactly("b: 409 AlreadyExists");
    assertThat(result.complete()).isFalse();
  }
}
