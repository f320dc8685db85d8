package dev.tenantplatform.ledger;

import static dev.tenantplatform.ledger.TestEvents.acceptedCreate;
import static dev.tenantplatform.ledger.TestEvents.applied;
import static dev.tenantplatform.ledger.TestEvents.degraded;
import static dev.tenantplatform.ledger.TestEvents.tenant;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tenantplatform.events.HashChain;
import dev.tenantplatform.events.TenantEvent;
import dev.tenantplatform.events.Topics;
import dev.tenantplatform.support.Telemetry;
import dev.tenantplatform.support.TenantLedger.Entry;
import dev.tenantplatform.testing.KafkaCluster;
import dev.tenantplatform.testing.KafkaExtension;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * One writer per chain, enforced by the broker: an instance that takes a partition over fences off the one that
 * wrote it before, even when that one never heard that the partition moved (its session expired, it was paused).
 */
@ExtendWith({VertxExtension.class, KafkaExtension.class})
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class LedgerFencingIT {

  private static final String EVENTS = Topics.EVENTS.name();

  @Test
  void anInstanceThatTookAPartitionOverFencesOffTheOneThatStillBelievesItOwnsIt(Vertx vertx, KafkaCluster kafka)
      throws Exception {
    String tenant = tenant("ledger-fence");
    Set<Integer> partition = Set.of(Ledger.partitionOf(tenant, KafkaExtension.PARTITIONS));
    Ledger old = Waiting.on(Ledger.startShared(vertx, kafka.bootstrapServers(), LedgerConfig.defaults(),
        Telemetry.NOOP));
    Waiting.on(old.takeOver(partition));
    TenantEvent create = acceptedCreate(tenant);
    TenantEvent first = Waiting.on(old.append(tenant, List.of(Entry.once(create)))).get(0);

    // The group moved the partition; the old owner was not told.
    Ledger current = Waiting.on(Ledger.startShared(vertx, kafka.bootstrapServers(), LedgerConfig.defaults(),
        Telemetry.NOOP));
    Waiting.on(current.takeOver(partition));

    Throwable refused = Waiting.failure(old.append(tenant, List.of(Entry.always(degraded(tenant,
        create.requestId(), "written by an instance that lost the partition")))));
    List<TenantEvent> next = Waiting.on(current.append(tenant, List.of(Entry.once(applied(tenant,
        create.requestId())))));

    assertThat(refused).hasMessageContaining("newer writer on another instance");
    assertThat(old.writes(tenant)).as("the fenced-off instance knows it writes the tenant no more").isFalse();
    assertThat(next).singleElement().satisfies(event -> {
      assertThat(event.sequence()).isEqualTo(2);
      assertThat(event.previousHash()).isEqualTo(first.hash());
    });
    List<TenantEvent> onTopic = TopicContents.eventsOf(kafka.bootstrapServers(), EVENTS, tenant);
    assertThat(onTopic).extracting(TenantEvent::sequence).containsExactly(1L, 2L);
    assertThat(HashChain.verifyAll(onTopic)).isEmpty();
  }

  @Test
  void aSharedLedgerWritesNothingAndFencesOffNobodyBeforeItTakesPartitionsOver(Vertx vertx, KafkaCluster kafka)
      throws Exception {
    String tenant = tenant("ledger-shared");
    Set<Integer> partition = Set.of(Ledger.partitionOf(tenant, KafkaExtension.PARTITIONS));
    Ledger owner = Waiting.on(Ledger.startShared(vertx, kafka.bootstrapServers(), LedgerConfig.defaults(),
        Telemetry.NOOP));
    Waiting.on(owner.takeOver(partition));
    TenantEvent create = acceptedCreate(tenant);
    Waiting.on(owner.append(tenant, List.of(Entry.once(create))));

    Ledger joining = Waiting.on(Ledger.startShared(vertx, kafka.bootstrapServers(), LedgerConfig.defaults(),
        Telemetry.NOOP));

    assertThat(joining.writes(tenant)).isFalse();
    assertThat(Waiting.failure(joining.append(tenant, List.of(Entry.once(applied(tenant, create.requestId()))))))
        .hasMessageContaining("handed over");
    assertThat(Waiting.on(owner.append(tenant, List.of(Entry.once(applied(tenant, create.requestId()))))))
        .singleElement().extracting(TenantEvent::sequence).isEqualTo(2L);
  }
}
