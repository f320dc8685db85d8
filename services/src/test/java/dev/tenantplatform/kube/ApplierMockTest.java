package dev.tenantplatform.kube;

import static dev.tenantplatform.kube.TestObjects.NAMESPACE;
import static dev.tenantplatform.kube.TestObjects.calico;
import static dev.tenantplatform.kube.TestObjects.controlPlane;
import static dev.tenantplatform.kube.TestObjects.liveControlPlane;
import static dev.tenantplatform.kube.TestObjects.namespace;
import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tenantplatform.kube.Outcome.Change;
import dev.tenantplatform.sandbox.EmbeddedKubernetes;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.vertx5.Vertx5HttpClientFactory;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The applier against the embedded API, which approximates server-side apply. */
@ExtendWith(VertxExtension.class)
class ApplierMockTest {

  private EmbeddedKubernetes api;
  private KubernetesClient client;
  private Applier applier;

  @BeforeEach
  void start(Vertx vertx) {
    api = EmbeddedKubernetes.start(null);
    // fabric8 would otherwise retry the injected 503s itself; the applier's policy is the one under test
    client = new KubernetesClientBuilder()
        .withConfig(RetryPolicy.withoutClientRetries(api.client().getConfiguration())).build();
    applier = new Applier(vertx, client, TestObjects.FAST_RETRIES);
  }

  @AfterEach
  void stop() {
    client.close();
    api.close();
  }

  @Test
  void aCustomObjectIsCreatedThenLeftUnchangedThenPatched() throws Exception {
    Outcome created = applier.apply(controlPlane(3)).await(10, SECONDS);
    // The embedded API's apply stores `status: null` into an object without status once (fabric8's mock
    // PatchHandler), a write a real server would not make; the content the platform set stays the same.
    Outcome again = applier.apply(controlPlane(3)).await(10, SECONDS);
    String version = liveControlPlane(client).getMetadata().getResourceVersion();
    Outcome thrice = applier.apply(controlPlane(3)).await(10, SECONDS);

    assertThat(created.change()).isEqualTo(Change.CREATED);
    assertThat(again.change()).isEqualTo(Change.UNCHANGED);
    assertThat(thrice.change()).isEqualTo(Change.UNCHANGED);
    assertThat(liveControlPlane(client).getMetadata().getResourceVersion()).as("nothing written").isEqualTo(version);

    Outcome changed = applier.apply(controlPlane(5, Map.of(Labels.TENANT, "acme", "tier", "gold")))
        .await(10, SECONDS);

    assertThat(changed.change()).isEqualTo(Change.PATCHED);
    GenericKubernetesResource live = liveControlPlane(client);
    assertThat(live.getMetadata().getLabels()).containsEntry("tier", "gold");
    assertThat((Object) live.get("spec", "replicas")).isEqualTo(5);
    assertThat(changed.object(GenericKubernetesResource.class).getMetadata().getResourceVersion())
        .isEqualTo(live.getMetadata().getResourceVersion());
    assertThat(applier.usesServerSideApply()).as("the embedded API answers server-side apply").isTrue();
  }

  @Test
  void typedCoreObjectsAreAppliedAndComeBackTyped() throws Exception {
    assertThat(applier.apply(namespace()).await(10, SECONDS).change()).isEqualTo(Change.CREATED);
    assertThat(applier.apply(namespace()).await(10, SECONDS).change()).isEqualTo(Change.UNCHANGED);
    assertThat(applier.apply(calico("v1")).await(10, SECONDS).change()).isEqualTo(Change.CREATED);
    assertThat(applier.apply(calico("v1")).await(10, SECONDS).change()).isEqualTo(Change.UNCHANGED);

    Outcome patched = applier.apply(calico("v2")).await(10, SECONDS);

    assertThat(patched.change()).isEqualTo(Change.PATCHED);
    assertThat(patched.object(ConfigMap.class).getData()).containsEntry("calico.yaml", "v2");
    assertThat(client.configMaps().inNamespace(NAMESPACE).withName("calico").get().getData())
        .containsEntry("calico.yaml", "v2");
    assertThat(client.namespaces().withName(NAMESPACE).get().getMetadata().getLabels())
        .containsEntry(Labels.TENANT, "acme");
  }

  @Test
  void aDeleteReportsDeletedThenAbsent() throws Exception {
    applier.apply(controlPlane(3)).await(10, SECONDS);
    applier.apply(namespace()).await(10, SECONDS);

    assertThat(applier.delete(Kinds.K0SMOTRON_CONTROL_PLANE, NAMESPACE, "acme-cp").await(10, SECONDS).change())
        .isEqualTo(Change.DELETED);
    assertThat(liveControlPlane(client)).isNull();
    assertThat(applier.delete(Kinds.K0SMOTRON_CONTROL_PLANE, NAMESPACE, "acme-cp").await(10, SECONDS).change())
        .isEqualTo(Change.ABSENT);
    assertThat(applier.delete(Namespace.class, null, NAMESPACE).await(10, SECONDS).change())
        .isEqualTo(Change.DELETED);
    assertThat(applier.delete(Namespace.class, null, NAMESPACE).await(10, SECONDS).change())
        .isEqualTo(Change.ABSENT);
  }

  @Test
  void theStatusAControllerSetSurvivesEveryApply() throws Exception {
    applier.apply(controlPlane(3)).await(10, SECONDS);
    TestObjects.controllerReportsReady(api.controllersClient());
    GenericKubernetesResource carryingStatus = controlPlane(5);
    carryingStatus.setAdditionalProperty("status", Map.of("readyReplicas", 0));

    assertThat(applier.apply(carryingStatus).await(10, SECONDS).change()).isEqualTo(Change.PATCHED);
    applier.apply(controlPlane(5)).await(10, SECONDS);

    GenericKubernetesResource live = liveControlPlane(client);
    assertThat((Object) live.get("spec", "replicas")).isEqualTo(5);
    assertThat((Object) live.get("status", "readyReplicas")).isEqualTo(3);
    assertThat((Object) live.get("status", "initialization", "controlPlaneInitialized")).isEqualTo(true);
  }

  @Test
  void anApplyStartedOnAnEventLoopCompletesEvenWhenTheClientSharesThatEventLoop(Vertx vertx) throws Exception {
    // a blocking fabric8 call on an event loop of the client's own Vert.x waits for itself forever
    try (KubernetesClient sharing = new KubernetesClientBuilder().withConfig(client.getConfiguration())
        .withHttpClientFactory(new Vertx5HttpClientFactory(vertx)).build()) {
      Applier onLoop = new Applier(vertx, sharing, TestObjects.FAST_RETRIES);
      Promise<Outcome> outcome = Promise.promise();

      vertx.runOnContext(ignored -> onLoop.apply(controlPlane(3)).onComplete(outcome));

      assertThat(outcome.future().await(10, SECONDS).change()).isEqualTo(Change.CREATED);
    }
  }

  @Test
  void transientUnavailabilityIsRiddenOutWithRetries() throws Exception {
    AtomicInteger refused = new AtomicInteger();
    api.failWhen(call -> call.isWrite() && refused.getAndIncrement() < 3);

    Outcome outcome = applier.apply(controlPlane(3)).await(10, SECONDS);

    assertThat(outcome.change()).isEqualTo(Change.CREATED);
    assertThat(refused.get()).as("three refused writes, then the one that went through").isEqualTo(4);
    assertThat(liveControlPlane(client)).isNotNull();
  }

  @Test
  void retriesStopAfterThePolicysAttemptsWithTheLastAnswer() {
    AtomicInteger refused = new AtomicInteger();
    api.failWhen(call -> call.isWrite() && refused.incrementAndGet() > 0);

    assertThatThrownBy(() -> applier.apply(controlPlane(3)).await(10, SECONDS))
        .isInstanceOfSatisfying(ApplyException.class, e -> {
          assertThat(e.code()).isEqualTo(503);
          assertThat(e.attempts()).isEqualTo(TestObjects.FAST_RETRIES.attempts());
          assertThat(e.getMessage()).contains("K0smotronControlPlane tenant-acme/acme-cp", "HTTP 503 after 5 attempts",
              "the API server is unavailable");
        });
    assertThat(refused.get()).isEqualTo(TestObjects.FAST_RETRIES.attempts());
  }

  @Test
  void deletesAreRetriedToo() throws Exception {
    applier.apply(controlPlane(3)).await(10, SECONDS);
    AtomicInteger refused = new AtomicInteger();
    api.failWhen(call -> call.method().equals("DELETE") && refused.getAndIncrement() < 2);

    assertThat(applier.delete(Kinds.K0SMOTRON_CONTROL_PLANE, NAMESPACE, "acme-cp").await(10, SECONDS).change())
        .isEqualTo(Change.DELETED);
    assertThat(refused.get()).isEqualTo(3);
  }

  @Test
  void badInputIsRefusedBeforeAnyCallWithAMessageSayingWhatIsMissing() {
    GenericKubernetesResource nameless = controlPlane(3);
    nameless.getMetadata().setName(null);
    GenericKubernetesResource homeless = controlPlane(3);
    homeless.getMetadata().setNamespace(null);

    assertThatThrownBy(() -> applier.apply(nameless).await(10, SECONDS))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("without metadata.name");
    assertThatThrownBy(() -> applier.apply(homeless).await(10, SECONDS))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("is namespaced, set metadata.namespace");
    assertThatThrownBy(() -> applier.delete(ConfigMap.class, null, "calico").await(10, SECONDS))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ConfigMap is namespaced");
  }
}
