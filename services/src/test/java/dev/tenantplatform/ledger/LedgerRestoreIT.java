package dev.tenantplatform.ledger;

import static dev.tenantplatform.ledger.TestEvents.accepted;
import static dev.tenantplatform.ledger.TestEvents.acceptedCreate;
import static dev.tenantplatform.ledger.TestEvents.applied;
import static dev.tenantplatform.ledger.TestEvents.degraded;
import static dev.tenantplatform.ledger.TestEvents.deleted;
import static dev.tenantplatform.ledger.TestEvents.deleting;
import static dev.tenantplatform.ledger.TestEvents.rejected;
import static dev.tenantplatform.ledger.TestEvents.tenant;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tenantplatform.events.ChainBreak;
import dev.tenantplatform.events.ClusterSpec;
import dev.tenantplatform.events.HashChain;
import dev.tenantplatform.events.TenantEvent;
import dev.tenantplatform.events.TenantRequest;
import dev.tenantplatform.events.Topics;
import dev.tenantplatform.support.TenantLedger.Entry;
import dev.tenantplatform.support.TenantRecord;
import dev.tenantplatform.testing.KafkaCluster;
import dev.tenantplatform.testing.KafkaExtension;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith({VertxExtension.class, KafkaExtension.class})
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class LedgerRestoreIT {

  private static final String EVENTS = Topics.EVENTS.name();
  private static final ClusterSpec FIVE_WORKERS = ClusterSpec.DEFAULTS.withWorkers(5);

  @Test
  void aNewLedgerRestoresEveryTenantAndContinuesEachChainWithoutAFork(Vertx vertx, KafkaCluster kafka)
      throws Exception {
    Ledger before = Waiting.on(Ledger.start(vertx, kafka.bootstrapServers(), LedgerConfig.defaults()));
    int liveBefore = Waiting.on(before.liveTenants());
    Map<String, List<Entry>> lives = lives();
    for (Map.Entry<String, List<Entry>> life : lives.entrySet()) {
      Waiting.on(before.append(life.getKey(), life.getValue()));
    }
    Map<String, TenantRecord> recorded = new LinkedHashMap<>();
    for (String tenant : lives.keySet()) {
      recorded.put(tenant, Waiting.on(before.record(tenant)).orElseThrow());
    }
    Waiting.on(before.close());

    Ledger after = Waiting.on(Ledger.start(vertx, kafka.bootstrapServers(), LedgerConfig.defaults()));

    for (String tenant : lives.keySet()) {
      assertThat(Waiting.on(after.record(tenant))).as(tenant).contains(recorded.get(tenant));
    }
    assertThat(Waiting.on(after.liveTenants())).isEqualTo(liveBefore + 2);
    for (String tenant : lives.keySet()) {
      List<TenantEvent> next = Waiting.on(after.append(tenant, List.of(Entry.always(degraded(tenant, "r-after",
          "workers not ready after the restart")))));
      assertThat(next).singleElement().satisfies(event -> {
        assertThat(event.sequence()).isEqualTo(recorded.get(tenant).head().sequence() + 1);
        assertThat(event.previousHash()).isEqualTo(recorded.get(tenant).head().hash());
      });
    }
    for (Map.Entry<String, List<Entry>> life : lives.entrySet()) {
      assertThat(Waiting.on(after.append(life.getKey(), life.getValue()))).as(life.getKey()).isEmpty();
    }
    assertThat(HashChain.verifyAll(TopicContents.events(kafka.bootstrapServers(), EVENTS))).isEmpty();
  }

  @Test
  void restoringSomePartitionsTakesInTheirTenantsOnly(Vertx vertx, KafkaCluster kafka) throws Exception {
    Ledger taker = Waiting.on(Ledger.start(vertx, kafka.bootstrapServers(), LedgerConfig.defaults()));
    Ledger owner = Waiting.on(Ledger.start(vertx, kafka.bootstrapServers(), LedgerConfig.defaults()));
    String taken = tenantOnPartition("ledger-taken", 0);
    String kept = tenantOnPartition("ledger-kept", 1);
    Waiting.on(owner.append(taken, List.of(Entry.once(acceptedCreate(taken)))));
    Waiting.on(owner.append(kept, List.of(Entry.once(acceptedCreate(kept)))));
    TenantRecord ownerRecord = Waiting.on(owner.record(taken)).orElseThrow();
    Waiting.on(owner.close());

    Waiting.on(taker.restore(Set.of(0)));

    assertThat(Waiting.on(taker.record(taken))).contains(ownerRecord);
    assertThat(Waiting.on(taker.record(kept))).isEmpty();
    List<TenantEvent> next = Waiting.on(taker.append(taken, List.of(Entry.once(applied(taken, "r-2")))));
    assertThat(next).extracting(TenantEvent::sequence).containsExactly(2L);
    assertThat(HashChain.verifyAll(TopicContents.eventsOf(kafka.bootstrapServers(), EVENTS, taken))).isEmpty();
  }

  @Test
  void restoringAPartitionTheTopicDoesNotHaveIsRefusedAndChangesNothing(Vertx vertx, KafkaCluster kafka)
      throws Exception {
    Ledger ledger = Waiting.on(Ledger.start(vertx, kafka.bootstrapServers(), LedgerConfig.defaults()));
    String tenant = tenantOnPartition("ledger-still", 1);
    Waiting.on(ledger.append(tenant, List.of(Entry.once(acceptedCreate(tenant)))));

    Throwable failure = Waiting.failure(ledger.restore(Set.of(1, 7)));

    assertThat(failure).hasMessageContaining("[7]").hasMessageContaining("has " + KafkaExtension.PARTITIONS);
    assertThat(Waiting.on(ledger.record(tenant))).hasValueSatisfying(r -> assertThat(r.live()).isTrue());
    assertThat(Waiting.on(ledger.append(tenant, List.of(Entry.once(applied(tenant, "r-2"))))))
        .extracting(TenantEvent::sequence).containsExactly(2L);
  }

  @Test
  void aBrokenChainInTheLogIsContinuedAfterItsHighestSequenceNeverForked(Vertx vertx, KafkaCluster kafka)
      throws Exception {
    String topic = BrokenLog.createTopic(kafka.bootstrapServers(), "ledger-broken");
    String tenant = tenant("ledger-broken");
    List<TenantEvent> chain = TestEvents.sealFromGenesis(List.of(acceptedCreate(tenant), applied(tenant, "r-1"),
        degraded(tenant, "r-1", "control plane not ready after 600 s")));
    BrokenLog.write(kafka.bootstrapServers(), topic, tenant, List.of(chain.get(0), chain.get(2)));

    Ledger ledger = Waiting.on(Ledger.start(vertx, kafka.bootstrapServers(),
        LedgerConfig.defaults().withTopic(topic)));

    TenantRecord record = Waiting.on(ledger.record(tenant)).orElseThrow();
    assertThat(record.head().sequence()).isEqualTo(3);
    assertThat(record.live()).isTrue();
    List<TenantEvent> next = Waiting.on(ledger.append(tenant, List.of(Entry.once(applied(tenant, "r-2")))));
    assertThat(next).singleElement().satisfies(event -> {
      assertThat(event.sequence()).isEqualTo(4);
      assertThat(event.previousHash()).isEqualTo(chain.get(2).hash());
    });
    assertThat(HashChain.verifyAll(BrokenLog.readableEvents(kafka.bootstrapServers(), topic)))
        .singleElement().satisfies(found -> {
          assertThat(found.kind()).isEqualTo(ChainBreak.Kind.GAP);
          assertThat(found.sequence()).isEqualTo(2);
        });
  }

  /** Tenants in each lifecycle, with the entries that lead there. */
  private static Map<String, List<Entry>> lives() {
    Map<String, List<Entry>> lives = new LinkedHashMap<>();
    String live = tenant("ledger-live");
    TenantEvent create = acceptedCreate(live);
    lives.put(live, List.of(Entry.once(create), Entry.once(applied(live, create.requestId()))));
    String updated = tenant("ledger-updated");
    TenantRequest update = TenantRequest.update(updated, TestEvents.ALICE, new ClusterSpec(null, null, 5, null,
        null, null, null));
    lives.put(updated, List.of(Entry.once(acceptedCreate(updated)), Entry.once(accepted(update, FIVE_WORKERS))));
    String leaving = tenant("ledger-deleting");
    lives.put(leaving, List.of(Entry.once(acceptedCreate(leaving)), Entry.once(deleting(leaving, "r-2"))));
    String gone = tenant("ledger-deleted");
    lives.put(gone, List.of(Entry.once(acceptedCreate(gone)), Entry.once(deleting(gone, "r-2")),
        Entry.once(deleted(gone, "r-2"))));
    String refused = tenant("ledger-refused");
    lives.put(refused, List.of(Entry.once(rejected(refused, "r-1"))));
    return lives;
  }

  private static String tenantOnPartition(String prefix, int partition) {
    String tenant = tenant(prefix);
    while (Ledger.partitionOf(tenant, KafkaExtension.PARTITIONS) != partition) {
      tenant = tenant(prefix);
    }
    return tenant;
  }
}
