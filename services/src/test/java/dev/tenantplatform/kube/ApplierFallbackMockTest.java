package dev.tenantplatform.kube;

import static dev.tenantplatform.kube.TestObjects.NAMESPACE;
import static dev.tenantplatform.kube.TestObjects.calico;
import static dev.tenantplatform.kube.TestObjects.controlPlane;
import static dev.tenantplatform.kube.TestObjects.liveControlPlane;
import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tenantplatform.kube.Outcome.Change;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The applier against an API server without server-side apply: create, merge patch, and no needless writes. */
@ExtendWith(VertxExtension.class)
class ApplierFallbackMockTest {

  private PlainApiServer server;
  private Applier applier;

  @BeforeEach
  void start(Vertx vertx) {
    server = new PlainApiServer();
    applier = new Applier(vertx, server.client(), TestObjects.FAST_RETRIES);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void createdThenUnchangedWithoutAWriteThenPatched() throws Exception {
    assertThat(applier.apply(controlPlane(3)).await(10, SECONDS).change()).isEqualTo(Change.CREATED);
    String version = liveControlPlane(server.client()).getMetadata().getResourceVersion();
    server.clearCalls();

    Outcome again = applier.apply(controlPlane(3)).await(10, SECONDS);

    assertThat(again.change()).isEqualTo(Change.UNCHANGED);
    assertThat(server.calls()).as("a read, no write").noneMatch(PlainApiServer.Call::isWrite);
    assertThat(liveControlPlane(server.client()).getMetadata().getResourceVersion()).isEqualTo(version);

    Outcome changed = applier.apply(controlPlane(5, Map.of(Labels.TENANT, "acme", "tier", "gold")))
        .await(10, SECONDS);

    assertThat(changed.change()).isEqualTo(Change.PATCHED);
    GenericKubernetesResource live = liveControlPlane(server.client());
    assertThat(live.getMetadata().getLabels()).containsEntry("tier", "gold").containsEntry(Labels.TENANT, "acme");
    assertThat((Object) live.get("spec", "replicas")).isEqualTo(5);
    assertThat(server.calls()).anyMatch(call -> call.contentType().startsWith("application/merge-patch+json"));
  }

  @Test
  void theMissingServerSideApplyCostsOneFailedCallOnly() throws Exception {
    applier.apply(controlPlane(3)).await(10, SECONDS);
    applier.apply(calico("v1")).await(10, SECONDS);
    applier.apply(controlPlane(5)).await(10, SECONDS);
    applier.apply(calico("v2")).await(10, SECONDS);

    assertThat(server.calls().stream().filter(PlainApiServer.Call::isApply)).hasSize(1);
    assertThat(applier.usesServerSideApply()).isFalse();
    assertThat(server.client().configMaps().inNamespace(NAMESPACE).withName("calico").get().getData())
        .containsEntry("calico.yaml", "v2");
  }

  @Test
  void anExistingObjectIsPatchedAfterTheServerRefusesTheApplyWith415() throws Exception {
    server.client().configMaps().resource(calico("v1")).create();

    Outcome outcome = applier.apply(calico("v2")).await(10, SECONDS);

    assertThat(outcome.change()).isEqualTo(Change.PATCHED);
    assertThat(outcome.object(ConfigMap.class).getData()).containsEntry("calico.yaml", "v2");
    assertThat(applier.usesServerSideApply()).isFalse();
  }

  @Test
  void aDeleteReportsDeletedThenAbsent() throws Exception {
    applier.apply(calico("v1")).await(10, SECONDS);

    assertThat(applier.delete(ConfigMap.class, NAMESPACE, "calico").await(10, SECONDS).change())
        .isEqualTo(Change.DELETED);
    assertThat(server.client().configMaps().inNamespace(NAMESPACE).withName("calico").get()).isNull();
    assertThat(applier.delete(ConfigMap.class, NAMESPACE, "calico").await(10, SECONDS).change())
        .isEqualTo(Change.ABSENT);
  }

  @Test
  void theStatusAControllerSetSurvivesEveryApply() throws Exception {
    applier.apply(controlPlane(3)).await(10, SECONDS);
    TestObjects.controllerReportsReady(server.client());
    GenericKubernetesResource carryingStatus = controlPlane(5);
    carryingStatus.setAdditionalProperty("status", Map.of("readyReplicas", 0));

    assertThat(applier.apply(carryingStatus).await(10, SECONDS).change()).isEqualTo(Change.PATCHED);
    assertThat(applier.apply(controlPlane(5)).await(10, SECONDS).change()).isEqualTo(Change.UNCHANGED);

    GenericKubernetesResource live = liveControlPlane(server.client());
    assertThat((Object) live.get("spec", "replicas")).isEqualTo(5);
    assertThat((Object) live.get("status", "readyReplicas")).isEqualTo(3);
  }

  @Test
  void fieldsOfOtherWritersStayWhenTheObjectIsPatched() throws Exception {
    applier.apply(controlPlane(3)).await(10, SECONDS);
    server.client().genericKubernetesResources(Kinds.K0SMOTRON_CONTROL_PLANE.context()).inNamespace(NAMESPACE)
        .withName("acme-cp").edit(cp -> {
          cp.getMetadata().getAnnotations().put("someone.else/note", "kept");
          return cp;
        });

    assertThat(applier.apply(controlPlane(5)).await(10, SECONDS).change()).isEqualTo(Change.PATCHED);

    GenericKubernetesResource live = liveControlPlane(server.client());
    assertThat((Object) live.get("spec", "replicas")).isEqualTo(5);
    assertThat(live.getMetadata().getAnnotations()).containsEntry("someone.else/note", "kept");
  }
}
