package dev.tenantplatform.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tenantplatform.events.CloudEventCodec;
import dev.tenantplatform.events.EventType;
import dev.tenantplatform.events.HashChain;
import dev.tenantplatform.events.TenantEvent;
import dev.tenantplatform.events.Topics;
import dev.tenantplatform.kube.Kinds;
import dev.tenantplatform.kube.TenantNames;
import dev.tenantplatform.sandbox.EmbeddedKubernetes;
import dev.tenantplatform.testing.KafkaCluster;
import dev.tenantplatform.testing.TopicReader;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * What the tests of instances sharing tenants (a hand-over, partitions lost) read back and check: the chains of
 * one test's tenants (their names start with its prefix) on {@code tenant.events}.
 */
final class SharedTenants {

  private static final CloudEventCodec CODEC = new CloudEventCodec();

  private SharedTenants() {
  }

  /** How many of the prefix's tenants have an event of {@code type}. */
  static long count(KafkaCluster kafka, String prefix, EventType type) {
    return chains(kafka, prefix).values().stream().filter(c -> c.stream().anyMatch(e -> e.type() == type)).count();
  }

  /** The chain of each tenant of the prefix, in log order. */
  static Map<String, List<TenantEvent>> chains(KafkaCluster kafka, String prefix) {
    return TopicReader.readAll(kafka.bootstrapServers(), Topics.EVENTS.name()).stream()
        .filter(r -> r.key() != null && r.key().startsWith(prefix))
        .map(r -> CODEC.decodeEvent(r.value()))
        .collect(Collectors.groupingBy(TenantEvent::tenant, Collectors.mapping(Function.identity(),
            Collectors.toList())));
  }

  /** Every tenant Ready within two minutes, with one Cluster and one unforked chain holding each event once. */
  static void assertEveryTenantReadyOnceWithOneUnforkedChain(KafkaCluster kafka, EmbeddedKubernetes kube,
      String prefix, List<String> tenants) {
    await().atMost(Duration.ofMinutes(2)).untilAsserted(() -> assertThat(
        count(kafka, prefix, EventType.TENANT_READY)).isEqualTo(tenants.size()));
    Map<String, List<TenantEvent>> chains = chains(kafka, prefix);
    for (String tenant : tenants) {
      List<TenantEvent> chain = chains.get(tenant);
      assertThat(HashChain.verify(chain)).as("chain of %s", tenant).isEmpty();
      assertThat(chain).extracting(TenantEvent::id).as("no fork in %s", tenant).doesNotHaveDuplicates();
      assertThat(chain).extracting(TenantEvent::type).as("each event of %s once", tenant)
          .doesNotHaveDuplicates().contains(EventType.TENANT_ACCEPTED, EventType.CLUSTER_APPLIED,
              EventType.TENANT_READY);
      assertThat(kube.client().genericKubernetesResources(Kinds.CLUSTER.context())
          .inNamespace(new TenantNames(tenant).namespace()).list().getItems()).as("Clusters of %s", tenant)
          .hasSize(1);
    }
  }
}
