package dev.tenantplatform.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tenantplatform.events.Topics;
import dev.tenantplatform.metrics.Dashboards;
import dev.tenantplatform.sandbox.FreePorts;
import dev.tenantplatform.sandbox.simulator.Faults;
import dev.tenantplatform.testing.LocalTenants;
import dev.tenantplatform.testing.Tool;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every query of every dashboard panel, run by a real Prometheus (Debian's {@code prometheus} package) scraping
 * the local platform's /metrics while tenants are onboarded, returns data. Skipped, with the reason, where the
 * binary is not installed; {@code .ci/run} installs it.
 */
class DashboardQueriesIT {

  private static final Logger LOG = LoggerFactory.getLogger(DashboardQueriesIT.class);

  private static final Duration PATIENCE = Duration.ofSeconds(90);
  /** What Grafana's interval variables come to for a dashboard of the last hour scraped every second. */
  private static final String RATE_INTERVAL = "5m";
  private static final String RANGE = "1h";
  /** The savings panels read meters the savings model publishes; they are checked once it publishes any. */
  private static final List<String> SAVINGS_METRICS = List.of("tenantplatform_savings_", "tenantplatform_boot_",
      "node_cpu_hourly_cost", "node_ram_hourly_cost");

  @TempDir
  Path dir;

  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void everyQueryOfEveryDashboardPanelReturnsDataFromPrometheusScrapingTheLocalPlatform() throws Exception {
    Tool prometheus = new Tool("prometheus").require();
    try (LocalMode local = LocalMode.start(new LocalOptions(dir.resolve("data"), 0, "instant", false, 2))) {
      int port = FreePorts.reuseOrPick(0);
      String api = "http://127.0.0.1:" + port;
      Files.writeString(dir.resolve("prometheus.yml"), """
          global:
            scrape_interval: 1s
            evaluation_interval: 1s
          scrape_configs:
            - job_name: tenant-platform
              static_configs:
                - targets: ["%s"]
          """.formatted(URI.create(local.info().http()).getAuthority()));
      try (Tool.Running server = prometheus.start(Map.of(), "--config.file=" + dir.resolve("prometheus.yml"),
          "--storage.tsdb.path=" + dir.resolve("tsdb"), "--web.listen-address=127.0.0.1:" + port,
          "--log.level=warn")) {
        // Prometheus refuses connections until it listens, a moment after it starts.
        await().atMost(PATIENCE).ignoreExceptionsInstanceOf(ConnectException.class)
            .untilAsserted(() -> assertThat(value(api, "up{job=\"tenant-platform\"}"))
                .as("the platform is scraped; Prometheus said: " + server.errors()).isEqualTo("1"));

        LocalTenants tenants = new LocalTenants(local.info().http(), local.info().adminToken());
        tenants.onboardToReady(List.of("acme", "globex", "initech"), PATIENCE);
        tenants.offboard("initech", PATIENCE);
        failAWorkerOf("globex", local.info(), tenants);
        sendUnreadableRequest(local.info().kafka());
        await().atMost(PATIENCE).untilAsserted(() -> {
          assertThat(value(api, "tenantplatform_dlq_total{reason=\"not_json\"}")).isEqualTo("1");
          assertThat(value(api, "tenantplatform_problems_total{kind=\"failed\",stage!=\"none\"}")).isEqualTo("1");
        });

        boolean savingsPublished = tenants.scrape().contains("tenantplatform_savings_");
        List<Dashboards.Query> checked = new ArrayList<>();
        List<Dashboards.Query> waiting = new ArrayList<>();
        for (Dashboards.Query query : Dashboards.queries()) {
          (savingsPublished || !readsSavings(query) ? checked : waiting).add(query);
        }
        List<String> empty = new ArrayList<>();
        await().atMost(PATIENCE).pollInterval(Duration.ofSeconds(2)).untilAsserted(() -> {
          empty.clear();
          for (Dashboards.Query query : checked) {
            if (!hasData(api, query.asSent(RATE_INTERVAL, RANGE))) {
              empty.add(query.toString());
            }
          }
          assertThat(empty).as("panel queries without data").isEmpty();
        });
        LOG.info("{} panel queries returned data through Prometheus; {} savings queries wait for the savings"
            + " meters: {}", checked.size(), waiting.size(), waiting);
        assertThat(checked).hasSizeGreaterThan(20);
      }
    }
  }

  private static boolean readsSavings(Dashboards.Query query) {
    return Dashboards.metricNames(query.expr()).stream()
        .anyMatch(metric -> SAVINGS_METRICS.stream().anyMatch(metric::startsWith));
  }

  /** Whether Prometheus answers the query with at least one value that is a number. */
  private boolean hasData(String api, String query) throws IOException, InterruptedException {
    JsonObject data = query(api, query);
    if ("scalar".equals(data.getString("resultType"))) {
      return !"NaN".equals(data.getJsonArray("result").getString(1));
    }
    JsonArray result = data.getJsonArray("result");
    for (int i = 0; i < result.size(); i++) {
      String value = result.getJsonObject(i).getJsonArray("value").getString(1);
      if (!"NaN".equals(value)) {
        return true;
      }
    }
    return false;
  }

  /** The first value of an instant query, or null when there is none. */
  private String value(String api, String query) throws IOException, InterruptedException {
    JsonArray result = query(api, query).getJsonArray("result");
    return result.isEmpty() ? null : result.getJsonObject(0).getJsonArray("value").getString(1);
  }

  private JsonObject query(String api, String query) throws IOException, InterruptedException {
    HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(api + "/api/v1/query?query="
        + URLEncoder.encode(query, StandardCharsets.UTF_8))).build(), HttpResponse.BodyHandlers.ofString());
    JsonObject body = new JsonObject(answer.body());
    assertThat(body.getString("status")).as(query + " → " + answer.body()).isEqualTo("success");
    return body.getJsonObject("data");
  }

  /** The simulator fails the next worker Machine of the tenant (its fault annotation); scaling up makes one. */
  private static void failAWorkerOf(String tenant, LocalInfo info, LocalTenants tenants) throws Exception {
    Config config = Config.fromKubeconfig(Files.readString(info.kubeconfig()));
    try (KubernetesClient kube = new KubernetesClientBuilder().withConfig(config).build()) {
      kube.genericKubernetesResources("cluster.x-k8s.io/v1beta2", "Cluster").inNamespace("tenant-" + tenant)
          .withName(tenant).edit(cluster -> {
            Map<String, String> annotations = new java.util.HashMap<>();
            if (cluster.getMetadata().getAnnotations() != null) {
              annotations.putAll(cluster.getMetadata().getAnnotations());
            }
            annotations.put(Faults.ANNOTATION, "worker-fails");
            cluster.getMetadata().setAnnotations(annotations);
            return cluster;
          });
    }
    tenants.scale(tenant, 2);
    await().atMost(PATIENCE).untilAsserted(() -> assertThat(tenants.state(tenant)).isEqualTo("Failed"));
  }

  /** A record that is not JSON at all: the provisioner dead-letters it with reason not_json. */
  private static void sendUnreadableRequest(String bootstrapServers) throws Exception {
    try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of("bootstrap.servers", bootstrapServers),
        new StringSerializer(), new ByteArraySerializer())) {
      producer.send(new ProducerRecord<>(Topics.REQUESTS.name(), "acme",
          "this is not a request".getBytes(StandardCharsets.UTF_8))).get(30, TimeUnit.SECONDS);
    }
  }
}
