package dev.tenantplatform.audit.fold;

import static dev.tenantplatform.audit.fold.AuditLog.T0;
import static dev.tenantplatform.audit.fold.AuditLog.TOPICS;
import static dev.tenantplatform.audit.fold.AuditLog.everything;
import static dev.tenantplatform.audit.fold.AuditLog.fold;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tenantplatform.events.ChainHead;
import dev.tenantplatform.events.EventData;
import dev.tenantplatform.events.EventType;
import dev.tenantplatform.events.TenantEvent;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Tampering, recognised and pinned to the first bad record, without a broker (the IT does it through one). */
class VerificationTest {

  @Test
  void aWholeLogIsIntact() {
    AuditLog log = new AuditLog();
    log.onboard("acme", 0, T0);
    log.onboard("umbrella", 1, T0);

    Verification verification = fold(everything(true), log.records()).verification();

    assertThat(verification.intact()).isTrue();
    assertThat(verification.eventsChecked()).isEqualTo(14);
    assertThat(verification.chains().values()).allSatisfy(c -> assertThat(c.intact()).isTrue());
  }

  @Test
  void aForgedFieldIsFoundInTheRecordThatHoldsIt() {
    List<TenantEvent> events = life("acme");
    TenantEvent original = events.get(2);
    ObjectNode forged = original.data();
    forged.putObject("controlPlaneEndpoint").put("host", "evil.example.com").put("port", 30443);
    events.set(2, new TenantEvent(original.id(), original.type(), original.tenant(), original.sequence(),
        original.previousHash(), original.hash(), original.requestId(), original.time(), forged));

    Finding finding = onlyFinding(events);

    assertThat(finding.kind()).isEqualTo(Finding.Kind.CHANGED);
    assertThat(finding.record()).isEqualTo(new RecordRef(TOPICS.events(), 0, 2));
    assertThat(finding.sequence()).isEqualTo(3);
  }

  @Test
  void aMissingEventIsAGapNamedAtTheRecordAfterIt() {
    List<TenantEvent> events = life("acme");
    events.remove(3);

    Finding finding = onlyFinding(events);

    assertThat(finding.kind()).isEqualTo(Finding.Kind.GAP);
    assertThat(finding.sequence()).isEqualTo(4);
    assertThat(finding.record()).isEqualTo(new RecordRef(TOPICS.events(), 0, 3));
    assertThat(finding.message()).contains("event 4 is missing");
  }

  @Test
  void aMissingLastEventButOneIsFoundWhenTheLogEnds() {
    List<TenantEvent> events = life("acme");
    events.remove(events.size() - 2);

    Finding finding = onlyFinding(events);

    assertThat(finding.kind()).isEqualTo(Finding.Kind.GAP);
    assertThat(finding.record()).isEqualTo(new RecordRef(TOPICS.events(), 0, events.size() - 1));
  }

  @Test
  void twoSwappedEventsAreReorderedNamedAtTheLateOne() {
    List<TenantEvent> events = life("acme");
    TenantEvent fourth = events.get(3);
    events.set(3, events.get(4));
    events.set(4, fourth);

    Finding finding = onlyFinding(events);

    assertThat(finding.kind()).isEqualTo(Finding.Kind.REORDERED);
    assertThat(finding.sequence()).isEqualTo(4);
    assertThat(finding.record()).isEqualTo(new RecordRef(TOPICS.events(), 0, 4));
  }

  @Test
  void aSecondChainFromTheSameHeadIsAForkNamedAtItsFirstEvent() {
    List<TenantEvent> events = life("acme");
    TenantEvent third = events.get(2);
    List<TenantEvent> fork = AuditLog.seal("acme", ChainHead.of(third), T0.plusSeconds(100), List.of(
        AuditLog.unsealed(EventType.CLUSTER_FAILED, "acme", third.requestId(), EventData.failed("forged", "apply"))));
    events.add(4, fork.get(0));

    Finding finding = onlyFinding(events);

    assertThat(finding.kind()).isEqualTo(Finding.Kind.FORK);
    assertThat(finding.sequence()).isEqualTo(4);
    assertThat(finding.record()).isEqualTo(new RecordRef(TOPICS.events(), 0, 4));
  }

  @Test
  void aRecordOnTheEventsTopicThatIsNoEventIsFound() {
    AuditLog log = new AuditLog();
    log.onboard("acme", 0, T0);
    log.append(TOPICS.events(), 0, T0.plusSeconds(60), "acme", "garbage".getBytes(StandardCharsets.UTF_8), Map.of());

    Verification verification = fold(everything(true), log.records()).verification();

    assertThat(verification.findings()).singleElement().satisfies(f -> {
      assertThat(f.kind()).isEqualTo(Finding.Kind.UNREADABLE);
      assertThat(f.tenant()).isEqualTo("acme");
      assertThat(f.record()).isEqualTo(new RecordRef(TOPICS.events(), 0, 7));
    });
  }

  @Test
  void theFirstBadRecordIsTheEarliestOfAllTenantsFindings() {
    AuditLog log = new AuditLog();
    List<TenantEvent> early = life("early");
    List<TenantEvent> late = AuditLog.seal("late", ChainHead.genesis("late"), T0.plusSeconds(50),
        early.stream().map(e -> TenantEvent.unsealed(e.type(), "late", e.requestId(), e.time(), e.data())).toList());
    late.stream().filter(e -> e.sequence() != 2).forEach(e -> log.event(e, 1));
    early.stream().filter(e -> e.sequence() != 5).forEach(e -> log.event(e, 0));

    Verification verification = fold(everything(true), log.records()).verification();

    assertThat(verification.findings()).extracting(Finding::tenant).containsExactly("early", "late");
    assertThat(verification.first()).get().extracting(Finding::record)
        .isEqualTo(new RecordRef(TOPICS.events(), 0, 4));
    assertThat(verification.brokenTenants()).isEqualTo(2);
  }

  /** The onboarding events of {@code tenant}, sealed, in a list the test may damage. */
  private static List<TenantEvent> life(String tenant) {
    AuditLog scratch = new AuditLog();
    return new ArrayList<>(scratch.onboard(tenant, 0, T0));
  }

  private static Finding onlyFinding(List<TenantEvent> events) {
    AuditLog log = new AuditLog();
    events.forEach(e -> log.event(e, 0));
    Verification verification = fold(everything(true), log.records()).verification();
    assertThat(verification.intact()).isFalse();
    assertThat(verification.findings()).hasSize(1);
    return verification.first().orElseThrow();
  }
}
