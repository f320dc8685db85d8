package dev.tenantplatform.audit.fold;

import static dev.tenantplatform.audit.fold.AuditLog.ALICE;
import static dev.tenantplatform.audit.fold.AuditLog.T0;
import static dev.tenantplatform.audit.fold.AuditLog.TOPICS;
import static dev.tenantplatform.audit.fold.AuditLog.everything;
import static dev.tenantplatform.audit.fold.AuditLog.fold;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.tenantplatform.events.Action;
import dev.tenantplatform.events.ClusterSpec;
import dev.tenantplatform.events.EventType;
import dev.tenantplatform.events.TenantEvent;
import dev.tenantplatform.events.TenantPhase;
import dev.tenantplatform.events.TenantRequest;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class AuditFoldTest {

  @Test
  void aTenantsHistoryShowsWhoAskedForWhatThenItsEventsInOrderAndWhereItStands() {
    AuditLog log = new AuditLog();
    List<TenantEvent> events = log.onboard("acme", 0, T0);

    AuditReport report = fold(everything(false), log.records());

    assertThat(report.tenants()).extracting(TenantHistory::tenant).containsExactly("acme");
    TenantHistory acme = report.tenants().get(0);
    assertThat(acme.entries()).hasSize(1 + events.size());
    HistoryEntry.Request request = (HistoryEntry.Request) acme.entries().get(0);
    assertThat(request.requestedBy()).isEqualTo(ALICE);
    assertThat(request.action()).isEqualTo(Action.CREATE);
    assertThat(request.cluster().workers()).isEqualTo(3);
    assertThat(request.time()).isEqualTo(T0);
    assertThat(acme.entries().subList(1, acme.entries().size()))
        .extracting(e -> ((HistoryEntry.Event) e).hash())
        .containsExactlyElementsOf(events.stream().map(TenantEvent::hash).toList());
    TenantSnapshot snapshot = acme.snapshot();
    assertThat(snapshot.state()).isEqualTo(TenantPhase.READY);
    assertThat(snapshot.spec()).isEqualTo(ClusterSpec.DEFAULTS.withWorkers(3));
    assertThat(snapshot.checks()).isEqualTo(new Checks(true, true, true, true));
    assertThat(snapshot.durations().ready()).isEqualByComparingTo(new BigDecimal("7.25"));
    assertThat(snapshot.durations().controlPlaneReady()).isEqualByComparingTo(new BigDecimal("5.5"));
    assertThat(report.totals()).isEqualTo(new AuditReport.Totals(1, events.size(), 0, 0));
  }

  @Test
  void kubeconfigReadsShowWhoReadWhenInTheHistoryAndAtAPointInTime() {
    AuditLog log = new AuditLog();
    log.onboard("acme", 0, T0);
    log.kubeconfigRead("acme", "ops", "admin", 0, T0.plusSeconds(30));
    log.kubeconfigRead("acme", "acme-dev", "tenant", 0, T0.plusSeconds(40));
    log.kubeconfigRead("acme", "acme-dev", "tenant", 0, T0.plusSeconds(50));

    TenantHistory acme = fold(everything(false), log.records()).tenants().get(0);
    TenantHistory before = fold(AuditQuery.pointInTime(TOPICS, T0.plusSeconds(35), null, false), log.records())
        .tenants().get(0);

    assertThat(acme.entries()).filteredOn(HistoryEntry.KubeconfigRead.class::isInstance).hasSize(3)
        .extracting(EntryText::detail).contains("by ops (admin scope)", "by acme-dev (tenant scope)");
    assertThat(acme.kubeconfigReaders()).extracting(KubeconfigReader::readBy, KubeconfigReader::reads)
        .containsExactly(tuple("acme-dev", 2L), tuple("ops", 1L));
    assertThat(before.kubeconfigReaders()).extracting(KubeconfigReader::readBy).containsExactly("ops");
  }

  @Test
  void tenantsComeSortedByNameWhateverTheOrderOfTheirRecords() {
    AuditLog log = new AuditLog();
    log.onboard("zeta", 0, T0);
    log.onboard("alpha", 1, T0.plusSeconds(30));
    log.onboard("mid", 2, T0.plusSeconds(60));

    assertThat(fold(everything(false), log.records()).tenants()).extracting(TenantHistory::tenant)
        .containsExactly("alpha", "mid", "zeta");
  }

  @Test
  void deadLettersGoToTheTenantTheyNameWithTheirReasonAndOthersAreKeptApart() {
    AuditLog log = new AuditLog();
    log.onboard("acme", 0, T0);
    log.deadLetter("acme", "acme", "invalid", "controlPlaneReplicas 2 is even: use 1, 3, 5 or 7", 0,
        T0.plusSeconds(20));
    log.deadLetter("Not A Tenant!", null, "not_json", "the record is not JSON", 1, T0.plusSeconds(21));

    AuditReport report = fold(everything(false), log.records());

    HistoryEntry last = report.tenants().get(0).entries().get(report.tenants().get(0).entries().size() - 1);
    assertThat(last).isInstanceOfSatisfying(HistoryEntry.DeadLetter.class, d -> {
      assertThat(d.reasonCode()).isEqualTo("invalid");
      assertThat(d.reason()).contains("is even");
      assertThat(d.source()).isEqualTo("tenant.requests-0@7");
    });
    assertThat(report.unattributed()).singleElement().isInstanceOfSatisfying(HistoryEntry.DeadLetter.class,
        d -> assertThat(d.reasonCode()).isEqualTo("not_json"));
    assertThat(report.totals().deadLetters()).isEqualTo(2);
  }

  @Test
  void aRequestThatCannotBeReadIsShownWithWhyUnderTheTenantOfItsKey() {
    AuditLog log = new AuditLog();
    log.append(TOPICS.requests(), 0, T0, "acme", "{\"specversion\":\"1.0\"".getBytes(StandardCharsets.UTF_8),
        Map.of());

    AuditReport report = fold(everything(false), log.records());

    assertThat(report.tenants().get(0).entries()).singleElement()
        .isInstanceOfSatisfying(HistoryEntry.Unreadable.class, u -> {
          assertThat(u.what()).isEqualTo("request");
          assertThat(u.reason()).contains("not JSON");
        });
    assertThat(report.totals().unreadable()).isEqualTo(1);
  }

  @Test
  void requestsTakeTheirPlaceAmongTheEventsByTime() {
    AuditLog log = new AuditLog();
    log.onboard("acme", 0, T0);
    TenantRequest scale = TenantRequest.update("acme", "bob@example.com", new ClusterSpec(null, null, 5, null,
        null, null, null));
    log.request(scale, 0, T0.plusMillis(3_500));

    List<HistoryEntry> entries = fold(everything(false), log.records()).tenants().get(0).entries();

    assertThat(entries).extracting(EntryText::what).containsExactly("request create", "tenant.accepted",
        "cluster.applied", "cluster.provisioned", "request update", "cluster.controlplane.ready",
        "cluster.cni.applied", "cluster.workers.ready", "tenant.ready");
  }

  @Test
  void onlyTheNamedTenantIsReplayedAndRecordsNamingNoTenantAreLeftOut() {
    AuditLog log = new AuditLog();
    log.onboard("acme", 0, T0);
    log.onboard("umbrella", 1, T0);
    log.deadLetter("???", null, "not_json", "the record is not JSON", 1, T0);

    AuditReport report = fold(AuditQuery.history(TOPICS, Window.WHOLE_LOG, "umbrella", true), log.records());

    assertThat(report.tenants()).extracting(TenantHistory::tenant).containsExactly("umbrella");
    assertThat(report.unattributed()).isEmpty();
    assertThat(report.verification().chains()).containsOnlyKeys("umbrella");
  }

  @Test
  void aPointInTimeShowsEachTenantAsItStoodThen() {
    AuditLog log = new AuditLog();
    log.onboard("acme", 0, T0);
    Instant whileComingUp = T0.plusMillis(3_500);

    AuditReport report = fold(AuditQuery.pointInTime(TOPICS, whileComingUp, null, false), log.records());

    TenantHistory acme = report.tenants().get(0);
    assertThat(acme.entries()).isEmpty();
    assertThat(acme.snapshot().state()).isEqualTo(TenantPhase.PROVISIONED);
    assertThat(acme.snapshot().sequence()).isEqualTo(3);
    assertThat(acme.snapshot().checks()).isEqualTo(new Checks(false, true, false, false));
    assertThat(acme.snapshot().durations().isEmpty()).isTrue();
    assertThat(acme.snapshot().spec().workers()).isEqualTo(3);
  }

  @Test
  void aReplayOfAWindowEqualsTheWholeLogFilteredToIt() {
    AuditLog log = new AuditLog();
    log.onboard("acme", 0, T0);
    log.onboard("umbrella", 1, T0.plusSeconds(4));
    Window window = new Window(T0.plusSeconds(3), T0.plusSeconds(9));
    AuditQuery query = AuditQuery.history(TOPICS, window, null, true);

    AuditReport whole = fold(query, log.records());
    AuditReport inWindow = fold(query, log.records().stream()
        .filter(r -> window.contains(r.timestamp())).toList());

    assertThat(inWindow).isEqualTo(whole);
    assertThat(whole.verification().intact()).isTrue();
    assertThat(whole.verification().chains().get("acme").first()).isEqualTo(3);
    assertThat(whole.verification().chains().get("umbrella").first()).isEqualTo(1);
  }

  @Test
  void anEventThatDoesNotExtendTheSnapshotLeavesItAsItWas() {
    AuditLog log = new AuditLog();
    List<TenantEvent> events = log.onboard("acme", 0, T0);
    log.event(events.get(1), 0);

    TenantSnapshot snapshot = fold(everything(false), log.records()).tenants().get(0).snapshot();

    assertThat(snapshot.state()).isEqualTo(TenantPhase.READY);
    assertThat(snapshot.sequence()).isEqualTo(events.size());
    assertThat(events.get(events.size() - 1).type()).isEqualTo(EventType.TENANT_READY);
  }

  @Test
  void foldingInBatchesGivesTheReportOfFoldingRecordByRecord() {
    AuditLog log = new AuditLog();
    for (int i = 0; i < 20; i++) {
      log.onboard("tenant-" + i, i % 3, T0.plusSeconds(i));
    }
    log.append(TOPICS.events(), 1, T0.plusSeconds(90), "tenant-4", "{}".getBytes(StandardCharsets.UTF_8), Map.of());
    AuditFold batched = new AuditFold(everything(true));
    List<LogRecord> records = log.records();
    for (int from = 0; from < records.size(); from += 17) {
      batched.acceptAll(records.subList(from, Math.min(records.size(), from + 17)));
    }

    assertThat(batched.report()).isEqualTo(fold(everything(true), records));
  }

  @ParameterizedTest
  @EnumSource(ReportFormat.class)
  void foldingEachShareOfThePartitionsOnItsOwnThenMergingGivesTheBytesOfOneFold(ReportFormat format) {
    AuditLog log = new AuditLog();
    List<List<TenantEvent>> lives = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      lives.add(log.onboard("tenant-" + i, i % 3, T0.plusSeconds(i)));
    }
    // What a tenant has beside its events may sit on another partition number (a topic with another count).
    log.kubeconfigRead("tenant-1", "ops", "admin", 2, T0.plusSeconds(40));
    log.kubeconfigRead("tenant-1", "ops", "admin", 1, T0.plusSeconds(50));
    log.deadLetter("tenant-2", "tenant-2", "invalid", "workers must be 0 to 50", 0, T0.plusSeconds(45));
    log.deadLetter(null, null, "not_json", "the record is not JSON", 1, T0.plusSeconds(46));
    log.append(TOPICS.events(), 1, T0.plusSeconds(90), "tenant-4", "{}".getBytes(StandardCharsets.UTF_8), Map.of());
    log.event(lives.get(5).get(2), 2);
    log.event(lives.get(7).get(6), 1);
    List<LogRecord> records = log.records();

    for (AuditQuery query : List.of(everything(true), everything(false),
        AuditQuery.pointInTime(TOPICS, T0.plusSeconds(12), null, true))) {
      String once = ReportFormatTest.render(format, fold(query, records));
      for (int count = 2; count <= 4; count++) {
        List<AuditFold> shares = new ArrayList<>();
        for (int i = 0; i < count; i++) {
          shares.add(new AuditFold(query));
        }
        for (LogRecord record : records) {
          shares.get(record.partition() % count).accept(record);
        }

        assertThat(ReportFormatTest.render(format, AuditFold.report(shares))).as("%d shares", count)
            .isEqualTo(once);
      }
    }
    assertThat(ReportFormatTest.render(format, fold(everything(true), records))).contains("tenant-5", "tenant-7");
  }
}
