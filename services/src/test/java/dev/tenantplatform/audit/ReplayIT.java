package dev.tenantplatform.audit;

import static dev.tenantplatform.audit.fold.AuditLog.T0;
import static dev.tenantplatform.audit.fold.AuditLog.createRequest;
import static dev.tenantplatform.audit.fold.AuditLog.onboarding;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tenantplatform.audit.fold.AuditFold;
import dev.tenantplatform.audit.fold.AuditLog;
import dev.tenantplatform.audit.fold.AuditQuery;
import dev.tenantplatform.audit.fold.Finding;
import dev.tenantplatform.audit.fold.RecordRef;
import dev.tenantplatform.audit.fold.ReportFormat;
import dev.tenantplatform.audit.fold.TenantChain;
import dev.tenantplatform.audit.fold.Verification;
import dev.tenantplatform.audit.fold.Window;
import dev.tenantplatform.events.ChainHead;
import dev.tenantplatform.events.EventData;
import dev.tenantplatform.events.EventType;
import dev.tenantplatform.events.TenantEvent;
import dev.tenantplatform.events.TenantRequest;
import dev.tenantplatform.testing.KafkaCluster;
import dev.tenantplatform.testing.KafkaExtension;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.GroupListing;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(KafkaExtension.class)
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ReplayIT {

  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  @Test
  void everyKindOfTamperingIsFoundAndNamesItsFirstBadRecord(KafkaCluster kafka) throws Exception {
    try (BrokerLog log = BrokerLog.create(kafka.bootstrapServers())) {
      writeLife(log, "intact", T0, List.of());
      RecordRef forged = tamper(log, "forged", T0.plusSeconds(100), events -> {
        TenantEvent original = events.get(2);
        ObjectNode data = original.data();
        data.putObject("controlPlaneEndpoint").put("host", "203.0.113.66").put("port", 6443);
        events.set(2, new TenantEvent(original.id(), original.type(), original.tenant(), original.sequence(),
            original.previousHash(), original.hash(), original.requestId(), original.time(), data));
        return 2;
      });
      RecordRef gap = tamper(log, "gap", T0.plusSeconds(200), events -> {
        events.remove(3);
        return 3;
      });
      RecordRef swapped = tamper(log, "swapped", T0.plusSeconds(300), events -> {
        TenantEvent fourth = events.get(3);
        events.set(3, events.get(4));
        events.set(4, fourth);
        return 4;
      });
      RecordRef fork = tamper(log, "fork", T0.plusSeconds(400), events -> {
        TenantEvent third = events.get(2);
        events.add(4, AuditLog.seal("fork", ChainHead.of(third), third.time(), List.of(AuditLog.unsealed(
            EventType.CLUSTER_FAILED, "fork", third.requestId(), EventData.failed("a second writer", "apply"))))
            .get(0));
        return 4;
      });

      Verification verification = replay(kafka, AuditQuery.history(log.topics(), Window.WHOLE_LOG, null, true),
          ReportFormat.TABLE).outcome().report().verification();

      Map<String, TenantChain> chains = verification.chains();
      assertThat(chains.get("intact").intact()).isTrue();
      assertFinding(chains.get("forged"), Finding.Kind.CHANGED, 3, forged);
      assertFinding(chains.get("gap"), Finding.Kind.GAP, 4, gap);
      assertFinding(chains.get("swapped"), Finding.Kind.REORDERED, 4, swapped);
      assertFinding(chains.get("fork"), Finding.Kind.FORK, 4, fork);
      assertThat(verification.first()).get().extracting(Finding::record).isEqualTo(forged);
      assertThat(verification.findings()).extracting(Finding::tenant)
          .containsExactly("forged", "gap", "swapped", "fork");
    }
  }

  @Test
  void twoReplaysOfTheSameLogGiveTheSameBytesInEveryFormat(KafkaCluster kafka) throws Exception {
    try (BrokerLog log = BrokerLog.create(kafka.bootstrapServers())) {
      for (int i = 0; i < 6; i++) {
        writeLife(log, "tenant-" + i, T0.plusSeconds(5L * i), List.of());
      }
      log.deadLetter("tenant-2", "tenant-2", "invalid", "controlPlaneReplicas 2 is even, use 1, 3, 5 or 7",
          T0.plusSeconds(12));
      AuditQuery query = AuditQuery.history(log.topics(), Window.WHOLE_LOG, null, true);

      for (ReportFormat format : ReportFormat.values()) {
        Replayed first = replay(kafka, query, format);
        Replayed second = replay(kafka, query, format);
        assertThat(second.text()).as(format.name()).isEqualTo(first.text());
        assertThat(first.outcome().report().tenants()).hasSize(6);
        assertThat(first.outcome().recordsRead()).isEqualTo(6 * 8 + 1);
      }
    }
  }

  @Test
  void aReplayFromTheMiddleSeeksThereAndEqualsTheWholeLogFilteredToItsWindow(KafkaCluster kafka) throws Exception {
    try (BrokerLog log = BrokerLog.create(kafka.bootstrapServers())) {
      for (int i = 0; i < 5; i++) {
        writeLife(log, "tenant-" + i, T0.plusSeconds(20L * i), List.of());
      }
      Window middle = new Window(T0.plusSeconds(23), T0.plusSeconds(64));
      AuditQuery query = AuditQuery.history(log.topics(), middle, null, true);

      Replayed fromTheMiddle = replay(kafka, query, ReportFormat.JSON);
      String wholeLogFiltered = foldWholeLog(kafka, query, ReportFormat.JSON);

      assertThat(fromTheMiddle.text()).isEqualTo(wholeLogFiltered);
      assertThat(fromTheMiddle.outcome().report().verification().intact()).isTrue();
      assertThat(fromTheMiddle.outcome().report().tenants()).extracting(t -> t.tenant())
          .containsExactly("tenant-1", "tenant-2", "tenant-3");
      assertThat(fromTheMiddle.outcome().recordsRead()).as("only the window is read").isEqualTo(5 + 8 + 5);
      try (LogScan scan = new LogScan(kafka.bootstrapServers(), TIMEOUT)) {
        ScanPlan plan = scan.plan(log.topics().all(), middle);
        assertThat(plan.ranges().entrySet().stream().filter(e -> e.getKey().topic().equals(log.topics().events()))
            .mapToLong(e -> e.getValue().start()).sum()).as("events not read before the window").isPositive();
      }
    }
  }

  @Test
  void aReplayProducesNothingAndJoinsNoConsumerGroup(KafkaCluster kafka) throws Exception {
    try (BrokerLog log = BrokerLog.create(kafka.bootstrapServers());
        Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
      writeLife(log, "acme", T0, List.of());
      Map<TopicPartition, Long> endsBefore = ends(kafka, log);
      Set<String> groupsBefore = groups(admin);

      replay(kafka, AuditQuery.history(log.topics(), Window.WHOLE_LOG, null, true), ReportFormat.CSV);

      assertThat(ends(kafka, log)).isEqualTo(endsBefore);
      assertThat(groups(admin)).isSubsetOf(groupsBefore);
    }
  }

  @Test
  void theAuditRouteStreamsTheSameReportWithTheVerdictInAHeader(KafkaCluster kafka) throws Exception {
    Vertx vertx = Vertx.vertx();
    try (BrokerLog log = BrokerLog.create(kafka.bootstrapServers())) {
      writeLife(log, "intact", T0, List.of());
      tamper(log, "forged", T0.plusSeconds(100), events -> {
        TenantEvent original = events.get(1);
        events.set(1, new TenantEvent(original.id(), original.type(), original.tenant(), original.sequence(),
            original.previousHash(), original.hash(), "someone-else", original.time(), original.data()));
        return 1;
      });
      Router router = Router.router(vertx);
      router.get("/audit").handler(new AuditRoute(vertx, kafka.bootstrapServers(), TIMEOUT, log.topics()));
      HttpServer server = vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1")
          .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
      HttpClient http = HttpClient.newHttpClient();
      URI base = URI.create("http://127.0.0.1:" + server.actualPort() + "/audit");

      HttpResponse<String> verified = http.send(HttpRequest.newBuilder(URI.create(base + "?verify=true")).build(),
          HttpResponse.BodyHandlers.ofString());
      HttpResponse<String> intact = http.send(HttpRequest.newBuilder(URI.create(base
          + "?tenant=intact&verify=true&format=table")).build(), HttpResponse.BodyHandlers.ofString());

      assertThat(verified.statusCode()).isEqualTo(200);
      assertThat(verified.headers().firstValue(AuditRoute.VERDICT_HEADER)).contains("broken");
      assertThat(verified.headers().firstValue("Content-Type")).contains("application/json");
      assertThat(verified.body()).isEqualTo(replay(kafka, AuditQuery.history(log.topics(), Window.WHOLE_LOG, null,
          true), ReportFormat.JSON).text());
      assertThat(intact.headers().firstValue(AuditRoute.VERDICT_HEADER)).contains("intact");
      assertThat(intact.body()).isEqualTo(replay(kafka, AuditQuery.history(log.topics(), Window.WHOLE_LOG,
          "intact", true), ReportFormat.TABLE).text());
    } finally {
      vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
  }

  private static void assertFinding(TenantChain chain, Finding.Kind kind, long sequence, RecordRef record) {
    assertThat(chain.finding()).as(chain.tenant()).isNotNull();
    assertThat(chain.finding().kind()).as(chain.tenant()).isEqualTo(kind);
    assertThat(chain.finding().sequence()).as(chain.tenant()).isEqualTo(sequence);
    assertThat(chain.finding().record()).as(chain.tenant()).isEqualTo(record);
  }

  /** A tenant's onboarding, damaged by {@code damage}; returns where the record at the index it names went. */
  private static RecordRef tamper(BrokerLog log, String tenant, Instant start, Damage damage) throws Exception {
    TenantRequest create = createRequest(tenant);
    List<TenantEvent> events = new ArrayList<>(onboarding(create, start));
    int bad = damage.apply(events);
    log.request(create, start);
    return log.events(events).get(bad);
  }

  private static void writeLife(BrokerLog log, String tenant, Instant start, List<TenantEvent> extra)
      throws Exception {
    TenantRequest create = createRequest(tenant);
    log.request(create, start);
    log.events(onboarding(create, start));
    log.events(extra);
  }

  private static Replayed replay(KafkaCluster kafka, AuditQuery query, ReportFormat format) {
    StringWriter out = new StringWriter();
    Replay.Outcome outcome = new Replay(kafka.bootstrapServers(), TIMEOUT).run(query, format, out, null);
    return new Replayed(outcome, out.toString());
  }

  /** Reads every record of the log, then folds them with {@code query}'s window as the filter. */
  private static String foldWholeLog(KafkaCluster kafka, AuditQuery query, ReportFormat format) throws Exception {
    AuditFold fold = new AuditFold(query);
    try (LogScan scan = new LogScan(kafka.bootstrapServers(), TIMEOUT)) {
      scan.read(scan.plan(query.topics().all(), Window.WHOLE_LOG), fold::acceptAll, count -> { });
    }
    StringWriter out = new StringWriter();
    format.render(fold.report(), out);
    return out.toString();
  }

  private static Map<TopicPartition, Long> ends(KafkaCluster kafka, BrokerLog log) {
    try (LogScan scan = new LogScan(kafka.bootstrapServers(), TIMEOUT)) {
      return scan.plan(log.topics().all(), Window.WHOLE_LOG).ranges().entrySet().stream()
          .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().end()));
    }
  }

  private static Set<String> groups(Admin admin) throws Exception {
    return admin.listGroups().all().get(30, TimeUnit.SECONDS).stream().map(GroupListing::groupId)
        .collect(Collectors.toSet());
  }

  private record Replayed(Replay.Outcome outcome, String text) {
  }

  /** Damages a list of events in place and says which index holds the first bad record. */
  @FunctionalInterface
  private interface Damage {
    int apply(List<TenantEvent> events);
  }
}
