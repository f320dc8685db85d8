package dev.tenantplatform.kube;

import static dev.tenantplatform.kube.TestObjects.NAMESPACE;
import static dev.tenantplatform.kube.TestObjects.calico;
import static dev.tenantplatform.kube.TestObjects.controlPlane;
import static dev.tenantplatform.kube.TestObjects.liveControlPlane;
import static dev.tenantplatform.kube.TestObjects.namespace;
import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.tenantplatform.kube.Outcome.Change;
import dev.tenantplatform.sandbox.EmbeddedKubernetes;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A tenant's objects applied in order with one call each, and what each apply did told from its answer. */
@ExtendWith(VertxExtension.class)
class ApplierInOrderMockTest {

  private EmbeddedKubernetes api;
  private KubernetesClient client;
  private Applier applier;
  private final List<String> writes = new CopyOnWriteArrayList<>();
  private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();

  @BeforeEach
  void start(Vertx vertx) {
    api = EmbeddedKubernetes.start(null);
    client = new KubernetesClientBuilder()
        .withConfig(RetryPolicy.withoutClientRetries(api.client().getConfiguration())).build();
    applier = new Applier(vertx, client, TestObjects.FAST_RETRIES);
    recordCalls(call -> false);
  }

  @AfterEach
  void stop() {
    client.close();
    api.close();
  }

  /** Records every call of the platform, and fails those {@code failing} picks. */
  private void recordCalls(java.util.function.Predicate<dev.tenantplatform.sandbox.ApiCall> failing) {
    api.failWhen(call -> {
      calls.computeIfAbsent(call.method(), m -> new AtomicInteger()).incrementAndGet();
      boolean fail = failing.test(call);
      if (call.isWrite() && !fail) {
        writes.add(call.path().substring(call.path().lastIndexOf('/') + 1));
      }
      return fail;
    });
  }

  private List<HasMetadata> tenant(int replicas) {
    return List.of(namespace(), calico("v1"), controlPlane(replicas));
  }

  @Test
  void theObjectsAreWrittenInOrderWithOneCallEachAndReportedInOrder() throws Exception {
    List<Outcome> first = applier.applyAll(tenant(3)).await(10, SECONDS);

    assertThat(first).extracting(Outcome::change).containsExactly(Change.CREATED, Change.CREATED, Change.CREATED);
    assertThat(first).extracting(o -> o.ref().kind()).containsExactly("Namespace", "ConfigMap",
        "K0smotronControlPlane");
    assertThat(writes).containsExactly("tenant-acme", "calico", "acme-cp");
    assertThat(calls).as("no read before the applies").containsOnlyKeys("PATCH");

    List<Outcome> again = applier.applyAll(tenant(3)).await(10, SECONDS);
    List<Outcome> scaled = applier.applyAll(tenant(5)).await(10, SECONDS);

    assertThat(again).extracting(Outcome::change).containsOnly(Change.UNCHANGED);
    assertThat(scaled).extracting(Outcome::change).containsExactly(Change.UNCHANGED, Change.UNCHANGED,
        Change.PATCHED);
    assertThat((Object) liveControlPlane(client).get("spec", "replicas")).isEqualTo(5);
  }

  @Test
  void aControllersStatusWriteDoesNotMakeTheNextApplyAChange() throws Exception {
    applier.applyAll(tenant(3)).await(10, SECONDS);
    TestObjects.controllerReportsReady(api.controllersClient());

    assertThat(applier.applyAll(tenant(3)).await(10, SECONDS)).extracting(Outcome::change)
        .containsOnly(Change.UNCHANGED);
  }

  @Test
  void aTransientErrorPartWayRetriesFromTheObjectItHitWithTriesOfItsOwn() throws Exception {
    AtomicInteger refused = new AtomicInteger();
    int tries = TestObjects.FAST_RETRIES.attempts();
    recordCalls(call -> call.isWrite() && call.path().contains("/configmaps/")
        && refused.getAndIncrement() < tries - 1);

    List<Outcome> outcomes = applier.applyAll(tenant(3)).await(10, SECONDS);

    assertThat(outcomes).extracting(Outcome::change).containsOnly(Change.CREATED);
    assertThat(refused.get()).as("refused all but the last of its tries").isEqualTo(tries);
    assertThat(writes).as("the objects before it written once").containsExactly("tenant-acme", "calico", "acme-cp");
  }

  @Test
  void anObjectRefusedForGoodFailsTheWholeWithTheObjectsBeforeItWritten() {
    recordCalls(call -> call.isWrite() && call.path().contains("/k0smotroncontrolplanes/"));

    assertThatThrownBy(() -> applier.applyAll(tenant(3)).await(10, SECONDS))
        .isInstanceOfSatisfying(ApplyException.class, e -> assertThat(e.getMessage())
            .contains("K0smotronControlPlane tenant-acme/acme-cp", "HTTP 503"));
    assertThat(client.namespaces().withName(NAMESPACE).get()).isNotNull();
    assertThat(client.configMaps().inNamespace(NAMESPACE).withName("calico").get()).isNotNull();
    assertThat(liveControlPlane(client)).isNull();
  }

  @Test
  void anObjectTheApplierHasNotSeenAndDidNotCreateCountsAsWritten(Vertx vertx) throws Exception {
    applier.applyAll(tenant(3)).await(10, SECONDS);
    // objects created in an earlier second than the applies that follow, as after a restart of the platform
    Instant created = Instant.parse(liveControlPlane(client).getMetadata().getCreationTimestamp());
    await().atMost(Duration.ofSeconds(3)).until(() -> Instant.now().truncatedTo(ChronoUnit.SECONDS).isAfter(created));
    Applier restarted = new Applier(vertx, client, TestObjects.FAST_RETRIES);

    assertThat(restarted.applyAll(tenant(3)).await(10, SECONDS)).extracting(Outcome::change)
        .containsOnly(Change.PATCHED);
    assertThat(restarted.applyAll(tenant(3)).await(10, SECONDS)).extracting(Outcome::change)
        .containsOnly(Change.UNCHANGED);
  }

  @Test
  void badInputAnywhereIsRefusedBeforeAnyCall() {
    var nameless = controlPlane(3);
    nameless.getMetadata().setName(null);

    assertThatThrownBy(() -> applier.applyAll(List.of(namespace(), nameless)).await(10, SECONDS))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("without metadata.name");
    assertThat(calls).isEmpty();
  }
}
