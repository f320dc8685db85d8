package dev.tenantplatform.ledger;

import static dev.tenantplatform.ledger.TestEvents.acceptedCreate;
import static dev.tenantplatform.ledger.TestEvents.applied;
import static dev.tenantplatform.ledger.TestEvents.degraded;
import static dev.tenantplatform.ledger.TestEvents.tenant;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tenantplatform.events.ChainHead;
import dev.tenantplatform.events.ClusterSpec;
import dev.tenantplatform.events.CloudEventCodec;
import dev.tenantplatform.events.HashChain;
import dev.tenantplatform.events.TenantEvent;
import dev.tenantplatform.events.Topics;
import dev.tenantplatform.support.TenantLedger.Entry;
import dev.tenantplatform.support.TenantRecord;
import dev.tenantplatform.testing.KafkaCluster;
import dev.tenantplatform.testing.KafkaExtension;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.kafka.client.producer.KafkaProducer;
import io.vertx.kafka.client.producer.KafkaProducerRecord;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.LongStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith({VertxExtension.class, KafkaExtension.class})
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class LedgerIT {

  private static final String EVENTS = Topics.EVENTS.name();

  @Test
  void appendedEventsComeBackSealedAndLinkedAndAreOnTheTopicKeyedByTenant(Vertx vertx, KafkaCluster kafka)
      throws Exception {
    Ledger ledger = Waiting.on(Ledger.start(vertx, kafka.bootstrapServers(), LedgerConfig.defaults()));
    String tenant = tenant("ledger-seal");
    TenantEvent accepted = acceptedCreate(tenant);

    List<TenantEvent> sealed = Waiting.on(ledger.append(tenant, List.of(Entry.once(accepted),
        Entry.once(applied(tenant, accepted.requestId())), Entry.always(degraded(tenant, accepted.requestId(),
            "control plane not ready after 600 s")))));

    assertThat(sealed).extracting(TenantEvent::sequence).containsExactly(1L, 2L, 3L);
    assertThat(sealed.get(0).previousHash()).isEqualTo(HashChain.GENESIS);
    assertThat(sealed.get(1).previousHash()).isEqualTo(sealed.get(0).hash());
    assertThat(sealed.get(2).previousHash()).isEqualTo(sealed.get(1).hash());
    assertThat(sealed).allSatisfy(e -> assertThat(e.hash()).isEqualTo(HashChain.hash(e)));

    List<ConsumerRecord<String, byte[]>> onTopic = TopicContents.records(kafka.bootstrapServers(), EVENTS).stream()
        .filter(r -> tenant.equals(r.key())).toList();
    CloudEventCodec codec = new CloudEventCodec();
    assertThat(onTopic).extracting(r -> codec.decodeEvent(r.value())).containsExactlyElementsOf(sealed);
    assertThat(onTopic).extracting(ConsumerRecord::partition)
        .containsOnly(Ledger.partitionOf(tenant, KafkaExtension.PARTITIONS));
    assertThat(HashChain.verifyAll(TopicContents.events(kafka.bootstrapServers(), EVENTS))).isEmpty();

    TenantRecord record = Waiting.on(ledger.record(tenant)).orElseThrow();
    assertThat(record).usingRecursiveComparison().ignoringFields("progress").isEqualTo(new TenantRecord(tenant,
        ChainHead.of(sealed.get(2)), ClusterSpec.DEFAULTS, TenantRecord.Lifecycle.LIVE));
  }

  @Test
  void aOnceEntryAppendedTwiceIsWrittenOnce(Vertx vertx, KafkaCluster kafka) throws Exception {
    Ledger ledger = Waiting.on(Ledger.start(vertx, kafka.bootstrapServers(), LedgerConfig.defaults()));
    String tenant = tenant("ledger-once");
    TenantEvent accepted = acceptedCreate(tenant);
    TenantEvent applied = applied(tenant, accepted.requestId());

    List<TenantEvent> first = Waiting.on(ledger.append(tenant, List.of(Entry.once(accepted), Entry.once(applied))));
    List<TenantEvent> redelivered = Waiting.on(ledger.append(tenant, List.of(Entry.once(accepted),
        Entry.once(applied))));
    List<TenantEvent> twiceInOne = Waiting.on(ledger.append(tenant, List.of(
        Entry.once(degraded(tenant, "r-2", "workers not ready")), Entry.once(degraded(tenant, "r-2", "again")))));

    assertThat(first).hasSize(2);
    assertThat(redelivered).isEmpty();
    assertThat(twiceInOne).extracting(TenantEvent::sequence).containsExactly(3L);
    assertThat(TopicContents.eventsOf(kafka.bootstrapServers(), EVENTS, tenant)).hasSize(3);
    assertThat(Waiting.on(ledger.record(tenant)).orElseThrow().head().sequence()).isEqualTo(3);
  }

  @Test
  void anAlwaysEntryAppendedTwiceIsWrittenTwice(Vertx vertx, KafkaCluster kafka) throws Exception {
    Ledger ledger = Waiting.on(Ledger.start(vertx, kafka.bootstrapServers(), LedgerConfig.defaults()));
    String tenant = tenant("ledger-always");
    TenantEvent degraded = degraded(tenant, "r-1", "control plane not ready after 600 s");

    Waiting.on(ledger.append(tenant, List.of(Entry.once(degraded))));
    List<TenantEvent> again = Waiting.on(ledger.append(tenant, List.of(Entry.always(degraded))));
    List<TenantEvent> twiceInOne = Waiting.on(ledger.append(tenant, List.of(Entry.always(degraded),
        Entry.always(degraded))));

    assertThat(again).extracting(TenantEvent::sequence).containsExactly(2L);
    assertThat(twiceInOne).extracting(TenantEvent::sequence).containsExactly(3L, 4L);
    assertThat(TopicContents.eventsOf(kafka.bootstrapServers(), EVENTS, tenant)).hasSize(4);
  }

  @Test
  void manyAppendsOfOneTenantAtOnceFormAGaplessChainInTheOrderTheyWereMade(Vertx vertx, KafkaCluster kafka)
      throws Exception {
    Ledger ledger = Waiting.on(Ledger.start(vertx, kafka.bootstrapServers(), LedgerConfig.defaults()));
    String tenant = tenant("ledger-burst");
    int appends = 40;

    List<Future<List<TenantEvent>>> pending = new ArrayList<>();
    for (int i = 0; i < appends; i++) {
      pending.add(ledger.append(tenant, List.of(Entry.once(applied(tenant, "r-" + i)))));
    }
    Waiting.on(Future.all(pending));

    for (int i = 0; i < appends; i++) {
      TenantEvent event = pending.get(i).result().get(0);
      assertThat(event.sequence()).isEqualTo(i + 1L);
      assertThat(event.requestId()).isEqualTo("r-" + i);
    }
    List<TenantEvent> onTopic = TopicContents.eventsOf(kafka.bootstrapServers(), EVENTS, tenant);
    assertThat(onTopic).extracting(TenantEvent::sequence)
        .containsExactlyElementsOf(oneTo(appends));
    assertThat(HashChain.verifyAll(onTopic)).isEmpty();
  }

  @Test
  void twoTenantsAppendingInterleavedKeepTheirOwnChains(Vertx vertx, KafkaCluster kafka) throws Exception {
    Ledger ledger = Waiting.on(Ledger.start(vertx, kafka.bootstrapServers(), LedgerConfig.defaults()));
    String first = tenant("ledger-left");
    String second = tenant("ledger-right");
    int each = 15;
    Appender left = new Appender(ledger, first, each, 1);
    Appender right = new Appender(ledger, second, each, 2);

    Waiting.on(Future.all(vertx.deployVerticle(left), vertx.deployVerticle(right)));

    List<TenantEvent> firstChain = TopicContents.eventsOf(kafka.bootstrapServers(), EVENTS, first);
    List<TenantEvent> secondChain = TopicContents.eventsOf(kafka.bootstrapServers(), EVENTS, second);
    assertThat(firstChain).extracting(TenantEvent::sequence).containsExactlyElementsOf(oneTo(each));
    assertThat(secondChain).extracting(TenantEvent::sequence).containsExactlyElementsOf(oneTo(2 * each));
    assertThat(HashChain.verifyAll(firstChain)).isEmpty();
    assertThat(HashChain.verifyAll(secondChain)).isEmpty();
    assertThat(Waiting.on(ledger.record(first)).orElseThrow().head()).isEqualTo(ChainHead.of(firstChain.get(each - 1)));
    assertThat(left.answeredOnItsOwnContext() && right.answeredOnItsOwnContext()).isTrue();
  }

  @Test
  void aTenantsEventsAreOnThePartitionOfItsRequests(Vertx vertx, KafkaCluster kafka) throws Exception {
    Ledger ledger = Waiting.on(Ledger.start(vertx, kafka.bootstrapServers(), LedgerConfig.defaults()));
    KafkaProducer<String, String> requests = KafkaProducer.create(vertx, Map.of(
        "bootstrap.servers", kafka.bootstrapServers(),
        "key.serializer", "org.apache.kafka.common.serialization.StringSerializer",
        "value.serializer", "org.apache.kafka.common.serialization.StringSerializer"));

    Map<String, Integer> requestPartitions = new HashMap<>();
    for (int i = 0; i < 6; i++) {
      String tenant = tenant("ledger-partition");
      requestPartitions.put(tenant, Waiting.on(requests.send(KafkaProducerRecord.create(Topics.REQUESTS.name(),
          tenant, "{}"))).getPartition());
      Waiting.on(ledger.append(tenant, List.of(Entry.once(acceptedCreate(tenant)))));
    }

    Map<String, Integer> eventPartitions = new HashMap<>();
    TopicContents.records(kafka.bootstrapServers(), EVENTS).stream()
        .filter(r -> requestPartitions.containsKey(r.key()))
        .forEach(r -> eventPartitions.put(r.key(), r.partition()));
    assertThat(eventPartitions).isEqualTo(requestPartitions);
    requestPartitions.forEach((tenant, partition) ->
        assertThat(Ledger.partitionOf(tenant, KafkaExtension.PARTITIONS)).isEqualTo(partition));
    Waiting.on(requests.close());
  }

  @Test
  void anAppendToAClosedLedgerFailsAndSaysSo(Vertx vertx, KafkaCluster kafka) throws Exception {
    Ledger ledger = Waiting.on(Ledger.start(vertx, kafka.bootstrapServers(), LedgerConfig.defaults()));
    Waiting.on(ledger.close());
    String tenant = tenant("ledger-closed");

    Throwable failure = Waiting.failure(ledger.append(tenant, List.of(Entry.once(acceptedCreate(tenant)))));

    assertThat(failure).hasMessageContaining("closed");
  }

  private static List<Long> oneTo(long last) {
    return LongStream.rangeClosed(1, last).boxed().toList();
  }

  /** A component with an event loop of its own that appends to one tenant, all at once, as it starts. */
  private static final class Appender extends VerticleBase {
    private final Ledger ledger;
    private final String tenant;
    private final int appends;
    private final int entriesEach;
    private final AtomicBoolean ownContext = new AtomicBoolean(true);

    Appender(Ledger ledger, String tenant, int appends, int entriesEach) {
      this.ledger = ledger;
      this.tenant = tenant;
      this.appends = appends;
      this.entriesEach = entriesEach;
    }

    @Override
    public Future<?> start() {
      List<Future<?>> pending = new ArrayList<>();
      for (int i = 0; i < appends; i++) {
        List<Entry> entries = new ArrayList<>();
        entries.add(Entry.once(applied(tenant, "r-" + i)));
        if (entriesEach > 1) {
          entries.add(Entry.always(degraded(tenant, "r-" + i, "workers not ready")));
        }
        pending.add(ledger.append(tenant, entries).onComplete(ignored -> {
          if (Vertx.currentContext() != context) {
            ownContext.set(false);
          }
        }));
      }
      return Future.all(pending);
    }

    boolean answeredOnItsOwnContext() {
      return ownContext.get();
    }
  }
}
