package dev.tenantplatform.cli;

import dev.tenantplatform.app.LocalInfo;
import dev.tenantplatform.audit.Replay;
import dev.tenantplatform.audit.fold.AuditQuery;
import dev.tenantplatform.audit.fold.AuditTopics;
import dev.tenantplatform.audit.fold.ReportFormat;
import dev.tenantplatform.audit.fold.TimeArgument;
import dev.tenantplatform.audit.fold.Window;
import dev.tenantplatform.support.KafkaClients;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

/** {@code tenant-platform replay}: who asked for what, what happened, and proof that nothing was lost or altered. */
@Command(name = "replay", mixinStandardHelpOptions = true,
    description = {"Replays the platform's log (tenant.requests, tenant.events, tenant.requests.dlq) and prints, per"
        + " tenant in order, each request (who asked, what, when), what happened, the durations and the"
        + " rejections with their reasons. Read-only: produces nothing, commits nothing, touches no Kubernetes.",
        "The same records give the same report, byte for byte. The report goes to stdout (or --out), progress"
            + " and a summary line to stderr.",
        "TIME: 2026-01-02T03:04:05Z, 2026-01-02T04:04:05+01:00, 2026-01-02 (midnight UTC) or milliseconds since"
            + " the epoch; compared with the records' timestamps.",
        "Reads of a tenant's kubeconfig are not in the log, so they are not in the report."},
    exitCodeListHeading = "Exit codes:%n",
    exitCodeList = {"0:the replay ran (and, with --verify, every chain is intact)", "1:the replay could not run",
        "2:wrong options", "3:--verify found a broken chain (the report and stderr name the first bad record)"})
final class ReplayCommand implements Callable<Integer> {

  /** The exit code of a verification that found a break. */
  static final int BROKEN = 3;

  @Spec
  CommandSpec spec;

  @Option(names = "--from", paramLabel = "TIME", converter = TimeConverter.class,
      description = "Start at the first record stamped at or after TIME (found with offsets-for-times).")
  Instant from;

  @Option(names = "--to", paramLabel = "TIME", converter = TimeConverter.class,
      description = "Stop after the last record stamped at or before TIME (default: the end of the log when the"
          + " replay starts).")
  Instant to;

  @Option(names = "--at", paramLabel = "TIME", converter = TimeConverter.class,
      description = "Instead of histories, show each tenant as it stood at TIME: state, spec, checks, durations"
          + " (folded from the start of the log). Not with --from or --to.")
  Instant at;

  @Option(names = "--tenant", paramLabel = "NAME", description = "Only this tenant.")
  String tenant;

  @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "table",
      description = "table, json or csv (default: ${DEFAULT-VALUE}).")
  ReportFormat format;

  @Option(names = "--verify",
      description = "Check every tenant's chain: sequence (no gap, no duplicate) and hashes (no changed byte, no"
          + " reordering, no fork); name the first bad record by topic, partition and offset, and exit with 3.")
  boolean verify;

  @Option(names = "--out", paramLabel = "FILE", description = "Write the report to FILE (UTF-8) instead of stdout.")
  Path out;

  @ArgGroup(exclusive = true)
  Source source = new Source();

  @Option(names = "--requests-topic", paramLabel = "TOPIC", defaultValue = "tenant.requests",
      description = "The requests topic (default: ${DEFAULT-VALUE}); other names replay a copy of the log.")
  String requestsTopic;

  @Option(names = "--events-topic", paramLabel = "TOPIC", defaultValue = "tenant.events",
      description = "The events topic (default: ${DEFAULT-VALUE}).")
  String eventsTopic;

  @Option(names = "--dlq-topic", paramLabel = "TOPIC", defaultValue = "tenant.requests.dlq",
      description = "The dead-letter topic (default: ${DEFAULT-VALUE}).")
  String dlqTopic;

  @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "30",
      description = "Give up when Kafka stays silent this long (default: ${DEFAULT-VALUE}).")
  long timeoutSeconds;

  @Mixin
  KafkaSecurityOptions kafkaSecurity;

  /** Where Kafka is: given, or read from a local platform's local.json. */
  static final class Source {
    @Option(names = "--kafka", paramLabel = "BOOTSTRAP", description = "Kafka bootstrap servers, host:port[,…].")
    String kafka;

    @Option(names = "--data", paramLabel = "DIR", defaultValue = ".tenant-platform",
        description = "Data folder of `tenant-platform local`, whose local.json names Kafka (default:"
            + " ${DEFAULT-VALUE}).")
    Path dataDir = Path.of(".tenant-platform");
  }

  @Override
  public Integer call() {
    AuditQuery query = query();
    String bootstrap = bootstrapServers();
    KafkaClients.useSecurity(kafkaSecurity.fromEnvironment());
    PrintWriter err = spec.commandLine().getErr();
    Replay replay = new Replay(bootstrap, Duration.ofSeconds(timeoutSeconds));
    Replay.Outcome outcome = out == null
        ? replay.run(query, format, spec.commandLine().getOut(), err)
        : toFile(replay, query, err);
    err.println(outcome.summary() + (out == null ? "" : "; report in " + out));
    err.flush();
    return outcome.broken() ? BROKEN : 0;
  }

  private AuditQuery query() {
    if (at != null && (from != null || to != null)) {
      throw new ParameterException(spec.commandLine(), "--at shows one instant, folded from the start of the"
          + " log: give it without --from and --to");
    }
    try {
      AuditTopics topics = new AuditTopics(requestsTopic, eventsTopic, dlqTopic);
      return at != null ? AuditQuery.pointInTime(topics, at, tenant, verify)
          : AuditQuery.history(topics, new Window(from, to), tenant, verify);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage(), e);
    }
  }

  private String bootstrapServers() {
    if (source.kafka != null) {
      return source.kafka;
    }
    return LocalInfo.read(source.dataDir).map(LocalInfo::kafka).orElseThrow(() -> new ParameterException(
        spec.commandLine(), "no Kafka to read: give --kafka HOST:PORT, or --data DIR of a running `tenant-platform"
            + " local` (" + source.dataDir.resolve(LocalInfo.FILE) + " was not found or could not be read)"));
  }

  /** Writes beside FILE and moves it into place: a replay that fails leaves no half report behind. */
  private Replay.Outcome toFile(Replay replay, AuditQuery query, PrintWriter err) {
    Path target = out.toAbsolutePath();
    Path partial = target.resolveSibling(target.getFileName() + ".partial");
    try {
      Replay.Outcome outcome;
      try (Writer writer = Files.newBufferedWriter(partial, StandardCharsets.UTF_8)) {
        outcome = replay.run(query, format, writer, err);
      }
      Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      return outcome;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the report to " + out + ": " + e.getMessage(), e);
    } finally {
      try {
        Files.deleteIfExists(partial);
      } catch (IOException e) {
        err.println("warning: could not remove " + partial + ": " + e.getMessage());
      }
    }
  }

  /** Reads TIME arguments; a wrong one is refused with the forms that work. */
  static final class TimeConverter implements ITypeConverter<Instant> {
    @Override
    public Instant convert(String value) {
      try {
        return TimeArgument.parse(value);
      } catch (IllegalArgumentException e) {
        throw new TypeConversionException(e.getMessage());
      }
    }
  }
}
