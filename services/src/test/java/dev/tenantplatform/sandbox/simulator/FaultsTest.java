package dev.tenantplatform.sandbox.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tenantplatform.sandbox.ApiCall;
import dev.tenantplatform.sandbox.ApiFault;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class FaultsTest {

  @Test
  void anAnnotationListsSeveralFaults() {
    assertThat(Fault.parseAll("control-plane-never-ready, worker-fails,api-errors:0.2, api-latency:200ms"))
        .containsExactly(new Fault.ControlPlaneNeverReady(), new Fault.WorkerFails(), new Fault.ApiErrors(0.2),
            new Fault.ApiLatency(Duration.ofMillis(200)));
    assertThat(Fault.parse("api-latency:150")).isEqualTo(new Fault.ApiLatency(Duration.ofMillis(150)));
    assertThat(Fault.parse(new Fault.ApiLatency(Duration.ofMillis(80)).value()))
        .isEqualTo(new Fault.ApiLatency(Duration.ofMillis(80)));
    assertThat(Fault.parseAll("  ")).isEmpty();
    assertThat(Fault.parseAll(null)).isEmpty();
  }

  @Test
  void anUnknownFaultOrABadRateSaysWhatIsAccepted() {
    assertThatThrownBy(() -> Fault.parse("disk-full")).hasMessageContaining("'disk-full'")
        .hasMessageContaining("control-plane-never-ready, worker-fails, api-errors:<rate between 0 and 1> or"
            + " api-latency:<milliseconds>ms");
    assertThatThrownBy(() -> Fault.parse("api-errors:lots")).hasMessageContaining("api-errors:0.2");
    assertThatThrownBy(() -> Fault.parse("api-errors:1.5")).hasMessageContaining("between 0 and 1");
    assertThatThrownBy(() -> Fault.parse("api-latency:slow")).hasMessageContaining("e.g. api-latency:200ms");
    assertThatThrownBy(() -> Fault.parse("api-latency:0ms")).hasMessageContaining("positive number of milliseconds");
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
  void apiErrorsFailATenantsCallsAtTheRateInEqualSharesOfServerErrorsThrottlingAndTimeouts() {
    Duration hold = Duration.ofSeconds(7);
    Faults faults = new Faults(new SplittableRandom(42), hold).inject("acme", new Fault.ApiErrors(0.3));

    Map<ApiFault, Long> seen = IntStream.range(0, 30_000).mapToObj(i -> faults.apiFault(i % 2 == 0 ? "tenant-acme"
        : "acme")).flatMap(Optional::stream).collect(Collectors.groupingBy(f -> f, Collectors.counting()));

    assertThat(seen).containsOnlyKeys(new ApiFault.ServerError(500), new ApiFault.ServerError(503),
        new ApiFault.Throttled(1), new ApiFault.NoAnswer(hold), new ApiFault.LateAnswer(hold));
    long serverErrors = seen.get(new ApiFault.ServerError(500)) + seen.get(new ApiFault.ServerError(503));
    long undone = seen.get(new ApiFault.NoAnswer(hold));
    long late = seen.get(new ApiFault.LateAnswer(hold));
    assertThat(serverErrors).isBetween(2700L, 3300L);
    assertThat(seen.get(new ApiFault.Throttled(1))).isBetween(2700L, 3300L);
    assertThat(undone + late).isBetween(2700L, 3300L);
    assertThat(undone).as("timeouts whose call was not carried out").isBetween(1300L, 1700L);
    assertThat(faults.injected()).isEqualTo(new Faults.Injected(serverErrors, seen.get(new ApiFault.Throttled(1)),
        undone, late));
    assertThat(faults.injected().toString()).isEqualTo(faults.injected().total() + " (" + serverErrors + " 5xx, "
        + seen.get(new ApiFault.Throttled(1)) + " 429, " + (undone + late) + " timeouts of which " + late
        + " carried the call out)");
    assertThat(IntStream.range(0, 1000).mapToObj(i -> faults.apiFault("tenant-globex")).flatMap(Optional::stream))
        .isEmpty();
    assertThat(faults.apiFault(null)).isEmpty();
  }

  @Test
  void anAddedLatencySlowsEveryCallThatDoesNotFail() {
    Faults faults = new Faults(new SplittableRandom(3)).inject("acme", new Fault.ApiLatency(Duration.ofMillis(200)));
    Function<ApiCall, Optional<ApiFault>> source = faults.apiFaultSource();
    ApiCall call = new ApiCall("PATCH", "/api/v1/namespaces/tenant-acme/configmaps/calico", "platform");

    assertThat(IntStream.range(0, 100).mapToObj(i -> source.apply(call)))
        .containsOnly(Optional.of(new ApiFault.Slow(Duration.ofMillis(200))));
    assertThat(faults.shouldFailApiCall("tenant-acme")).as("a slow call does not fail").isFalse();

    faults.inject("acme", new Fault.ApiErrors(0.5));
    long failed = IntStream.range(0, 1000).mapToObj(i -> source.apply(call)).flatMap(Optional::stream)
        .filter(f -> !(f instanceof ApiFault.Slow)).count();
    assertThat(failed).isBetween(400L, 600L);
    assertThat(faults.injected().total()).isEqualTo(failed);
  }

  @Test
  void aRateOfOneFailsEveryCall() {
    Faults faults = new Faults().inject("acme", new Fault.ApiErrors(1));
    assertThat(IntStream.range(0, 100).allMatch(i -> faults.shouldFailApiCall("tenant-acme"))).isTrue();
    assertThat(faults.shouldFailApiCall(null)).isFalse();
  }
}
