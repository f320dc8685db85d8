package dev.tenantplatform.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tenantplatform.api.SigningKeys;
import dev.tenantplatform.app.Platform;
import dev.tenantplatform.kube.Kinds;
import dev.tenantplatform.kube.KubeKind;
import dev.tenantplatform.kube.Labels;
import dev.tenantplatform.kube.TenantNames;
import dev.tenantplatform.app.PlatformConfig;
import dev.tenantplatform.sandbox.ApiCall;
import dev.tenantplatform.sandbox.EmbeddedKubernetes;
import dev.tenantplatform.sandbox.simulator.ManagementClusterSimulator;
import dev.tenantplatform.sandbox.simulator.SimulatorProfile;
import dev.tenantplatform.testing.KafkaCluster;
import dev.tenantplatform.testing.KafkaExtension;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The manifests of {@code deploy/} against the platform as {@code run} starts it. Its RBAC in
 * {@code deploy/base/rbac.yaml} is derived from what the platform does: a tenant's whole
 * life (create, update, kubeconfig read, delete) runs against the embedded API with the simulated controllers,
 * every request of the platform's own client is recorded, and each must be allowed by a rule while no rule may
 * go unused. The controllers' requests (their own user agent) are not the platform's and are not counted.
 */
@ExtendWith(KafkaExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DeployManifestsIT {

  static final Path RBAC = Manifests.DEPLOY.resolve("base/rbac.yaml");
  private static final Duration PATIENCE = Duration.ofSeconds(90);

  private final ConcurrentLinkedQueue<ApiCall> calls = new ConcurrentLinkedQueue<>();
  private final HttpClient http = HttpClient.newHttpClient();
  private final Vertx tokens = Vertx.vertx();
  private final SigningKeys keys = SigningKeys.generate("https://id.example/realms/platform");
  private EmbeddedKubernetes kube;
  private ManagementClusterSimulator controllers;
  private Platform platform;

  @BeforeAll
  void runATenantsWholeLife(KafkaCluster kafka) throws Exception {
    kube = EmbeddedKubernetes.start(null);
    kube.failWhen(call -> {
      calls.add(call);
      return false;
    });
    controllers = ManagementClusterSimulator.start(kube.controllersClient(), SimulatorProfile.INSTANT);
    platform = Platform.start(new PlatformConfig("127.0.0.1", 0, kafka.bootstrapServers(), KafkaExtension.PARTITIONS),
        kube.client(), keys.verification()).toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);

    // Both infrastructure providers, since each has its own kinds: a tenant on Docker and one on Dev machines.
    String docker = "rbac-" + UUID.randomUUID().toString().substring(0, 8);
    String dev = "rbac-" + UUID.randomUUID().toString().substring(0, 8);
    create(docker, "docker");
    create(dev, "dev");
    awaitState(docker, "Ready");
    awaitState(dev, "Ready");
    assertThat(call("PATCH", "/tenants/" + docker, "{\"cluster\":{\"workers\":2}}").statusCode()).isEqualTo(202);
    await().atMost(PATIENCE).untilAsserted(() -> assertThat(tenantJson(docker).getJsonObject("cluster")
        .getInteger("workers")).isEqualTo(2));
    awaitState(docker, "Ready");
    assertThat(call("GET", "/tenants/" + docker + "/kubeconfig", null).statusCode()).isEqualTo(200);
    leaveAnOldTemplateGeneration(docker, Kinds.DOCKER_MACHINE_TEMPLATE, Kinds.K0S_WORKER_CONFIG_TEMPLATE);
    leaveAnOldTemplateGeneration(dev, Kinds.DEV_MACHINE_TEMPLATE);
    assertThat(call("DELETE", "/tenants/" + docker, null).statusCode()).isEqualTo(202);
    assertThat(call("DELETE", "/tenants/" + dev, null).statusCode()).isEqualTo(202);
    awaitState(docker, "Deleted");
    awaitState(dev, "Deleted");
    // The state says Deleted once the Cluster is gone; offboarding then removes the rest, the namespace last.
    await().atMost(PATIENCE).until(() -> kube.controllersClient().namespaces().withName(new TenantNames(docker).namespace()).get() == null
        && kube.controllersClient().namespaces().withName(new TenantNames(dev).namespace()).get() == null);
  }

  /**
   * A template of an earlier spec that the garbage collector does not take with the Cluster (no owner), as after
   * a spec change: offboarding must find it by the tenant's label and delete it. Written by the controllers'
   * client, so it is not one of the platform's requests.
   */
  private void leaveAnOldTemplateGeneration(String tenant, KubeKind... kinds) {
    for (KubeKind kind : kinds) {
      kube.controllersClient().genericKubernetesResources(kind.context()).inNamespace(new TenantNames(tenant).namespace())
          .resource(new GenericKubernetesResourceBuilder().withApiVersion(kind.apiVersion()).withKind(kind.kind())
              .withNewMetadata().withName(tenant + "-old").withNamespace(new TenantNames(tenant).namespace())
              .addToLabels(Labels.TENANT, tenant).endMetadata()
              .addToAdditionalProperties("spec", Map.of("template", Map.of("spec", Map.of()))).build())
          .create();
    }
  }

  private void create(String tenant, String infrastructure) throws Exception {
    HttpResponse<String> created = call("POST", "/tenants", "{\"tenant\":\"" + tenant
        + "\",\"cluster\":{\"workers\":1,\"infrastructure\":\"" + infrastructure + "\"}}");
    assertThat(created.statusCode()).as(created.body()).isEqualTo(202);
  }

  @AfterAll
  void stop() throws Exception {
    if (platform != null) {
      platform.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
    if (controllers != null) {
      controllers.close();
    }
    if (kube != null) {
      kube.close();
    }
    tokens.close();
  }

  @Test
  void everyRequestThePlatformMakesIsAllowedByTheDeployedRules() throws Exception {
    RbacRules rules = RbacRules.read(RBAC);
    Set<String> denied = requests().stream().filter(r -> rules.allowing(r).isEmpty()).map(ResourceRequest::toString)
        .collect(Collectors.toCollection(TreeSet::new));
    assertThat(denied).as("requests the platform made that %s does not allow", RBAC).isEmpty();
  }

  @Test
  void noRuleGrantsMoreThanThePlatformUses() throws Exception {
    List<ResourceRequest> made = requests();
    Set<String> unused = RbacRules.read(RBAC).grants().stream()
        .filter(grant -> made.stream().noneMatch(grant::allows)).map(RbacRules.Grant::toString)
        .collect(Collectors.toCollection(TreeSet::new));
    assertThat(unused).as("grants in %s that no request of the platform needed", RBAC).isEmpty();
  }

  @Test
  void theFlowReachedEveryKindOfRequestTheRulesAreAbout() {
    Set<String> verbs = requests().stream().map(ResourceRequest::verb).collect(Collectors.toSet());
    assertThat(verbs).as("the flow must create, change, read, watch and delete for the derivation to mean"
        + " anything").contains("create", "patch", "get", "list", "watch", "delete");
  }

  @Test
  void theProbesAndTheScrapedPathAreServedOnThePortTheManifestsName() throws Exception {
    Deployment deployment = Manifests.platform(Manifests.read(Manifests.DEPLOY.resolve("base/deployment.yaml")));
    Container container = deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
    Map<String, Integer> ports = container.getPorts().stream()
        .collect(Collectors.toMap(ContainerPort::getName, ContainerPort::getContainerPort));
    assertThat(ports).containsEntry("http", PlatformConfig.DEFAULT_HTTP_PORT);
    assertThat(container.getArgs()).as("the port comes from run's default").noneMatch(a -> a.startsWith("--port"));

    Map<String, Probe> probes = Map.of("startup", container.getStartupProbe(), "liveness",
        container.getLivenessProbe(), "readiness", container.getReadinessProbe());
    for (Map.Entry<String, Probe> probe : probes.entrySet()) {
      assertThat(probe.getValue().getHttpGet().getPort().getStrVal()).as(probe.getKey()).isEqualTo("http");
      HttpResponse<String> answer = get(probe.getValue().getHttpGet().getPath());
      assertThat(answer.statusCode()).as("%s probe %s: %s", probe.getKey(), probe.getValue().getHttpGet().getPath(),
          answer.body()).isEqualTo(200);
    }
    GenericKubernetesResource monitor = (GenericKubernetesResource) Manifests.read(
        Manifests.DEPLOY.resolve("components/monitoring/servicemonitor.yaml")).get(0);
    List<Map<String, Object>> endpoints = monitor.get("spec", "endpoints");
    HttpResponse<String> scraped = get((String) endpoints.get(0).get("path"));
    assertThat(scraped.statusCode()).isEqualTo(200);
    assertThat(scraped.body()).contains("# TYPE jvm_memory_used_bytes gauge");
  }

  private HttpResponse<String> get(String path) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + platform.httpPort() + path))
        .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private List<ResourceRequest> requests() {
    return calls.stream().map(ResourceRequest::of).flatMap(Optional::stream).toList();
  }

  private void awaitState(String tenant, String state) {
    await().atMost(PATIENCE).pollInterval(Duration.ofMillis(200))
        .untilAsserted(() -> assertThat(tenantJson(tenant).getString("state")).isEqualTo(state));
  }

  private JsonObject tenantJson(String tenant) throws Exception {
    HttpResponse<String> response = call("GET", "/tenants/" + tenant, null);
    return response.statusCode() == 200 ? new JsonObject(response.body()) : new JsonObject();
  }

  private HttpResponse<String> call(String method, String path, String body) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(
            URI.create("http://127.0.0.1:" + platform.httpPort() + "/api/v1" + path))
        .header("Authorization", "Bearer " + keys.mintAdmin(tokens, "ops", Duration.ofMinutes(10)))
        .timeout(Duration.ofSeconds(30));
    if (body == null) {
      request.method(method, HttpRequest.BodyPublishers.noBody());
    } else {
      request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body));
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
