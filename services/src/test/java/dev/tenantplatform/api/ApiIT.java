package dev.tenantplatform.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tenantplatform.events.Action;
import dev.tenantplatform.events.CloudEventCodec;
import dev.tenantplatform.events.TenantRequest;
import dev.tenantplatform.events.Topics;
import dev.tenantplatform.testing.KafkaCluster;
import dev.tenantplatform.testing.KafkaExtension;
import dev.tenantplatform.testing.RunningPlatform;
import dev.tenantplatform.testing.TopicReader;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/** The API through the real broker, the provisioner, the ledger and the simulated controllers. */
@ExtendWith(KafkaExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApiIT {

  private static final Duration PATIENCE = Duration.ofSeconds(60);
  private final HttpClient http = HttpClient.newHttpClient();
  private final CloudEventCodec codec = new CloudEventCodec();
  private KafkaCluster kafka;
  private RunningPlatform platform;

  @BeforeAll
  void start(KafkaCluster kafka) {
    this.kafka = kafka;
    platform = new RunningPlatform(kafka);
  }

  @AfterAll
  void stop() {
    platform.close();
  }

  @Test
  void aTenantCreatedOverHttpIsOnTheLogBeforeThe202AndItsStateShowsOnceItsEventsExist() {
    String tenant = tenant("http");
    HttpResponse<String> created = call("POST", "/tenants", platform.admin(),
        "{\"tenant\":\"" + tenant + "\",\"cluster\":{\"workers\":1}}");
    assertThat(created.statusCode()).as(created.body()).isEqualTo(202);
    assertThat(created.headers().firstValue("Location")).contains("/api/v1/tenants/" + tenant);
    String requestId = new JsonObject(created.body()).getString("requestId");

    // Answered after the ack: the record is there as soon as the answer is.
    List<ConsumerRecord<String, byte[]>> requests = TopicReader.readAll(kafka.bootstrapServers(),
        Topics.REQUESTS.name()).stream().filter(r -> tenant.equals(r.key())).toList();
    assertThat(requests).hasSize(1);
    TenantRequest written = codec.decodeRequest(requests.get(0).value()).request();
    assertThat(written.requestId()).isEqualTo(requestId);
    assertThat(written.action()).isEqualTo(Action.CREATE);
    assertThat(written.requestedBy()).isEqualTo("ops");

    await().atMost(PATIENCE).untilAsserted(() -> {
      JsonObject state = new JsonObject(call("GET", "/tenants/" + tenant, platform.member(tenant), null).body());
      assertThat(state.getString("state")).isEqualTo("Provisioning");
      assertThat(state.getJsonObject("cluster").getInteger("workers")).isEqualTo(1);
      assertThat(state.getJsonObject("cluster").getString("version")).isEqualTo("v1.32.8+k0s.0");
    });
    JsonObject events = new JsonObject(call("GET", "/tenants/" + tenant + "/events", platform.admin(), null).body());
    assertThat(events.getJsonArray("items").stream().map(e -> ((JsonObject) e).getString("type")).toList())
        .startsWith("tenant.accepted", "cluster.applied");
  }

  @Test
  void aTenantIsScaledAndDeletedOverHttp() {
    String tenant = tenant("life");
    assertThat(call("POST", "/tenants", platform.admin(), "{\"tenant\":\"" + tenant + "\"}").statusCode())
        .isEqualTo(202);
    await().atMost(PATIENCE).until(() -> call("GET", "/tenants/" + tenant, platform.admin(), null).statusCode() == 200);

    assertThat(call("PATCH", "/tenants/" + tenant, platform.admin(), "{\"cluster\":{\"workers\":4}}").statusCode())
        .isEqualTo(202);
    await().atMost(PATIENCE).untilAsserted(() -> assertThat(new JsonObject(call("GET", "/tenants/" + tenant,
        platform.admin(), null).body()).getJsonObject("cluster").getInteger("workers")).isEqualTo(4));

    assertThat(call("DELETE", "/tenants/" + tenant, platform.admin(), null).statusCode()).isEqualTo(202);
    await().atMost(PATIENCE).untilAsserted(() -> assertThat(new JsonObject(call("GET", "/tenants/" + tenant,
        platform.admin(), null).body()).getString("state")).isEqualTo("Deleted"));
  }

  @Test
  void aKubeconfigReachesItsTenantButNeverALogLineNorAKafkaTopic() {
    PrintStream original = System.err;
    ByteArrayOutputStream logs = new ByteArrayOutputStream();
    System.setErr(new PrintStream(new TeeStream(original, logs), true, StandardCharsets.UTF_8));
    String kubeconfig;
    String tenant = tenant("secret");
    try {
      assertThat(call("POST", "/tenants", platform.admin(), "{\"tenant\":\"" + tenant + "\"}").statusCode())
          .isEqualTo(202);
      await().atMost(PATIENCE).until(() -> call("GET", "/tenants/" + tenant + "/kubeconfig", platform.member(tenant),
          null).statusCode() == 200);
      kubeconfig = call("GET", "/tenants/" + tenant + "/kubeconfig", platform.member(tenant), null).body();
    } finally {
      System.setErr(original);
    }
    assertThat(kubeconfig).contains("kind: Config", "client-key-data");
    String key = kubeconfig.lines().filter(l -> l.contains("client-key-data")).findFirst().orElseThrow()
        .split(":", 2)[1].trim();
    String captured = logs.toString(StandardCharsets.UTF_8);
    assertThat(captured).contains("kubeconfig read [tenant=" + tenant + " subject=" + tenant + "-dev scope=tenant]");
    assertThat(captured).doesNotContain(key);
    for (String topic : List.of(Topics.REQUESTS.name(), Topics.EVENTS.name(), Topics.DLQ.name())) {
      assertThat(TopicReader.readAll(kafka.bootstrapServers(), topic))
          .as(topic).noneMatch(r -> new String(r.value(), StandardCharsets.UTF_8).contains(key));
    }
  }

  private HttpResponse<String> call(String method, String path, String token, String body) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(platform.url() + "/api/v1" + path))
        .timeout(Duration.ofSeconds(30)).header("Authorization", "Bearer " + token)
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    if (body != null) {
      request.header("Content-Type", "application/json");
    }
    try {
      return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (Exception e) {
      throw new AssertionError(method + " " + path + ": " + e, e);
    }
  }

  private static String tenant(String prefix) {
    return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  /** Writes to two streams: the test's console stays as it was while the logs are captured. */
  private static final class TeeStream extends java.io.OutputStream {
    private final java.io.OutputStream first;
    private final java.io.OutputStream second;

    TeeStream(java.io.OutputStream first, java.io.OutputStream second) {
      this.first = first;
      this.second = second;
    }

    @Override
    public synchronized void write(int b) throws java.io.IOException {
      first.write(b);
      second.write(b);
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) throws java.io.IOException {
      first.write(b, off, len);
      second.write(b, off, len);
    }
  }
}
