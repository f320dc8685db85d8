package dev.tenantplatform.audit.fold;

import static dev.tenantplatform.audit.fold.AuditLog.T0;
import static dev.tenantplatform.audit.fold.AuditLog.TOPICS;
import static dev.tenantplatform.audit.fold.AuditLog.everything;
import static dev.tenantplatform.audit.fold.AuditLog.fold;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tenantplatform.events.TenantEvent;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ReportFormatTest {

  @ParameterizedTest
  @EnumSource(ReportFormat.class)
  void theSameRecordsInAnotherInterleavingOfPartitionsGiveTheSameBytes(ReportFormat format) {
    AuditLog log = brokenLog();
    List<LogRecord> byPartitionFirst = new ArrayList<>(log.records());
    byPartitionFirst.sort(Comparator.comparing(LogRecord::partition).reversed());

    String once = render(format, fold(everything(true), log.records()));
    String again = render(format, fold(everything(true), byPartitionFirst));

    assertThat(again).isEqualTo(once);
    assertThat(once).doesNotContain("\r").endsWith("\n");
  }

  @Test
  void theTableFollowsTheBadRecordWithWhatIsWrongAndSaysItInTheHeader() {
    String table = render(ReportFormat.TABLE, fold(everything(true), brokenLog().records()));

    assertThat(table).contains("verify      BROKEN: 1 finding(s) in 13 events of 2 tenants; first bad record GAP at"
        + " tenant.events-1@3 (umbrella, event 4)");
    List<String> lines = table.lines().toList();
    int bad = lines.indexOf(lines.stream().filter(l -> l.contains("cluster.cni.applied") && l.contains(" 5 "))
        .filter(l -> table.indexOf(l) > table.indexOf("\numbrella ")).findFirst().orElseThrow());
    assertThat(lines.get(bad + 1)).startsWith("  !! GAP at tenant.events-1@3 (umbrella, event 4): event 4 is"
        + " missing");
    assertThat(table).contains("  chain     intact, 7 events, 1..7");
    assertThat(table).contains("  durations control plane ready 5.500 s, provisioned 4.000 s, ready 7.250 s");
  }

  @Test
  void jsonNamesTheFirstBadRecordByTopicPartitionAndOffset() throws IOException {
    JsonNode json = new ObjectMapper().readTree(render(ReportFormat.JSON, fold(everything(true),
        brokenLog().records())));

    JsonNode first = json.path("verification").path("firstBadRecord");
    assertThat(first.path("kind").asText()).isEqualTo("GAP");
    assertThat(first.path("record").path("topic").asText()).isEqualTo("tenant.events");
    assertThat(first.path("record").path("partition").asInt()).isEqualTo(1);
    assertThat(first.path("record").path("offset").asLong()).isEqualTo(3);
    assertThat(json.path("verification").path("intact").asBoolean()).isFalse();
    JsonNode acme = json.path("tenants").get(0);
    assertThat(acme.path("tenant").asText()).isEqualTo("acme");
    assertThat(acme.path("history").get(0).path("requestedBy").asText()).isEqualTo(AuditLog.ALICE);
    assertThat(acme.path("history").get(7).path("data").path("readySeconds").decimalValue())
        .isEqualByComparingTo("7.25");
    assertThat(acme.path("durations").path("readySeconds").decimalValue()).isEqualByComparingTo("7.25");
  }

  @Test
  void csvHasOneRowPerEntryAndQuotesWhatHoldsCommas() {
    String csv = render(ReportFormat.CSV, fold(everything(true), brokenLog().records()));

    List<String> rows = csv.lines().toList();
    assertThat(rows.get(0)).isEqualTo(String.join(",", CsvRenderer.HISTORY_COLUMNS));
    assertThat(rows).hasSize(1 + 8 + 6);
    assertThat(rows.get(1)).isEqualTo("acme,2026-03-04T05:06:07.890Z,request,request create,,acme-create,"
        + "by alice@example.com: workers=3 (from /tenant-platform/api),tenant.requests,0,0,");
    assertThat(rows).anySatisfy(r -> assertThat(r).startsWith("umbrella,").endsWith(",tenant.events,1,3,"
        + "GAP: event 4 is missing from the log of umbrella: event 3 is followed by event 5"));
    assertThat(CsvRenderer.quote("a \"b\", c")).isEqualTo("\"a \"\"b\"\", c\"");
  }

  @Test
  void aPointInTimeIsOneRowPerTenantInCsvAndOneBlockPerTenantInTheTable() {
    AuditLog log = new AuditLog();
    log.onboard("acme", 0, T0);
    log.kubeconfigRead("acme", "ops", "admin", 0, T0.plusSeconds(20));
    AuditReport report = fold(AuditQuery.pointInTime(TOPICS, T0.plusSeconds(30), null, true), log.records());

    List<String> rows = render(ReportFormat.CSV, report).lines().toList();
    assertThat(rows).containsExactly(String.join(",", CsvRenderer.SNAPSHOT_COLUMNS),
        "acme,Ready,7,2026-03-04T05:06:14.890Z,v1.32.8+k0s.0,3,3,calico,emptyDir,NodePort,docker,true,true,true,"
            + "true,5.500,4.000,7.250,0.000,0,,,intact,\"ops (admin) 1 read, last 2026-03-04T05:06:27.890Z\"");
    String table = render(ReportFormat.TABLE, report);
    assertThat(table).startsWith("tenant-platform replay at 2026-03-04T05:06:37.890Z\n")
        .contains("\nacme  Ready  (event 7 at 2026-03-04T05:06:14.890Z)\n")
        .contains("\n  access    kubeconfig read by ops (admin) 1 read, last 2026-03-04T05:06:27.890Z\n")
        .doesNotContain("TIME");
  }

  @Test
  void anUnknownFormatIsRefusedWithTheKnownOnes() {
    assertThat(ReportFormat.of("Json")).isEqualTo(ReportFormat.JSON);
    assertThatThrownBy(() -> ReportFormat.of("xml")).hasMessage("unknown format 'xml': use table, json, csv");
  }

  /** acme whole on partition 0; umbrella on partition 1 with its event 4 lost. */
  private static AuditLog brokenLog() {
    AuditLog log = new AuditLog();
    log.onboard("acme", 0, T0);
    AuditLog scratch = new AuditLog();
    List<TenantEvent> umbrella = scratch.onboard("umbrella", 1, T0.plusSeconds(2));
    umbrella.stream().filter(e -> e.sequence() != 4).forEach(e -> log.event(e, 1));
    return log;
  }

  static String render(ReportFormat format, AuditReport report) {
    StringWriter out = new StringWriter();
    try {
      format.render(report, out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }
}
