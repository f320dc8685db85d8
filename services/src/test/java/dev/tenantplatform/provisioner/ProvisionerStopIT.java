package dev.tenantplatform.provisioner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tenantplatform.events.CloudEventCodec;
import dev.tenantplatform.events.ClusterSpec;
import dev.tenantplatform.events.EventType;
import dev.tenantplatform.events.TenantRequest;
import dev.tenantplatform.events.Topics;
import dev.tenantplatform.kube.NodePortRange;
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
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A provisioner stopped while requests are in work finishes them, commits them, and ends: the next owner of the
 * partitions does not do them again, and no consumer thread is left behind.
 */
@ExtendWith(KafkaExtension.class)
class ProvisionerStopIT {

  private static final String CONSUMER_THREAD = "vert.x-kafka-consumer-thread-";
  private static final int TENANTS = 16;
  private final CloudEventCodec codec = new CloudEventCodec();

  @Test
  @Timeout(value = 3, unit = TimeUnit.MINUTES)
  void aStopWithRequestsInWorkCommitsThemAndLeavesNoConsumerThread(KafkaCluster kafka) {
    Vertx vertx = Vertx.vertx();
    EmbeddedKubernetes kube = EmbeddedKubernetes.start(null);
    ManagementClusterSimulator controllers = ManagementClusterSimulator.start(kube.controllersClient(),
        SimulatorProfile.INSTANT);
    String prefix = "stop-" + UUID.randomUUID().toString().substring(0, 6) + "-";
    // Every write of the platform takes 150 ms more, so requests are still in work when the stop comes.
    kube.failWhen(call -> {
      if (call.isWrite() && call.namespace() != null && call.namespace().startsWith("tenant-" + prefix)) {
        LockSupport.parkNanos(Duration.ofMillis(150).toNanos());
      }
      return false;
    });
    Set<String> threadsBefore = consumerThreads();
    try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of("bootstrap.servers",
        kafka.bootstrapServers()), new StringSerializer(), new ByteArraySerializer())) {
      Ledger ledger = join(Ledger.start(vertx, kafka.bootstrapServers(), LedgerConfig.defaults()));
      WatchedLedger watched = new WatchedLedger(ledger, prefix);
      String group = FreshGroup.atEnd(kafka, "stop-");
      long committedBefore = committed(kafka, group);
      String provisioner = join(Provisioner.deploy(vertx, ProvisionerConfig.defaults(kafka.bootstrapServers())
          .withGroupId(group).withMaxInFlight(8)
          .withNodePorts(new NodePortRange(30500, 30899)), kube.client(), watched));
      List<String> tenants = IntStream.range(0, TENANTS).mapToObj(i -> prefix + i).toList();
      tenants.forEach(t -> producer.send(new ProducerRecord<>(Topics.REQUESTS.name(), t,
          codec.encodeRequest(TenantRequest.create(t, "ops", ClusterSpec.UNCHANGED)))));
      producer.flush();
      await().atMost(Duration.ofMinutes(1)).until(() -> watched.mostAtOnce() >= 4);

      join(vertx.undeploy(provisioner));

      long applied = applied(kafka, prefix);
      assertThat(applied).as("requests done before the stop ended").isPositive().isLessThan(TENANTS);
      assertThat(committed(kafka, group) - committedBefore).as("requests committed by the stop").isEqualTo(applied);

      await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(consumerThreads())
          .as("Kafka consumer threads still running after the stop").isSubsetOf(threadsBefore));
    } finally {
      kube.failWhen(call -> false);
      join(vertx.close());
      controllers.close();
      kube.close();
    }
  }

  private long applied(KafkaCluster kafka, String prefix) {
    return TopicReader.readAll(kafka.bootstrapServers(), Topics.EVENTS.name()).stream()
        .filter(r -> r.key() != null && r.key().startsWith(prefix))
        .filter(r -> codec.decodeEvent(r.value()).type() == EventType.CLUSTER_APPLIED).count();
  }

  /** The group's committed offsets on the requests, summed over the partitions. */
  private static long committed(KafkaCluster kafka, String group) {
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
      return admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS)
          .values().stream().mapToLong(OffsetAndMetadata::offset).sum();
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  private static Set<String> consumerThreads() {
    return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
        .filter(name -> name.startsWith(CONSUMER_THREAD)).collect(Collectors.toSet());
  }

  private static <T> T join(Future<T> future) {
    try {
      return future.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }
}
