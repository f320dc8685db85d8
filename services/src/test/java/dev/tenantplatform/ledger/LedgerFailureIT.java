package dev.tenantplatform.ledger;

import static dev.tenantplatform.ledger.TestEvents.accepted;
import static dev.tenantplatform.ledger.TestEvents.acceptedCreate;
import static dev.tenantplatform.ledger.TestEvents.applied;
import static dev.tenantplatform.ledger.TestEvents.degraded;
import static dev.tenantplatform.ledger.TestEvents.tenant;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tenantplatform.events.HashChain;
import dev.tenantplatform.events.TenantEvent;
import dev.tenantplatform.events.Topics;
import dev.tenantplatform.support.TenantLedger.Entry;
import dev.tenantplatform.testing.KafkaCluster;
import dev.tenantplatform.testing.KafkaExtension;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith({VertxExtension.class, KafkaExtension.class})
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class LedgerFailureIT {

  private static final String EVENTS = Topics.EVENTS.name();
  /** Small enough that an event with a 10,000-character reason cannot be sent, large enough for the rest. */
  private static final LedgerConfig SMALL_REQUESTS =
      LedgerConfig.defaults().withProducer(Map.of("max.request.size", "4096"));

  @Test
  void aFailedSendLeavesTheChainAtTheLastAcknowledgedEventAndTheNextAppendGoesOnFromThere(Vertx vertx,
      KafkaCluster kafka) throws Exception {
    Ledger ledger = Waiting.on(Ledger.start(vertx, kafka.bootstrapServers(), SMALL_REQUESTS));
    String tenant = tenant("ledger-toobig");
    TenantEvent create = acceptedCreate(tenant);
    TenantEvent applied = applied(tenant, create.requestId());

    Throwable failure = Waiting.failure(ledger.append(tenant, List.of(Entry.once(create),
        Entry.always(degraded(tenant, create.requestId(), "x".repeat(10_000))), Entry.once(applied))));

    assertThat(failure).hasMessageContaining("event 2 (cluster.degraded) of " + tenant)
        .hasMessageContaining("stays at sequence 1").hasMessageContaining("append them again");
    assertThat(Waiting.on(ledger.record(tenant)).orElseThrow().head().sequence()).isEqualTo(1);
    assertThat(TopicContents.eventsOf(kafka.bootstrapServers(), EVENTS, tenant))
        .extracting(TenantEvent::sequence).containsExactly(1L);

    List<TenantEvent> retried = Waiting.on(ledger.append(tenant, List.of(Entry.once(create), Entry.once(applied))));

    assertThat(retried).singleElement().satisfies(event -> {
      assertThat(event.type()).isEqualTo(applied.type());
      assertThat(event.sequence()).isEqualTo(2);
    });
    List<TenantEvent> onTopic = TopicContents.eventsOf(kafka.bootstrapServers(), EVENTS, tenant);
    assertThat(onTopic).extracting(TenantEvent::sequence).containsExactly(1L, 2L);
    assertThat(HashChain.verifyAll(onTopic)).isEmpty();
  }

  @Test
  void afterAFailedAppendTheLedgerTakesInWhatReachedTheLogBeforeItAppendsAgain(Vertx vertx, KafkaCluster kafka)
      throws Exception {
    // What the broker wrote although the ledger saw the send fail: written here behind the ledger's back.
    String tenant = tenant("ledger-lostack");
    TenantEvent create = acceptedCreate(tenant);
    List<TenantEvent> sealed = TestEvents.sealFromGenesis(List.of(create, applied(tenant, create.requestId())));
    BrokenLog.append(kafka.bootstrapServers(), EVENTS, tenant, sealed.subList(0, 1));
    Ledger ledger = Waiting.on(Ledger.start(vertx, kafka.bootstrapServers(), SMALL_REQUESTS));
    TenantEvent applied = applied(tenant, create.requestId());
    TenantEvent landed = sealed.get(1);
    BrokenLog.append(kafka.bootstrapServers(), EVENTS, tenant, List.of(landed));

    Waiting.failure(ledger.append(tenant, List.of(Entry.always(degraded(tenant, "r-1", "x".repeat(10_000))))));
    List<TenantEvent> next = Waiting.on(ledger.append(tenant, List.of(Entry.once(applied),
        Entry.always(degraded(tenant, "r-1", "workers not ready")))));

    assertThat(next).singleElement().satisfies(event -> {
      assertThat(event.sequence()).isEqualTo(3);
      assertThat(event.previousHash()).isEqualTo(landed.hash());
    });
    assertThat(Waiting.on(ledger.record(tenant)).orElseThrow().head().sequence()).isEqualTo(3);
    List<TenantEvent> onTopic = TopicContents.eventsOf(kafka.bootstrapServers(), EVENTS, tenant);
    assertThat(onTopic).extracting(TenantEvent::sequence).containsExactly(1L, 2L, 3L);
    assertThat(HashChain.verifyAll(onTopic)).isEmpty();
  }

  @Test
  void anAppendThatCouldNotJoinTheChainIsRefusedBeforeAnythingIsWritten(Vertx vertx, KafkaCluster kafka)
      throws Exception {
    Ledger ledger = Waiting.on(Ledger.start(vertx, kafka.bootstrapServers(), LedgerConfig.defaults()));
    String tenant = tenant("ledger-refuse");
    String other = tenant("ledger-other");
    TenantEvent sealed = TestEvents.sealFromGenesis(List.of(acceptedCreate(tenant))).get(0);

    assertThat(Waiting.failure(ledger.append(tenant, List.of(Entry.once(acceptedCreate(tenant)),
        Entry.once(acceptedCreate(other)))))).hasMessageContaining("event of " + other + " cannot be appended"
        + " to the chain of " + tenant);
    assertThat(Waiting.failure(ledger.append(tenant, List.of(Entry.once(sealed)))))
        .hasMessageContaining("sealed already");
    assertThat(Waiting.failure(ledger.append(tenant, List.of(Entry.once(accepted(
        TestEvents.create(tenant, null), null)))))).hasMessageContaining("no readable cluster spec");
    assertThat(Waiting.on(ledger.record(tenant))).isEmpty();
  }

  @Test
  void aLedgerOnATopicThatDoesNotExistDoesNotStartAndSaysWhatToDo(Vertx vertx, KafkaCluster kafka)
      throws Exception {
    Throwable failure = Waiting.failure(Ledger.start(vertx, kafka.bootstrapServers(),
        LedgerConfig.defaults().withTopic("ledger-missing-topic")));

    assertThat(failure).hasMessageContaining("ledger-missing-topic").hasMessageContaining("does not exist")
        .hasMessageContaining("KafkaTopics.ensure");
  }
}
