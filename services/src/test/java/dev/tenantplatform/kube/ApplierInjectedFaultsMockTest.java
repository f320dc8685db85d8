package dev.tenantplatform.kube;

import static dev.tenantplatform.kube.TestObjects.controlPlane;
import static dev.tenantplatform.kube.TestObjects.liveControlPlane;
import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tenantplatform.kube.Outcome.Change;
import dev.tenantplatform.sandbox.ApiFault;
import dev.tenantplatform.sandbox.EmbeddedKubernetes;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The applier against each kind of failure the embedded API injects, through the address instances use (its
 * front): a server error, a 429 asking to wait a second, a call left unanswered past the client's request
 * timeout. Each is ridden out by retries; one that lasts ends in an error quoting what the API said.
 */
@ExtendWith(VertxExtension.class)
class ApplierInjectedFaultsMockTest {

  /** The client's request timeout, kept short so that a call left unanswered costs the test little. */
  private static final int REQUEST_TIMEOUT_MS = 500;
  private static final Duration HOLD = Duration.ofSeconds(3);

  private EmbeddedKubernetes api;
  private KubernetesClient client;
  private Applier applier;

  @BeforeEach
  void start(Vertx vertx) {
    api = EmbeddedKubernetes.start(null);
    // as the platform builds its client (RetryPolicy.withoutClientRetries), with a short request timeout
    client = new KubernetesClientBuilder().withConfig(RetryPolicy.withoutClientRetries(new ConfigBuilder()
        .withMasterUrl(api.url()).withRequestTimeout(REQUEST_TIMEOUT_MS).build())).build();
    applier = new Applier(vertx, client, TestObjects.FAST_RETRIES);
  }

  @AfterEach
  void stop() {
    client.close();
    api.close();
  }

  static Stream<ApiFault> failures() {
    return Stream.of(new ApiFault.ServerError(500), new ApiFault.ServerError(503), new ApiFault.Throttled(1),
        new ApiFault.NoAnswer(HOLD));
  }

  @ParameterizedTest
  @MethodSource("failures")
  void eachKindOfFailureIsRiddenOutWithRetries(ApiFault failure) throws Exception {
    AtomicInteger writes = new AtomicInteger();
    api.injectFaults(call -> call.isWrite() && writes.incrementAndGet() <= 2 ? Optional.of(failure)
        : Optional.empty());

    Outcome outcome = applier.apply(controlPlane(3)).await(20, SECONDS);

    assertThat(outcome.change()).isEqualTo(Change.CREATED);
    assertThat(writes.get()).as("two failed writes, then the one that went through").isEqualTo(3);
    assertThat(liveControlPlane(client)).isNotNull();
  }

  @Test
  void aThrottledCallIsTriedAgainNoSoonerThanTheApiServerAsked() throws Exception {
    List<Long> writesAt = new CopyOnWriteArrayList<>();
    api.injectFaults(call -> {
      if (!call.isWrite()) {
        return Optional.empty();
      }
      writesAt.add(System.nanoTime());
      return writesAt.size() == 1 ? Optional.of(new ApiFault.Throttled(1)) : Optional.empty();
    });

    applier.apply(controlPlane(3)).await(20, SECONDS);

    assertThat(writesAt).hasSize(2);
    // the policy alone would wait 5 ms: the wait is the API server's Retry-After
    assertThat(Duration.ofNanos(writesAt.get(1) - writesAt.get(0))).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
  }

  @Test
  void aCallNeverAnsweredEndsAsATimeoutAfterThePolicysAttempts() {
    AtomicInteger writes = new AtomicInteger();
    api.injectFaults(call -> call.isWrite() && writes.incrementAndGet() > 0 ? Optional.of(new ApiFault.NoAnswer(HOLD))
        : Optional.empty());

    assertThatThrownBy(() -> applier.apply(controlPlane(3)).await(30, SECONDS))
        .isInstanceOfSatisfying(ApplyException.class, e -> {
          assertThat(e.code()).as("no HTTP answer").isZero();
          assertThat(e.attempts()).isEqualTo(TestObjects.FAST_RETRIES.attempts());
          assertThat(e.getMessage()).contains("K0smotronControlPlane tenant-acme/acme-cp",
              "no answer after 5 attempts");
        })
        .hasRootCauseInstanceOf(TimeoutException.class);
    assertThat(writes.get()).isEqualTo(TestObjects.FAST_RETRIES.attempts());
  }

  @Test
  void aWriteThatTimedOutAlthoughTheApiServerStoredItIsRiddenOutWithOneObject() throws Exception {
    AtomicInteger writes = new AtomicInteger();
    api.injectFaults(call -> call.isWrite() && writes.incrementAndGet() == 1
        ? Optional.of(new ApiFault.LateAnswer(HOLD)) : Optional.empty());

    applier.apply(controlPlane(3)).await(20, SECONDS);

    assertThat(writes.get()).as("the write that went through unanswered, then the retry").isEqualTo(2);
    assertThat(client.genericKubernetesResources(Kinds.K0SMOTRON_CONTROL_PLANE.context()).inNamespace("tenant-acme")
        .list().getItems()).singleElement().satisfies(cp -> assertThat(cp.<Object>get("spec", "replicas"))
            .hasToString("3"));
  }

  @Test
  void aLateAnswerTimesTheClientOutAlthoughTheCallWasCarriedOut() {
    // a client of its own that waits 2 s, so that even a loaded machine's API gets the call before it gives up
    try (KubernetesClient patient = new KubernetesClientBuilder().withConfig(RetryPolicy.withoutClientRetries(
        new ConfigBuilder().withMasterUrl(api.url()).withRequestTimeout(2_000).build())).build()) {
      api.injectFaults(call -> call.isWrite() ? Optional.of(new ApiFault.LateAnswer(Duration.ofSeconds(6)))
          : Optional.empty());
      ConfigMap map = new ConfigMapBuilder().withNewMetadata().withName("late").withNamespace("default")
          .endMetadata().addToData("k", "v").build();

      assertThatThrownBy(() -> patient.configMaps().resource(map).create()).hasRootCauseInstanceOf(
          TimeoutException.class);
      api.injectFaults(call -> Optional.empty());
      assertThat(patient.configMaps().inNamespace("default").withName("late").get()).as("stored all the same")
          .isNotNull();
    }
  }

  @Test
  void lastingThrottlingEndsWithTheApiServersMessage() {
    api.injectFaults(call -> call.isWrite() ? Optional.of(new ApiFault.Throttled(1)) : Optional.empty());

    assertThatThrownBy(() -> applier.apply(controlPlane(3)).await(30, SECONDS))
        .isInstanceOfSatisfying(ApplyException.class, e -> {
          assertThat(e.code()).isEqualTo(429);
          assertThat(e.getMessage()).contains("HTTP 429 after 5 attempts", "too many requests, please try again later");
        });
  }
}
