package dev.tenantplatform.provisioner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tenantplatform.events.CloudEventCodec;
import dev.tenantplatform.events.ClusterSpec;
import dev.tenantplatform.events.EventType;
import dev.tenantplatform.events.TenantEvent;
import dev.tenantplatform.events.TenantRequest;
import dev.tenantplatform.events.Topics;
import dev.tenantplatform.kube.NodePortRange;
import dev.tenantplatform.kube.RetryPolicy;
import dev.tenantplatform.ledger.Ledger;
import dev.tenantplatform.ledger.LedgerConfig;
import dev.tenantplatform.sandbox.EmbeddedKubernetes;
import dev.tenantplatform.sandbox.simulator.ManagementClusterSimulator;
import dev.tenantplatform.sandbox.simulator.SimulatorProfile;
import dev.tenantplatform.testing.FreshGroup;
import dev.tenantplatform.testing.KafkaCluster;
import dev.tenantplatform.testing.KafkaExtension;
import dev.tenantplatform.testing.TopicReader;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** A slow and failing Kubernetes API slows the consumption of requests down; it does not pile work up. */
@ExtendWith(KafkaExtension.class)
class BackPressureIT {

  private static final int BOUND = 4;
  private static final int TENANTS = 30;
  private final CloudEventCodec codec = new CloudEventCodec();

  @Test
  @Timeout(value = 3, unit = TimeUnit.MINUTES)
  void aSlowFlakyApiKeepsTheRecordsInWorkAtTheBoundAndTheConsumerInItsGroup(KafkaCluster kafka) {
    Vertx vertx = Vertx.vertx();
    EmbeddedKubernetes kube = EmbeddedKubernetes.start(null);
    ManagementClusterSimulator controllers = ManagementClusterSimulator.start(kube.controllersClient(),
        SimulatorProfile.INSTANT);
    String prefix = "slow-" + UUID.randomUUID().toString().substring(0, 6) + "-";
    // Every write of the platform takes 30 ms more and one in five fails with 503: an API server under load.
    kube.failWhen(call -> {
      if (!call.isWrite() || call.namespace() == null || !call.namespace().startsWith("tenant-" + prefix)) {
        return false;
      }
      LockSupport.parkNanos(Duration.ofMillis(30).toNanos());
      return ThreadLocalRandom.current().nextInt(5) == 0;
    });
    try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of("bootstrap.servers",
        kafka.bootstrapServers()), new StringSerializer(), new ByteArraySerializer())) {
      Ledger ledger = join(Ledger.start(vertx, kafka.bootstrapServers(), LedgerConfig.defaults()));
      WatchedLedger watched = new WatchedLedger(ledger, prefix);
      join(Provisioner.deploy(vertx, ProvisionerConfig.defaults(kafka.bootstrapServers())
          .withGroupId(FreshGroup.atEnd(kafka, "back-pressure-")).withMaxInFlight(BOUND)
          .withApiRetries(new RetryPolicy(8, Duration.ofMillis(10), Duration.ofMillis(50)))
          .withNodePorts(new NodePortRange(30100, 30499)), kube.client(), watched));
      List<String> tenants = IntStream.range(0, TENANTS).mapToObj(i -> prefix + i).toList();
      tenants.forEach(t -> producer.send(new ProducerRecord<>(Topics.REQUESTS.name(), t,
          codec.encodeRequest(TenantRequest.create(t, "ops", ClusterSpec.UNCHANGED)))));
      producer.flush();

      await().atMost(Duration.ofMinutes(2)).untilAsserted(() -> assertThat(applied(kafka, prefix))
          .containsExactlyInAnyOrderElementsOf(tenants));
      assertThat(watched.mostAtOnce()).as("tenants in work at once").isLessThanOrEqualTo(BOUND)
          .as("the bound is used, not a single lane").isGreaterThan(1);
      assertThat(watched.takeOvers).as("one assignment: the consumer never left its group").hasValue(1);
    } finally {
      kube.failWhen(call -> false);
      join(vertx.close());
      controllers.close();
      kube.close();
    }
  }

  private Set<String> applied(KafkaCluster kafka, String prefix) {
    return TopicReader.readAll(kafka.bootstrapServers(), Topics.EVENTS.name()).stream()
        .filter(r -> r.key() != null && r.key().startsWith(prefix))
        .map(r -> codec.decodeEvent(r.value())).filter(e -> e.type() == EventType.CLUSTER_APPLIED)
        .map(TenantEvent::tenant).collect(Collectors.toSet());
  }

  private static <T> T join(Future<T> future) {
    try {
      return future.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }
}
