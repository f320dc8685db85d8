package dev.tenantplatform.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tenantplatform.api.SigningKeys;
import dev.tenantplatform.api.TokenConfig;
import dev.tenantplatform.events.CloudEventCodec;
import dev.tenantplatform.events.ClusterSpec;
import dev.tenantplatform.events.EventType;
import dev.tenantplatform.events.HashChain;
import dev.tenantplatform.events.TenantEvent;
import dev.tenantplatform.events.TenantRequest;
import dev.tenantplatform.events.Topics;
import dev.tenantplatform.sandbox.EmbeddedKafka;
import dev.tenantplatform.sandbox.EmbeddedKubernetes;
import dev.tenantplatform.sandbox.simulator.ManagementClusterSimulator;
import dev.tenantplatform.sandbox.simulator.SimulatorProfile;
import dev.tenantplatform.support.KafkaTopics;
import dev.tenantplatform.testing.TopicReader;
import io.vertx.core.Future;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole platform (ledger, provisioner, watcher, API) stopped while tenants provision and started again, as
 * after a crash or a rolling update: the management cluster and the broker go on, the platform picks up from
 * the committed offsets and the chains. Runs on a broker of its own, since the platform consumes in its
 * production consumer group.
 */
class PlatformRestartIT {

  private static final int TENANTS = 50;
  private static final Duration PATIENCE = Duration.ofMinutes(3);
  private static final List<EventType> LIFE = List.of(EventType.TENANT_ACCEPTED, EventType.CLUSTER_APPLIED,
      EventType.CLUSTER_CONTROLPLANE_READY, EventType.CLUSTER_PROVISIONED, EventType.CLUSTER_CNI_APPLIED,
      EventType.CLUSTER_WORKERS_READY, EventType.TENANT_READY);

  private final CloudEventCodec codec = new CloudEventCodec();

  @TempDir
  Path dir;

  @Test
  void fiftyTenantsCutOffMidwayAllReachReadyAfterTheRestartWithEveryEventOnceAndNoGap() {
    try (EmbeddedKafka kafka = EmbeddedKafka.start(dir.resolve("kafka"));
        EmbeddedKubernetes kube = EmbeddedKubernetes.start(null);
        ManagementClusterSimulator controllers = ManagementClusterSimulator.start(kube.controllersClient(),
            SimulatorProfile.INSTANT)) {
      KafkaTopics.ensure(kafka.bootstrapServers(), 3);
      PlatformConfig config = new PlatformConfig("127.0.0.1", 0, kafka.bootstrapServers(), 3);
      TokenConfig tokens = SigningKeys.generate("https://id.example/realms/platform").verification();
      List<String> tenants = IntStream.rangeClosed(1, TENANTS).mapToObj(i -> String.format("restart-%02d", i))
          .toList();

      Platform first = join(Platform.start(config, kube.client(), tokens));
      request(kafka, tenants);
      await().atMost(PATIENCE).pollInterval(Duration.ofMillis(200)).until(() -> chains(kafka).values().stream()
          .anyMatch(chain -> chain.contains(EventType.CLUSTER_APPLIED)));
      join(first.close());
      long readyAtStop = chains(kafka).values().stream().filter(c -> c.contains(EventType.TENANT_READY)).count();
      assertThat(readyAtStop).as("tenants Ready when the platform stopped: it stopped midway").isLessThan(TENANTS);

      Platform second = join(Platform.start(config, kube.client(), tokens));
      try {
        await().atMost(PATIENCE).pollInterval(Duration.ofSeconds(1)).until(() -> chains(kafka).values().stream()
            .filter(chain -> chain.contains(EventType.TENANT_READY)).count() == TENANTS);
        // over resyncs of the restarted watcher, whatever it derives the chains hold already
        await().during(Duration.ofSeconds(5)).atMost(PATIENCE).pollInterval(Duration.ofSeconds(1))
            .until(() -> chains(kafka).values().stream().allMatch(chain -> chain.size() == LIFE.size()));
      } finally {
        join(second.close());
      }
      Map<String, List<TenantEvent>> events = events(kafka);
      for (String tenant : tenants) {
        List<TenantEvent> chain = events.get(tenant);
        assertThat(chain).extracting(TenantEvent::type).as(tenant).containsExactlyInAnyOrderElementsOf(LIFE);
        assertThat(chain).extracting(TenantEvent::sequence).as(tenant + ": sequences without a gap")
            .containsExactlyElementsOf(LongStream.rangeClosed(1, chain.size()).boxed().toList());
        assertThat(HashChain.verify(chain)).as(tenant).isEmpty();
      }
    }
  }

  private void request(EmbeddedKafka kafka, List<String> tenants) {
    try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of("bootstrap.servers",
        kafka.bootstrapServers(), "acks", "all"), new StringSerializer(), new ByteArraySerializer())) {
      for (String tenant : tenants) {
        producer.send(new ProducerRecord<>(Topics.REQUESTS.name(), tenant,
            codec.encodeRequest(TenantRequest.create(tenant, "ops", ClusterSpec.UNCHANGED))));
      }
      producer.flush();
    }
  }

  private Map<String, List<TenantEvent>> events(EmbeddedKafka kafka) {
    return TopicReader.readAll(kafka.bootstrapServers(), Topics.EVENTS.name()).stream()
        .map(r -> codec.decodeEvent(r.value()))
        .collect(Collectors.groupingBy(TenantEvent::tenant, Collectors.toList()));
  }

  private Map<String, List<EventType>> chains(EmbeddedKafka kafka) {
    return events(kafka).entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey,
        e -> e.getValue().stream().map(TenantEvent::type).toList()));
  }

  private static <T> T join(Future<T> future) {
    try {
      return future.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }
}
