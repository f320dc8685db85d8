package dev.tenantplatform.cli;

import static dev.tenantplatform.audit.fold.AuditLog.T0;
import static dev.tenantplatform.audit.fold.AuditLog.createRequest;
import static dev.tenantplatform.audit.fold.AuditLog.onboarding;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tenantplatform.app.LocalInfo;
import dev.tenantplatform.audit.BrokerLog;
import dev.tenantplatform.audit.fold.RecordRef;
import dev.tenantplatform.events.TenantEvent;
import dev.tenantplatform.events.TenantRequest;
import dev.tenantplatform.testing.KafkaCluster;
import dev.tenantplatform.testing.KafkaExtension;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

@ExtendWith(KafkaExtension.class)
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ReplayCommandIT {

  @Test
  void aBrokenChainExitsWithThreeAndTheSummaryNamesTheFirstBadRecord(KafkaCluster kafka, @TempDir Path dir)
      throws Exception {
    try (BrokerLog log = BrokerLog.create(kafka.bootstrapServers())) {
      life(log, "acme", 0, -1);
      RecordRef bad = life(log, "umbrella", 30, 3);
      Path report = dir.resolve("report.txt");

      Run run = replay(kafka, log, "--verify", "--out", report.toString());

      assertThat(run.exitCode()).as(run.err()).isEqualTo(ReplayCommand.BROKEN);
      assertThat(run.err()).contains("BROKEN, 1 finding, first bad record GAP at " + bad + " (umbrella, event 4)")
          .contains("report in " + report);
      assertThat(run.out()).isEmpty();
      assertThat(Files.readString(report)).contains("!! GAP at " + bad);
      try (Stream<Path> left = Files.list(dir)) {
        assertThat(left).containsExactly(report);
      }
    }
  }

  @Test
  void theSameLogGivesTheSameFileInEveryFormat(KafkaCluster kafka, @TempDir Path dir) throws Exception {
    try (BrokerLog log = BrokerLog.create(kafka.bootstrapServers())) {
      for (int i = 0; i < 4; i++) {
        life(log, "tenant-" + i, 10 * i, i == 2 ? 5 : -1);
      }
      for (String format : List.of("table", "json", "csv")) {
        Path first = dir.resolve("first." + format);
        Path second = dir.resolve("second." + format);

        assertThat(replay(kafka, log, "--verify", "--format", format, "--out", first.toString()).exitCode())
            .isEqualTo(ReplayCommand.BROKEN);
        assertThat(replay(kafka, log, "--verify", "--format", format, "--out", second.toString()).exitCode())
            .isEqualTo(ReplayCommand.BROKEN);

        assertThat(Files.readAllBytes(second)).as(format).isEqualTo(Files.readAllBytes(first));
        assertThat(Files.size(first)).isPositive();
      }
    }
  }

  @Test
  void kafkaIsFoundThroughLocalJsonAndAnIntactLogExitsWithZero(KafkaCluster kafka, @TempDir Path data)
      throws Exception {
    new LocalInfo("http://127.0.0.1:8080", kafka.bootstrapServers(), "http://127.0.0.1:1", data.resolve("kubeconfig"),
        "token").write(data);
    try (BrokerLog log = BrokerLog.create(kafka.bootstrapServers())) {
      life(log, "acme", 0, -1);

      Run run = run("replay", "--data", data.toString(), "--verify", "--tenant", "acme",
          "--requests-topic", log.topics().requests(), "--events-topic", log.topics().events(),
          "--dlq-topic", log.topics().deadLetters());

      assertThat(run.exitCode()).as(run.err()).isZero();
      assertThat(run.out()).contains("acme  Ready  (event 7 at 2026-03-04T05:06:14.890Z)")
          .contains("request create", "tenant.ready", "ready 7.250 s after the request");
      assertThat(run.err()).contains("replayed 8 records", "verified 7 events: every chain intact");
    }
  }

  @Test
  void atShowsEachTenantAsItStoodThen(KafkaCluster kafka) throws Exception {
    try (BrokerLog log = BrokerLog.create(kafka.bootstrapServers())) {
      life(log, "early", 0, -1);
      life(log, "late", 100, -1);

      Run run = replay(kafka, log, "--at", "2026-03-04T05:07:50Z", "--format", "csv");

      assertThat(run.exitCode()).as(run.err()).isZero();
      assertThat(run.out().lines()).hasSize(3);
      assertThat(run.out()).contains("\nearly,Ready,7,").contains("\nlate,Provisioning,2,");
    }
  }

  @Test
  void optionsThatContradictEachOtherAreRefusedWithWhy(KafkaCluster kafka) throws Exception {
    try (BrokerLog log = BrokerLog.create(kafka.bootstrapServers())) {
      Run both = replay(kafka, log, "--at", "2026-03-04", "--from", "2026-03-01");
      Run backwards = replay(kafka, log, "--from", "2026-03-04", "--to", "2026-03-01");
      Run badName = replay(kafka, log, "--tenant", "Not_A_Tenant");

      assertThat(both.exitCode()).isEqualTo(2);
      assertThat(both.err()).contains("--at shows one instant");
      assertThat(backwards.exitCode()).isEqualTo(2);
      assertThat(backwards.err()).contains("the window ends (2026-03-01T00:00:00.000Z) before it starts");
      assertThat(badName.exitCode()).isEqualTo(2);
      assertThat(badName.err()).contains("'Not_A_Tenant' cannot name a tenant");
    }
  }

  @Test
  void aMissingTopicIsReportedWithWhatToDo(KafkaCluster kafka) {
    Run run = run("replay", "--kafka", kafka.bootstrapServers(), "--events-topic", "no-such-topic");

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err()).contains("topic no-such-topic does not exist on " + kafka.bootstrapServers());
  }

  /** A tenant's onboarding from {@code T0 + offset} s, without its event {@code lost} (none when -1). */
  private static RecordRef life(BrokerLog log, String tenant, long offset, int lost) throws Exception {
    TenantRequest create = createRequest(tenant);
    List<TenantEvent> events = new ArrayList<>(onboarding(create, T0.plusSeconds(offset)));
    if (lost >= 0) {
      events.remove(lost);
    }
    log.request(create, T0.plusSeconds(offset));
    List<RecordRef> refs = log.events(events);
    return lost >= 0 ? refs.get(lost) : null;
  }

  private static Run replay(KafkaCluster kafka, BrokerLog log, String... options) {
    List<String> args = new ArrayList<>(List.of("replay", "--kafka", kafka.bootstrapServers(),
        "--requests-topic", log.topics().requests(), "--events-topic", log.topics().events(),
        "--dlq-topic", log.topics().deadLetters()));
    args.addAll(List.of(options));
    return run(args.toArray(String[]::new));
  }

  private static Run run(String... args) {
    CommandLine cli = Main.commandLine();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    int exitCode = cli.execute(args);
    return new Run(exitCode, out.toString(), err.toString());
  }

  private record Run(int exitCode, String out, String err) {
  }
}
