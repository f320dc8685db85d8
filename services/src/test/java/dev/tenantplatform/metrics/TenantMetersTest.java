package dev.tenantplatform.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tenantplatform.events.TenantEvent;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class TenantMetersTest {

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final TenantMeters meters = new TenantMeters(registry, 0);

  @Test
  void everyStateHasASeriesBeforeAnyTenantExists() {
    assertThat(registry.find(MetricNames.TENANTS).gauges()).extracting(g -> g.getId().getTag(MetricNames.STATE))
        .containsExactlyInAnyOrder("Requested", "Provisioning", "ControlPlaneReady", "Provisioned", "Ready",
            "Updating", "Degraded", "Failed", "Deleting", "Deleted");
    assertThat(tenants("Ready")).isZero();
  }

  @Test
  void tenantsMoveFromStateToStateAsTheirEventsArrive() {
    Lives acme = new Lives("acme").created();
    fold(acme.events());
    assertThat(tenants("Provisioning")).isEqualTo(1);

    Lives globex = new Lives("globex").created().ready(60);
    fold(globex.events());
    fold(acme.ready(30).degraded("workers").events());
    assertThat(tenants("Provisioning")).isZero();
    assertThat(tenants("Ready")).isEqualTo(1);
    assertThat(tenants("Degraded")).isEqualTo(1);

    fold(acme.recovered().events());
    fold(globex.deleted().events());
    assertThat(tenants("Ready")).isEqualTo(1);
    assertThat(tenants("Degraded")).isZero();
    assertThat(tenants("Deleted")).isEqualTo(1);
  }

  @Test
  void provisioningDurationsAreRecordedPerStageOncePerLifeNotOnRecovery() {
    fold(new Lives("acme").created().ready(60).degraded("control_plane").recovered().events());
    fold(new Lives("globex").created().ready(120).events());

    Timer ready = provisioning("ready");
    assertThat(ready.count()).isEqualTo(2);
    assertThat(ready.totalTime(TimeUnit.SECONDS)).isEqualTo(180.0);
    assertThat(provisioning("control_plane_ready").totalTime(TimeUnit.SECONDS)).isEqualTo(60.0);
    assertThat(provisioning("provisioned").totalTime(TimeUnit.SECONDS)).isEqualTo(45.0);
  }

  @Test
  void readingTheLogTwiceLeavesEveryValueAsOnce() {
    List<TenantEvent> log = new Lives("acme").created().ready(60).failed("workers").events();
    fold(log);
    fold(log);

    assertThat(tenants("Failed")).isEqualTo(1);
    assertThat(provisioning("ready").count()).isEqualTo(1);
    assertThat(problems("failed", "workers").count()).isEqualTo(1.0);
    assertThat(registry.get(MetricNames.EVENTS).tag(MetricNames.TYPE, "tenant.accepted").counter().count())
        .isEqualTo(1.0);
  }

  @Test
  void degradationsAndFailuresAreCountedByStage() {
    fold(new Lives("acme").created().degraded("control_plane").events());
    fold(new Lives("globex").created().degraded("control_plane").events());
    fold(new Lives("initech").created().failed("workers").events());

    assertThat(problems("degraded", "control_plane").count()).isEqualTo(2.0);
    assertThat(problems("failed", "workers").count()).isEqualTo(1.0);
  }

  @Test
  void stagesAForeignWriterMadeUpDoNotGrowTheSeries() {
    for (int i = 0; i < 50; i++) {
      fold(new Lives("tenant-" + i).created().degraded("stage_" + i).events());
    }
    fold(new Lives("odd").created().degraded("Not A Stage!").events());

    long stages = registry.find(MetricNames.PROBLEMS).counters().stream()
        .map(c -> c.getId().getTag(MetricNames.STAGE)).distinct().count();
    assertThat(stages).isLessThanOrEqualTo(TenantMeters.MAX_STAGES + 1);
    assertThat(problems("degraded", TenantMeters.OTHER).count()).isEqualTo(50 - TenantMeters.MAX_STAGES + 2);
  }

  @Test
  void aTenantRecreatedAfterItsDeletionIsCountedOnceInItsNewState() {
    Lives acme = new Lives("acme").created().ready(30).deleted().created();
    fold(acme.events());

    assertThat(tenants("Deleted")).isZero();
    assertThat(tenants("Provisioning")).isEqualTo(1);
  }

  @Test
  void theSlowestTenantsHaveTheirOwnSeriesWhenSwitchedOnAndADeletedTenantLosesIts() {
    TenantMeters perTenant = new TenantMeters(registry, 1);
    Lives slow = new Lives("slow").created().ready(600);
    new Lives("fast").created().ready(20).events().forEach(perTenant);
    slow.events().forEach(perTenant);
    assertThat(registry.find(MetricNames.TENANT_READY_SECONDS).gauges())
        .extracting(g -> g.getId().getTag(MetricNames.TENANT), Gauge::value).containsExactly(
            org.assertj.core.groups.Tuple.tuple("slow", 600.0));

    slow.deleted().events().forEach(perTenant);

    assertThat(registry.find(MetricNames.TENANT_READY_SECONDS).gauges())
        .extracting(g -> g.getId().getTag(MetricNames.TENANT)).containsExactly("fast");
  }

  private void fold(List<TenantEvent> events) {
    events.forEach(meters);
  }

  private double tenants(String state) {
    Gauge gauge = registry.get(MetricNames.TENANTS).tag(MetricNames.STATE, state).gauge();
    return gauge.value();
  }

  private Timer provisioning(String stage) {
    return registry.get(MetricNames.PROVISIONING).tag(MetricNames.STAGE, stage).timer();
  }

  private Counter problems(String kind, String stage) {
    return registry.get(MetricNames.PROBLEMS).tag(MetricNames.KIND, kind).tag(MetricNames.STAGE, stage).counter();
  }
}
