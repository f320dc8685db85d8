package dev.tenantplatform.sandbox.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class SimulatorProfileTest {

  @Test
  void theThreeProfilesAreFoundByTheirNamesInAnyCase() {
    assertThat(SimulatorProfile.named("instant")).isSameAs(SimulatorProfile.INSTANT);
    assertThat(SimulatorProfile.named(" Demo ")).isSameAs(SimulatorProfile.DEMO);
    assertThat(SimulatorProfile.named("REALISTIC")).isSameAs(SimulatorProfile.REALISTIC);
  }

  @Test
  void anUnknownProfileNameSaysWhichNamesExist() {
    assertThatThrownBy(() -> SimulatorProfile.named("fast"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'fast'").hasMessageContaining("instant, demo, realistic");
  }

  @Test
  void theRealisticControlPlaneTakesAboutAMinuteBecauseOfTheReadinessProbe() {
    SimulatorProfile realistic = SimulatorProfile.REALISTIC;
    Duration firstControllerReady = realistic.podStartup().plus(realistic.controlPlaneReadiness());
    assertThat(realistic.controlPlaneReadiness()).isGreaterThanOrEqualTo(Duration.ofSeconds(60));
    assertThat(firstControllerReady).isBetween(Duration.ofSeconds(60), Duration.ofSeconds(90));
    Duration firstWorkerRunning = firstControllerReady.plus(realistic.machineBootstrap())
        .plus(realistic.machineProvisioning()).plus(realistic.nodeJoin());
    assertThat(firstWorkerRunning).isGreaterThan(firstControllerReady).isLessThan(Duration.ofMinutes(3));
  }

  @Test
  void theDemoProfileBringsATenantUpWithinAFewSeconds() {
    SimulatorProfile demo = SimulatorProfile.DEMO;
    Duration total = demo.podStartup().plus(demo.controlPlaneReadiness()).plus(demo.machineBootstrap())
        .plus(demo.machineProvisioning()).plus(demo.nodeJoin()).plus(demo.cniApply()).plus(demo.nodeReady());
    assertThat(total).isBetween(Duration.ofSeconds(2), Duration.ofSeconds(10));
  }

  @Test
  void aNegativeDurationIsRefused() {
    assertThatThrownBy(() -> new SimulatorProfile("broken", Duration.ofSeconds(-1), Duration.ZERO, Duration.ZERO,
        Duration.ZERO, Duration.ZERO, Duration.ZERO, Duration.ZERO, Duration.ZERO, Duration.ZERO, Duration.ZERO))
        .hasMessageContaining("'broken'").hasMessageContaining("zero or positive");
  }
}
