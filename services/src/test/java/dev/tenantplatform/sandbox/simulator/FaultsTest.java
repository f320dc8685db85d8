package dev.tenantplatform.sandbox.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Predicate;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class FaultsTest {

  @Test
  void anAnnotationListsSeveralFaults() {
    assertThat(Fault.parseAll("control-plane-never-ready, worker-fails,api-errors:0.2")).containsExactly(
        new Fault.ControlPlaneNeverReady(), new Fault.WorkerFails(), new Fault.ApiErrors(0.2));
    assertThat(Fault.parseAll("  ")).isEmpty();
    assertThat(Fault.parseAll(null)).isEmpty();
  }

  @Test
  void anUnknownFaultOrABadRateSaysWhatIsAccepted() {
    assertThatThrownBy(() -> Fault.parse("disk-full"))
        .hasMessageContaining("'disk-full'").hasMessageContaining("control-plane-never-ready, worker-fails or api-errors");
    assertThatThrownBy(() -> Fault.parse("api-errors:lots")).hasMessageContaining("api-errors:0.2");
    assertThatThrownBy(() -> Fault.parse("api-errors:1.5")).hasMessageContaining("between 0 and 1");
  }

  @Test
  void injectedAndAnnotatedFaultsAddUpPerTenant() {
    Faults faults = new Faults().inject("acme", new Fault.WorkerFails());
    faults.annotate("acme", List.of(new Fault.ControlPlaneNeverReady()));

    assertThat(faults.of("acme")).containsExactlyInAnyOrder(new Fault.WorkerFails(), new Fault.ControlPlaneNeverReady());
    assertThat(faults.of("globex")).isEmpty();
    faults.clear("acme");
    assertThat(faults.of("acme")).containsExactly(new Fault.ControlPlaneNeverReady());
    faults.annotate("acme", List.of());
    assertThat(faults.of("acme")).isEmpty();
  }

  @Test
  void theApiErrorHookFailsATenantsCallsAtTheInjectedRateAndNoOneElses() {
    Faults faults = new Faults(new SplittableRandom(42)).inject("acme", new Fault.ApiErrors(0.1));
    Predicate<String> hook = faults.apiErrorHook();

    long byNamespace = IntStream.range(0, 10_000).filter(i -> hook.test("tenant-acme")).count();
    long byTenant = IntStream.range(0, 10_000).filter(i -> hook.test("acme")).count();

    assertThat(byNamespace).isBetween(850L, 1150L);
    assertThat(byTenant).isBetween(850L, 1150L);
    assertThat(IntStream.range(0, 1000).filter(i -> hook.test("tenant-globex")).count()).isZero();
    assertThat(hook.test(null)).isFalse();
  }

  @Test
  void aRateOfOneFailsEveryCall() {
    Predicate<String> hook = new Faults().inject("acme", new Fault.ApiErrors(1)).apiErrorHook();
    assertThat(IntStream.range(0, 100).allMatch(i -> hook.test("tenant-acme"))).isTrue();
  }
}
