package dev.tenantplatform.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tenantplatform.kube.Kinds;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The embedded API's store answers reads and writes as a real API server would, whatever it holds. */
class EmbeddedKubernetesStoreMockTest {

  private EmbeddedKubernetes api;

  @BeforeEach
  void start() {
    api = EmbeddedKubernetes.start(null);
    for (String tenant : List.of("acme", "beta", "gamma")) {
      api.client().namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("tenant-" + tenant)
          .endMetadata().build()).create();
    }
  }

  @AfterEach
  void stop() {
    api.close();
  }

  @Test
  void readsAndListsSeeEveryWriteByNamespaceNameAndLabel() {
    var clusters = api.client().genericKubernetesResources(Kinds.CLUSTER.context());
    for (String tenant : List.of("gamma", "acme", "beta")) {
      clusters.inNamespace("tenant-" + tenant).resource(cluster(tenant, Map.of("tier", "gamma".equals(tenant)
          ? "gold" : "silver"))).create();
    }
    clusters.inNamespace("tenant-acme").resource(cluster("acme-2", Map.of("tier", "gold"))).create();

    assertThat(clusters.inAnyNamespace().list().getItems()).extracting(c -> c.getMetadata().getName())
        .as("by namespace, then name").containsExactly("acme", "acme-2", "beta", "gamma");
    assertThat(clusters.inNamespace("tenant-acme").list().getItems()).hasSize(2);
    assertThat(clusters.inAnyNamespace().withLabel("tier", "gold").list().getItems())
        .extracting(c -> c.getMetadata().getName()).containsExactly("acme-2", "gamma");
    assertThat(clusters.inNamespace("tenant-beta").withName("acme").get()).as("another namespace's name").isNull();
    assertThat(api.client().namespaces().withName("tenant-beta").get()).as("cluster-scoped").isNotNull();

    clusters.inNamespace("tenant-acme").withName("acme-2").edit(c -> {
      c.getMetadata().getLabels().put("tier", "silver");
      return c;
    });
    clusters.inNamespace("tenant-gamma").withName("gamma").delete();

    assertThat(clusters.inAnyNamespace().withLabel("tier", "gold").list().getItems()).isEmpty();
    assertThat(clusters.inNamespace("tenant-gamma").withName("gamma").get()).isNull();
    assertThat(clusters.inNamespace("tenant-acme").withName("acme-2").get().getMetadata().getLabels())
        .containsEntry("tier", "silver");
  }

  @Test
  void aMissingObjectIsNotFoundWithAStatusSayingWhich() throws Exception {
    HttpResponse<String> answer = raw(HttpRequest.newBuilder(URI.create(api.url()
        + "/apis/cluster.x-k8s.io/v1beta2/namespaces/tenant-acme/clusters/nobody")).GET());

    assertThat(answer.statusCode()).isEqualTo(404);
    assertThat(new JsonObject(answer.body()).getString("reason")).isEqualTo("NotFound");
    assertThat(new JsonObject(answer.body()).getString("message")).isEqualTo("clusters \"nobody\" not found");
  }

  @Test
  void aBodyThatIsNotJsonIsRefusedAtOnceInsteadOfLeftUnanswered() throws Exception {
    api.client().genericKubernetesResources(Kinds.CLUSTER.context()).inNamespace("tenant-acme")
        .resource(cluster("acme", Map.of())).create();

    HttpResponse<String> answer = raw(HttpRequest.newBuilder(URI.create(api.url()
            + "/apis/cluster.x-k8s.io/v1beta2/namespaces/tenant-acme/clusters/acme"))
        .header("Content-Type", "application/merge-patch+json")
        .method("PATCH", HttpRequest.BodyPublishers.ofString("{not json")));

    assertThat(answer.statusCode()).isEqualTo(400);
    assertThat(new JsonObject(answer.body()).getString("message")).contains("is not JSON");
  }

  @Test
  void anApplyThatChangesNothingWritesNothing() {
    var maps = api.client().configMaps().inNamespace("tenant-acme");
    ConfigMap calico = new ConfigMapBuilder().withNewMetadata().withName("calico").withNamespace("tenant-acme")
        .endMetadata().withData(Map.of("calico.yaml", "v1")).build();
    String created = maps.resource(calico).fieldManager("tenant-platform").forceConflicts().serverSideApply()
        .getMetadata().getResourceVersion();

    String again = maps.resource(calico).fieldManager("tenant-platform").forceConflicts().serverSideApply()
        .getMetadata().getResourceVersion();
    String merged = maps.withName("calico").patch(PatchContext.of(PatchType.JSON_MERGE),
        "{\"data\":{\"calico.yaml\":\"v1\"}}").getMetadata().getResourceVersion();

    assertThat(again).isEqualTo(created);
    assertThat(merged).isEqualTo(created);
    assertThat(maps.withName("calico").get().getMetadata().getResourceVersion()).isEqualTo(created);
  }

  @Test
  void aCreateOfAnObjectThatExistsIsAConflict() {
    var clusters = api.client().genericKubernetesResources(Kinds.CLUSTER.context()).inNamespace("tenant-acme");
    clusters.resource(cluster("acme", Map.of())).create();

    assertThatThrownBy(() -> clusters.resource(cluster("acme", Map.of())).create())
        .isInstanceOfSatisfying(KubernetesClientException.class, e -> assertThat(e.getCode()).isEqualTo(409));
  }

  private HttpResponse<String> raw(HttpRequest.Builder request) throws Exception {
    return HttpClient.newHttpClient().send(request.timeout(Duration.ofSeconds(5)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static GenericKubernetesResource cluster(String name, Map<String, String> labels) {
    String namespace = "tenant-" + name.replaceAll("-\\d+$", "");
    return new GenericKubernetesResourceBuilder().withApiVersion(Kinds.CLUSTER.apiVersion())
        .withKind(Kinds.CLUSTER.kind()).withNewMetadata().withName(name).withNamespace(namespace)
        .withLabels(labels).endMetadata().build();
  }
}
