package dev.tenantplatform.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class BenchOptionsTest {

  @Test
  void theDefaultsOnboardAThousandTenantsSixteenAtATimeAsNodePortsWithTheSimulator() {
    BenchOptions defaults = BenchOptions.defaults();
    assertThat(defaults.tenants()).isEqualTo(1_000);
    assertThat(defaults.concurrency()).isEqualTo(16);
    assertThat(defaults.partitions()).isEqualTo(12);
    assertThat(defaults.rounds()).isEqualTo(10);
    assertThat(defaults.serviceType()).isEqualTo("NodePort");
    assertThat(defaults.simulator()).isTrue();
    assertThat(defaults.dataDir()).as("a temporary folder").isNull();
  }

  @Test
  void everyWrongOptionIsNamedAtOnce() {
    assertThatThrownBy(() -> new BenchOptions(0, -1, 0, -2, 0, "Ingress", true, null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("--tenants 0 must be at least 1")
        .hasMessageContaining("--concurrency -1 must be at least 1")
        .hasMessageContaining("--partitions 0 must be at least 1")
        .hasMessageContaining("--warmup -2 must be at least 0")
        .hasMessageContaining("--rounds 0 must be at least 1")
        .hasMessageContaining("--service-type Ingress is not one of [NodePort, ClusterIP, LoadBalancer]");
  }

  @Test
  void moreNodePortTenantsThanTheRangeHasPairsAreRefusedWithTheWayOut() {
    assertThatThrownBy(() -> BenchOptions.defaults().withTenants(1_380).withWarmup(20))
        .hasMessageContaining("need 1400 node-port pairs, but 30000-32767 holds 1384")
        .hasMessageContaining("use --service-type ClusterIP");
    assertThat(new BenchOptions(5_000, 16, 12, 20, 10, "ClusterIP", true, null).tenants()).isEqualTo(5_000);
  }

  @Test
  void aFewTenantsGoInOneRoundEachAtMost() {
    assertThat(BenchOptions.defaults().withTenants(5).rounds()).isEqualTo(5);
    assertThat(BenchOptions.defaults().withTenants(50).rounds()).isEqualTo(10);
  }

  @Test
  void tenantNamesAreDistinctPerSideAndPhaseAndSortInOrder() {
    assertThat(Bench.tenants("floor", 3)).containsExactly("floor-00001", "floor-00002", "floor-00003");
    assertThat(Bench.tenants("platform-warm", 1)).containsExactly("platform-warm-00001");
  }
}
