package dev.tenantplatform.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tenantplatform.events.ChainBreak.Kind;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ChainVerifierTest {

  private final List<TenantEvent> life = EventSamples.lifeOf("acme");

  private static TenantEvent copy(TenantEvent e, EventType type, String requestId, java.time.Instant time,
      ObjectNode data) {
    return new TenantEvent(e.id(), type, e.tenant(), e.sequence(), e.previousHash(), e.hash(), requestId, time,
        data);
  }

  private List<TenantEvent> replacing(int index, TenantEvent replacement) {
    List<TenantEvent> log = new ArrayList<>(life);
    log.set(index, replacement);
    return log;
  }

  private static ChainBreak firstBreak(List<TenantEvent> log) {
    Optional<ChainBreak> found = HashChain.verify(log);
    assertThat(found).as("a break in %s", log.stream().map(TenantEvent::sequence).toList()).isPresent();
    return found.get();
  }

  @Test
  void aChangedCharacterOfTheDataIsReportedAsChangedAtItsSequence() {
    TenantEvent degraded = life.get(8);
    ObjectNode data = degraded.data();
    String reason = data.get("reason").asText();
    data.put("reason", reason.replace("600", "601"));

    ChainBreak found = firstBreak(replacing(8, copy(degraded, degraded.type(), degraded.requestId(),
        degraded.time(), data)));

    assertThat(found.kind()).isEqualTo(Kind.CHANGED);
    assertThat(found.sequence()).isEqualTo(9);
    assertThat(found.position()).isEqualTo(8);
    assertThat(found.message()).startsWith("event 9 (cluster.degraded) of acme has hash " + degraded.hash())
        .endsWith("it was altered after it was written");
  }

  @Test
  void aChangedTimeTypeOrRequestIdIsReportedAsChanged() {
    TenantEvent deleting = life.get(10);

    assertThat(firstBreak(replacing(10, copy(deleting, deleting.type(), deleting.requestId(),
        deleting.time().plusMillis(1), deleting.data()))))
        .extracting(ChainBreak::kind, ChainBreak::sequence).containsExactly(Kind.CHANGED, 11L);
    assertThat(firstBreak(replacing(10, copy(deleting, EventType.TENANT_DELETED, deleting.requestId(),
        deleting.time(), deleting.data()))))
        .extracting(ChainBreak::kind, ChainBreak::sequence).containsExactly(Kind.CHANGED, 11L);
    assertThat(firstBreak(replacing(10, copy(deleting, deleting.type(), "another-request", deleting.time(),
        deleting.data()))))
        .extracting(ChainBreak::kind, ChainBreak::sequence).containsExactly(Kind.CHANGED, 11L);
  }

  @Test
  void aChangedIdIsReportedAsChanged() {
    TenantEvent e = life.get(3);
    TenantEvent forged = new TenantEvent(TenantEvent.idFor("acme", 99), e.type(), e.tenant(), e.sequence(),
        e.previousHash(), e.hash(), e.requestId(), e.time(), e.data());

    assertThat(firstBreak(replacing(3, forged)).message()).contains("its id was altered");
  }

  @Test
  void anEventAlteredAndRehashedBreaksTheLinkOfTheNextOne() {
    TenantEvent e = life.get(4);
    ObjectNode data = e.data().put("resourceSet", "calico-forged");
    TenantEvent rehashed = HashChain.next(new ChainHead("acme", 4, e.previousHash()),
        TenantEvent.unsealed(e.type(), e.tenant(), e.requestId(), e.time(), data));

    ChainBreak found = firstBreak(replacing(4, rehashed));

    assertThat(found.kind()).isEqualTo(Kind.BROKEN_LINK);
    assertThat(found.sequence()).isEqualTo(6);
    assertThat(found.message()).contains("but event 5 has hash " + rehashed.hash());
  }

  @Test
  void aDroppedEventIsAGap() {
    List<TenantEvent> log = new ArrayList<>(life);
    log.remove(2);

    ChainBreak found = firstBreak(log);

    assertThat(found.kind()).isEqualTo(Kind.GAP);
    assertThat(found.sequence()).isEqualTo(3);
    assertThat(found.message()).isEqualTo("event 3 is missing from the log of acme: event 2 is followed by event 4");
  }

  @Test
  void severalDroppedEventsAndAMissingStartAreGaps() {
    List<TenantEvent> log = new ArrayList<>(life);
    log.subList(2, 5).clear();
    assertThat(firstBreak(log).message()).isEqualTo("events 3 to 5 are missing from the log of acme: event 2 is"
        + " followed by event 6");

    assertThat(firstBreak(life.subList(2, life.size())))
        .extracting(ChainBreak::kind, ChainBreak::sequence, ChainBreak::message)
        .containsExactly(Kind.GAP, 1L, "events 1 to 2 are missing from the log of acme: the log starts at event 3");
  }

  @Test
  void aDroppedLastEventIsAGapOnlyWhenTheLogGoesOn() {
    assertThat(HashChain.verify(life.subList(0, life.size() - 1)))
        .as("the chain cannot know about events after its end: the ledger's head vouches for the newest")
        .isEmpty();
  }

  @Test
  void twoSwappedEventsAreReordered() {
    List<TenantEvent> log = new ArrayList<>(life);
    log.set(2, life.get(3));
    log.set(3, life.get(2));

    ChainBreak found = firstBreak(log);

    assertThat(found.kind()).isEqualTo(Kind.REORDERED);
    assertThat(found.sequence()).isEqualTo(3);
    assertThat(found.message()).isEqualTo("event 3 of acme comes after event 4: the log is out of order");
  }

  @Test
  void anEventDeliveredTwiceIsADuplicate() {
    List<TenantEvent> log = new ArrayList<>(life);
    log.add(4, life.get(3));

    ChainBreak found = firstBreak(log);

    assertThat(found.kind()).isEqualTo(Kind.DUPLICATE);
    assertThat(found.sequence()).isEqualTo(4);
    assertThat(found.position()).isEqualTo(4);
    assertThat(found.message()).isEqualTo("event 4 (cluster.controlplane.ready) of acme appears twice");
  }

  @Test
  void twoDifferentEventsWithTheSameSequenceAreAFork() {
    TenantEvent rival = HashChain.next(ChainHead.of(life.get(2)), TenantEvent.unsealed(EventType.CLUSTER_FAILED,
        "acme", "r-other-writer", EventSamples.T0, EventData.failed("boom", null)));
    List<TenantEvent> log = new ArrayList<>(life.subList(0, 5));
    log.add(rival);

    ChainBreak found = firstBreak(log);

    assertThat(found.kind()).isEqualTo(Kind.FORK);
    assertThat(found.sequence()).isEqualTo(4);
    assertThat(found.message()).contains("two different events 4 of acme").contains("two writers");
  }

  @Test
  void tenantsAreVerifiedApartAndEachReportsItsFirstBreak() {
    List<TenantEvent> globex = EventSamples.lifeOf("globex");
    List<TenantEvent> initech = EventSamples.lifeOf("initech");
    List<TenantEvent> mixed = new ArrayList<>();
    for (int i = 0; i < life.size(); i++) {
      mixed.add(life.get(i));
      if (i != 5) {
        mixed.add(globex.get(i));
      }
      mixed.add(initech.get(i));
    }
    mixed.add(life.get(0));

    List<ChainBreak> breaks = HashChain.verifyAll(mixed);

    assertThat(breaks).extracting(ChainBreak::tenant, ChainBreak::kind)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("globex", Kind.GAP),
            org.assertj.core.groups.Tuple.tuple("acme", Kind.DUPLICATE));
    assertThat(breaks).isSortedAccordingTo(java.util.Comparator.comparingLong(ChainBreak::position));
  }

  @Test
  void theIncrementalVerifierReportsABreakWhenTheRecordShowingItArrives() {
    ChainVerifier verifier = new ChainVerifier();

    assertThat(verifier.accept(life.get(0))).isEmpty();
    assertThat(verifier.accept(life.get(1))).isEmpty();
    assertThat(verifier.accept(life.get(3))).as("4 after 2 may still be a reordering").isEmpty();
    assertThat(verifier.accept(life.get(4))).hasValueSatisfying(b -> assertThat(b.kind()).isEqualTo(Kind.GAP));
    assertThat(verifier.accept(life.get(5))).as("after its first break a tenant is not judged").isEmpty();
    assertThat(verifier.count()).isEqualTo(5);
  }

  @Test
  void finishReportsAGapAtTheEndOfTheLog() {
    ChainVerifier verifier = new ChainVerifier();
    verifier.accept(life.get(0));
    verifier.accept(life.get(2));

    assertThat(verifier.breaks()).isEmpty();
    assertThat(verifier.finish()).singleElement()
        .extracting(ChainBreak::kind, ChainBreak::sequence, ChainBreak::position)
        .containsExactly(Kind.GAP, 2L, 1L);
  }

  @Test
  void verificationResumesFromACheckpointedHead() {
    ChainVerifier first = new ChainVerifier();
    life.subList(0, 6).forEach(first::accept);
    ChainHead checkpoint = first.heads().get("acme");

    ChainVerifier rest = new ChainVerifier();
    rest.resume(checkpoint);
    life.subList(6, life.size()).forEach(rest::accept);

    assertThat(checkpoint).isEqualTo(ChainHead.of(life.get(5)));
    assertThat(rest.finish()).isEmpty();
    assertThat(rest.heads().get("acme")).isEqualTo(ChainHead.of(life.get(life.size() - 1)));
  }

  @Test
  void aRepeatBeyondTheWindowIsStillReportedAsADuplicate() {
    ChainVerifier verifier = new ChainVerifier(2);
    life.subList(0, 6).forEach(verifier::accept);

    assertThat(verifier.accept(life.get(0))).hasValueSatisfying(b -> {
      assertThat(b.kind()).isEqualTo(Kind.DUPLICATE);
      assertThat(b.message()).contains("too far back to compare");
    });
  }

  @Test
  void anUnsealedEventInTheLogIsReported() {
    TenantEvent unsealed = TenantEvent.unsealed(EventType.TENANT_DELETED, "acme", "r1", EventSamples.T0, null);

    assertThat(firstBreak(List.of(unsealed)).message()).contains("never sealed");
  }
}
