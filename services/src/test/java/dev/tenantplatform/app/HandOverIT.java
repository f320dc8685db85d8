package dev.tenantplatform.app;

import static org.assertj.core.api.Assertions.assertThat;
import static dev.tenantplatform.app.SharedTenants.assertEveryTenantReadyOnceWithOneUnforkedChain;
import static dev.tenantplatform.app.SharedTenants.count;
import static org.awaitility.Awaitility.await;

import dev.tenantplatform.events.CloudEventCodec;
import dev.tenantplatform.events.ClusterSpec;
import dev.tenantplatform.events.EventType;
import dev.tenantplatform.events.TenantRequest;
import dev.tenantplatform.events.Topics;
import dev.tenantplatform.sandbox.EmbeddedKubernetes;
import dev.tenantplatform.sandbox.simulator.ManagementClusterSimulator;
import dev.tenantplatform.sandbox.simulator.SimulatorProfile;
import dev.tenantplatform.testing.FreshGroup;
import dev.tenantplatform.testing.KafkaCluster;
import dev.tenantplatform.testing.KafkaExtension;
import dev.tenantplatform.testing.PlatformInstance;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.IntStream;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Two instances in one JVM share the tenants through the consumer group: one joins while the other works, then
 * the first stops gracefully while it still has requests in work. Every tenant still gets its objects once and
 * one unforked chain.
 */
@ExtendWith(KafkaExtension.class)
class HandOverIT {

  private static final int TENANTS = 40;
  private final CloudEventCodec codec = new CloudEventCodec();

  @Test
  @Timeout(value = 4, unit = TimeUnit.MINUTES)
  void tenantsSurviveAJoinAndAGracefulStopWithOneChainEachAndNothingTwice(KafkaCluster kafka) {
    EmbeddedKubernetes kube = EmbeddedKubernetes.start(null);
    ManagementClusterSimulator controllers = ManagementClusterSimulator.start(kube.controllersClient(),
        SimulatorProfile.INSTANT);
    String prefix = "hand-" + UUID.randomUUID().toString().substring(0, 6) + "-";
    // Writes take a while, so that requests are in work when the partitions move.
    kube.failWhen(call -> {
      if (call.isWrite() && call.namespace() != null && call.namespace().startsWith("tenant-" + prefix)) {
        LockSupport.parkNanos(Duration.ofMillis(60).toNanos());
      }
      return false;
    });
    String group = FreshGroup.atEnd(kafka, "hand-over-");
    PlatformInstance first = new PlatformInstance(kafka, kube.client(), group);
    PlatformInstance second = null;
    try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of("bootstrap.servers",
        kafka.bootstrapServers()), new StringSerializer(), new ByteArraySerializer())) {
      List<String> tenants = IntStream.range(0, TENANTS).mapToObj(i -> prefix + i).toList();
      tenants.forEach(t -> producer.send(new ProducerRecord<>(Topics.REQUESTS.name(), t,
          codec.encodeRequest(TenantRequest.create(t, "ops", ClusterSpec.UNCHANGED)))));
      producer.flush();

      await().atMost(Duration.ofMinutes(1)).until(() -> count(kafka, prefix, EventType.CLUSTER_APPLIED) >= 5);
      second = new PlatformInstance(kafka, kube.client(), group);
      await().atMost(Duration.ofMinutes(1)).until(() -> count(kafka, prefix, EventType.CLUSTER_APPLIED) >= 15);
      long stopping = System.nanoTime();
      first.stop();
      Duration stop = Duration.ofNanos(System.nanoTime() - stopping);
      assertThat(stop).as("a graceful stop is bounded by the hand-over time").isLessThan(Duration.ofSeconds(40));

      assertEveryTenantReadyOnceWithOneUnforkedChain(kafka, kube, prefix, tenants);
    } finally {
      kube.failWhen(call -> false);
      if (second != null) {
        second.stop();
      }
      controllers.close();
      kube.close();
    }
  }
}
