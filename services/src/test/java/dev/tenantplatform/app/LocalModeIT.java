package dev.tenantplatform.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tenantplatform.events.Topics;
import dev.tenantplatform.sandbox.FreePorts;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code local} as a user meets it: everything in local.json answers, a restart keeps the data, stop frees the ports. */
class LocalModeIT {

  @TempDir
  Path dataDir;

  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void startsWithEveryEndpointOfLocalJsonReachableAndRestartsWithItsData() throws Exception {
    LocalInfo first;
    try (LocalMode local = LocalMode.start(options(false))) {
      first = local.info();
      assertThat(LocalInfo.read(dataDir)).contains(first);
      assertEndpointsAnswer(first);
      try (KubernetesClient kube = clientFor(first)) {
        kube.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("tenant-acme")
            .endMetadata().build()).create();
      }
    }
    assertPortsFree(first);

    try (LocalMode local = LocalMode.start(options(false))) {
      LocalInfo second = local.info();
      assertThat(second.kafka()).as("the broker keeps its address").isEqualTo(first.kafka());
      assertThat(second.adminToken()).as("the development token stays valid").isEqualTo(first.adminToken());
      assertEndpointsAnswer(second);
      try (KubernetesClient kube = clientFor(second)) {
        assertThat(kube.namespaces().withName("tenant-acme").get()).as("objects survive a restart").isNotNull();
      }
    }
  }

  @Test
  void freshStartsFromAnEmptyDataFolder() throws Exception {
    String token;
    try (LocalMode local = LocalMode.start(options(false))) {
      token = local.info().adminToken();
    }
    try (LocalMode local = LocalMode.start(options(true))) {
      assertThat(local.info().adminToken()).isNotEqualTo(token);
    }
  }

  @Test
  void freshRefusesToWipeAFolderThatIsNotOneOfOurs() throws Exception {
    Files.writeString(dataDir.resolve("thesis.tex"), "years of work");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> LocalMode.start(options(true)))
        .hasMessageContaining("refuses to wipe").hasMessageContaining("thesis.tex");
    assertThat(dataDir.resolve("thesis.tex")).exists();
  }

  private LocalOptions options(boolean fresh) {
    return new LocalOptions(dataDir, 0, "instant", fresh, 2);
  }

  private void assertEndpointsAnswer(LocalInfo info) throws Exception {
    HttpResponse<String> ready = get(info.http() + "/health/ready");
    assertThat(ready.statusCode()).isEqualTo(200);
    assertThat(new JsonObject(ready.body()).getString("outcome")).isEqualTo("UP");
    assertThat(get(info.http() + "/health/live").statusCode()).isEqualTo(200);
    String metrics = get(info.http() + "/metrics").body();
    assertThat(metrics).contains("jvm_memory_used_bytes");
    // The API's own Kafka clients are published too: its writer of requests and its reader of events.
    assertThat(metrics.lines()).anyMatch(l -> l.startsWith("kafka_producer_")
        && l.contains("client_id=\"tenant-platform-api\""));
    assertThat(metrics.lines()).anyMatch(l -> l.startsWith("kafka_consumer_")
        && l.contains("client_id=\"tenant-platform-api\""));
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", info.kafka()))) {
      Set<String> topics = admin.listTopics().names().get(30, TimeUnit.SECONDS);
      assertThat(topics).containsAll(Topics.ALL.stream().map(t -> t.name()).toList());
    }
    try (KubernetesClient kube = clientFor(info)) {
      assertThat(kube.getKubernetesVersion().getGitVersion()).startsWith("v1.");
    }
  }

  private static KubernetesClient clientFor(LocalInfo info) throws Exception {
    Config config = Config.fromKubeconfig(Files.readString(info.kubeconfig()));
    return new KubernetesClientBuilder().withConfig(config).build();
  }

  private HttpResponse<String> get(String url) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private static void assertPortsFree(LocalInfo info) {
    assertThat(FreePorts.isFree(URI.create(info.http()).getPort())).as("HTTP port freed").isTrue();
    assertThat(FreePorts.isFree(Integer.parseInt(info.kafka().split(":")[1]))).as("Kafka port freed").isTrue();
    assertThat(FreePorts.isFree(URI.create(info.kubernetes()).getPort())).as("Kubernetes port freed").isTrue();
  }
}
