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
import dev.tenantplatform.sandbox.ApiFault;
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
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.RemoveMembersFromConsumerGroupOptions;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Two instances in one JVM lose their partitions without a hand-over while requests are in work. Every tenant
 * still gets its objects once and one unforked chain.
 */
@ExtendWith(KafkaExtension.class)
class LostPartitionsIT {

  private static final int TENANTS = 40;
  private final CloudEventCodec codec = new CloudEventCodec();

  /**
   * The group coordinator drops both members while they have requests in work, as it does when their sessions
   * expire: each finds its partitions lost (Kafka's {@code onPartitionsLost}, no revoke, no commit), fences them
   * off in its ledger and abandons its records in work; whoever gets a partition next reads its chains back and
   * takes the records up again from the last commit. Nothing is written twice and no chain forks. (A removal
   * that meets a rebalance under way is taken as a revoke instead; the instances log which it was.)
   */
  @Test
  @Timeout(value = 4, unit = TimeUnit.MINUTES)
  void tenantsSurvivePartitionsLostWithoutAHandOverWithOneChainEachAndNothingTwice(KafkaCluster kafka)
      throws Exception {
    EmbeddedKubernetes kube = EmbeddedKubernetes.start(null);
    ManagementClusterSimulator controllers = ManagementClusterSimulator.start(kube.controllersClient(),
        SimulatorProfile.INSTANT);
    String prefix = "lost-" + UUID.randomUUID().toString().substring(0, 6) + "-";
    // Writes answered late, so that requests are in work when the partitions are lost.
    ApiFault slow = new ApiFault.Slow(Duration.ofMillis(60));
    kube.injectFaults(call -> call.isWrite() && call.namespace() != null
        && call.namespace().startsWith("tenant-" + prefix) ? Optional.of(slow) : Optional.empty());
    String group = FreshGroup.atEnd(kafka, "lost-");
    PlatformInstance first = new PlatformInstance(kafka, kube.client(), group);
    PlatformInstance second = new PlatformInstance(kafka, kube.client(), group);
    try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of("bootstrap.servers",
        kafka.bootstrapServers()), new StringSerializer(), new ByteArraySerializer());
        Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
      List<String> tenants = IntStream.range(0, TENANTS).mapToObj(i -> prefix + i).toList();
      tenants.forEach(t -> producer.send(new ProducerRecord<>(Topics.REQUESTS.name(), t,
          codec.encodeRequest(TenantRequest.create(t, "ops", ClusterSpec.UNCHANGED)))));
      producer.flush();

      await().atMost(Duration.ofMinutes(1)).until(() -> count(kafka, prefix, EventType.CLUSTER_APPLIED) >= 5);
      admin.removeMembersFromConsumerGroup(group, new RemoveMembersFromConsumerGroupOptions()).all()
          .get(30, TimeUnit.SECONDS);
      await().atMost(Duration.ofMinutes(1)).until(() -> count(kafka, prefix, EventType.CLUSTER_APPLIED) >= 20);
      admin.removeMembersFromConsumerGroup(group, new RemoveMembersFromConsumerGroupOptions()).all()
          .get(30, TimeUnit.SECONDS);

      assertEveryTenantReadyOnceWithOneUnforkedChain(kafka, kube, prefix, tenants);
    } finally {
      kube.injectFaults(call -> Optional.empty());
      second.stop();
      first.stop();
      controllers.close();
      kube.close();
    }
  }
}
