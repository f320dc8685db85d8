package dev.tenantplatform.ledger;

import static dev.tenantplatform.ledger.TestEvents.accepted;
import static dev.tenantplatform.ledger.TestEvents.acceptedCreate;
import static dev.tenantplatform.ledger.TestEvents.applied;
import static dev.tenantplatform.ledger.TestEvents.create;
import static dev.tenantplatform.ledger.TestEvents.degraded;
import static dev.tenantplatform.ledger.TestEvents.deleted;
import static dev.tenantplatform.ledger.TestEvents.deleting;
import static dev.tenantplatform.ledger.TestEvents.rejected;
import static dev.tenantplatform.ledger.TestEvents.sealFromGenesis;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tenantplatform.events.ChainHead;
import dev.tenantplatform.events.ClusterSpec;
import dev.tenantplatform.events.EventData;
import dev.tenantplatform.events.EventType;
import dev.tenantplatform.events.HashChain;
import dev.tenantplatform.events.TenantEvent;
import dev.tenantplatform.events.TenantRequest;
import dev.tenantplatform.support.TenantRecord;
import dev.tenantplatform.support.TenantRecord.Lifecycle;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LedgerFoldTest {

  private static final String ACME = "acme";
  private static final ClusterSpec FIVE_WORKERS = ClusterSpec.DEFAULTS.withWorkers(5);

  @Test
  void aTenantWithoutEventsIsUnknownAtTheGenesis() {
    TenantRecord record = LedgerFold.fold(ACME, List.of());

    assertThat(record.lifecycle()).isEqualTo(Lifecycle.NONE);
    assertThat(record.spec()).isNull();
    assertThat(record.head()).isEqualTo(ChainHead.genesis(ACME));
  }

  @Test
  void anAcceptedCreateMakesTheTenantLiveWithTheResolvedSpec() {
    TenantRequest create = create(ACME, new ClusterSpec(null, null, 5, null, null, null, null));
    List<TenantEvent> chain = sealFromGenesis(List.of(accepted(create, FIVE_WORKERS),
        applied(ACME, create.requestId())));

    TenantRecord record = LedgerFold.fold(ACME, chain);

    assertThat(record.lifecycle()).isEqualTo(Lifecycle.LIVE);
    assertThat(record.live()).isTrue();
    assertThat(record.spec()).isEqualTo(FIVE_WORKERS);
    assertThat(record.head()).isEqualTo(ChainHead.of(chain.get(1)));
  }

  @Test
  void anAcceptedUpdateReplacesTheSpecAndTheTenantStaysLive() {
    TenantRequest update = TenantRequest.update(ACME, TestEvents.ALICE, new ClusterSpec(null, null, 5, null, null,
        null, null));
    List<TenantEvent> chain = sealFromGenesis(List.of(acceptedCreate(ACME), accepted(update, FIVE_WORKERS)));

    TenantRecord record = LedgerFold.fold(ACME, chain);

    assertThat(record.spec()).isEqualTo(FIVE_WORKERS);
    assertThat(record.lifecycle()).isEqualTo(Lifecycle.LIVE);
  }

  @Test
  void deletingAndThenDeletedEndTheTenantButKeepItsLastSpec() {
    List<TenantEvent> deletingChain = sealFromGenesis(List.of(acceptedCreate(ACME), deleting(ACME, "r-2")));
    List<TenantEvent> deletedChain = sealFromGenesis(List.of(acceptedCreate(ACME), deleting(ACME, "r-2"),
        deleted(ACME, "r-2")));

    assertThat(LedgerFold.fold(ACME, deletingChain).lifecycle()).isEqualTo(Lifecycle.DELETING);
    TenantRecord gone = LedgerFold.fold(ACME, deletedChain);
    assertThat(gone.lifecycle()).isEqualTo(Lifecycle.DELETED);
    assertThat(gone.live()).isFalse();
    assertThat(gone.spec()).isEqualTo(ClusterSpec.DEFAULTS);
  }

  @Test
  void anAcceptedDeleteLeavesTheLifecycleToTheDeletingEvent() {
    TenantRequest delete = TenantRequest.delete(ACME, TestEvents.ALICE);
    List<TenantEvent> chain = sealFromGenesis(List.of(acceptedCreate(ACME), accepted(delete, null)));

    TenantRecord record = LedgerFold.fold(ACME, chain);

    assertThat(record.lifecycle()).isEqualTo(Lifecycle.LIVE);
    assertThat(record.spec()).isEqualTo(ClusterSpec.DEFAULTS);
  }

  @Test
  void eventsOtherThanTheLifecycleOnesMoveOnlyTheHead() {
    List<TenantEvent> chain = sealFromGenesis(List.of(acceptedCreate(ACME), applied(ACME, "r-1"),
        degraded(ACME, "r-1", "control plane not ready after 600 s")));

    TenantRecord record = LedgerFold.fold(ACME, chain);

    assertThat(record).usingRecursiveComparison().ignoringFields("progress")
        .isEqualTo(new TenantRecord(ACME, ChainHead.of(chain.get(2)), ClusterSpec.DEFAULTS, Lifecycle.LIVE));
  }

  @Test
  void aRejectedRequestOfAnUnknownTenantLeavesItUnknownWithAChain() {
    List<TenantEvent> chain = sealFromGenesis(List.of(rejected(ACME, "r-1")));

    TenantRecord record = LedgerFold.fold(ACME, chain);

    assertThat(record.lifecycle()).isEqualTo(Lifecycle.NONE);
    assertThat(record.spec()).isNull();
    assertThat(record.head().sequence()).isEqualTo(1);
  }

  @Test
  void aTenantCreatedAgainAfterItsDeletionIsLiveWithTheNewSpec() {
    List<TenantEvent> chain = sealFromGenesis(List.of(acceptedCreate(ACME), deleting(ACME, "r-2"),
        deleted(ACME, "r-2"), accepted(create(ACME, ClusterSpec.UNCHANGED), FIVE_WORKERS)));

    TenantRecord record = LedgerFold.fold(ACME, chain);

    assertThat(record.lifecycle()).isEqualTo(Lifecycle.LIVE);
    assertThat(record.spec()).isEqualTo(FIVE_WORKERS);
  }

  @Test
  void anEventThatDoesNotExtendTheHeadChangesNothing() {
    List<TenantEvent> chain = sealFromGenesis(List.of(acceptedCreate(ACME), deleting(ACME, "r-2"),
        deleted(ACME, "r-2")));
    List<TenantEvent> withLateCopy = new ArrayList<>(chain);
    withLateCopy.add(chain.get(0));

    TenantRecord record = LedgerFold.fold(ACME, withLateCopy);

    assertThat(record.lifecycle()).isEqualTo(Lifecycle.DELETED);
    assertThat(record.head()).isEqualTo(ChainHead.of(chain.get(2)));
  }

  @Test
  void anAcceptedSpecWithUnknownKeysIsReadWithoutThem() {
    TenantEvent event = acceptedCreate(ACME);
    var data = event.data();
    data.withObject("cluster").put("gpu", "none");
    TenantEvent withExtraKey = TenantEvent.unsealed(EventType.TENANT_ACCEPTED, ACME, event.requestId(),
        event.time(), data);

    TenantRecord record = LedgerFold.fold(ACME, sealFromGenesis(List.of(withExtraKey)));

    assertThat(record.spec()).isEqualTo(ClusterSpec.DEFAULTS);
  }

  @Test
  void eventsOfAnotherTenantOrOutsideTheChainAreRefused() {
    TenantRecord record = LedgerFold.empty(ACME);
    TenantEvent other = sealFromGenesis(List.of(acceptedCreate("globex"))).get(0);

    assertThatThrownBy(() -> LedgerFold.apply(record, other))
        .hasMessageContaining("globex").hasMessageContaining("acme");
    assertThatThrownBy(() -> LedgerFold.apply(record, acceptedCreate(ACME)))
        .hasMessageContaining("not sealed");
  }

  @Test
  void anAcceptedCreateOrUpdateWithoutAReadableSpecCannotEnterTheChain() {
    TenantRequest create = create(ACME, ClusterSpec.UNCHANGED);
    TenantEvent withoutSpec = accepted(create, null);
    var wrongSpec = EventData.accepted(create, null).put("cluster", "three workers");
    TenantEvent unreadable = TenantEvent.unsealed(EventType.TENANT_ACCEPTED, ACME, create.requestId(),
        TestEvents.T0, wrongSpec);

    assertThatThrownBy(() -> LedgerFold.check(withoutSpec))
        .hasMessageContaining("create").hasMessageContaining("EventData.accepted");
    assertThatThrownBy(() -> LedgerFold.check(unreadable)).hasMessageContaining("no readable cluster spec");
    LedgerFold.check(accepted(TenantRequest.delete(ACME, TestEvents.ALICE), null));
    LedgerFold.check(applied(ACME, "r-1"));
  }

  @Test
  void anUnreadableSpecAlreadyInTheLogKeepsTheSpecBeforeIt() {
    TenantRequest update = TenantRequest.update(ACME, TestEvents.ALICE, ClusterSpec.UNCHANGED);
    var wrongSpec = EventData.accepted(update, null).put("cluster", "three workers");
    TenantEvent first = sealFromGenesis(List.of(acceptedCreate(ACME))).get(0);
    TenantEvent second = HashChain.next(ChainHead.of(first), TenantEvent.unsealed(EventType.TENANT_ACCEPTED,
        ACME, update.requestId(), TestEvents.T0, wrongSpec));

    TenantRecord record = LedgerFold.fold(ACME, List.of(first, second));

    assertThat(record.spec()).isEqualTo(ClusterSpec.DEFAULTS);
    assertThat(record.head()).isEqualTo(ChainHead.of(second));
  }
}
