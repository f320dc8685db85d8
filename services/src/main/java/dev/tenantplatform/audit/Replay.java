package dev.tenantplatform.audit;

import dev.tenantplatform.audit.fold.AuditQuery;
import dev.tenantplatform.audit.fold.AuditReport;
import dev.tenantplatform.audit.fold.ReportFormat;
import dev.tenantplatform.audit.fold.Verification;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * A replay, end to end: plans the window, reads it, folds it and writes the report. What the {@code replay}
 * command runs, and what an HTTP route runs on a worker thread with the response as the writer (the report is
 * written once the window has been read: tenants are sorted, so none can be written before all are known).
 *
 * <p>Blocking. Never produces, never commits, never touches Kubernetes.
 */
public final class Replay {

  /** How long Kafka may stay silent before a replay gives up. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

  private final String bootstrapServers;
  private final Duration timeout;

  public Replay(String bootstrapServers, Duration timeout) {
    this.bootstrapServers = Objects.requireNonNull(bootstrapServers, "bootstrapServers");
    this.timeout = Objects.requireNonNull(timeout, "timeout");
  }

  /**
   * Replays {@code query} and writes the report to {@code out} in {@code format}.
   *
   * @param progress where a person watches progress (stderr), or null for none
   */
  public Outcome run(AuditQuery query, ReportFormat format, Writer out, PrintWriter progress) {
    long started = System.nanoTime();
    Outcome read = read(query, progress);
    try {
      format.render(read.report(), out);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the report: " + e.getMessage(), e);
    }
    return new Outcome(read.report(), read.recordsRead(), Duration.ofNanos(System.nanoTime() - started));
  }

  /**
   * Plans the window of {@code query}, reads and folds it: the report, not yet written. What an HTTP answer
   * needs first, since the verdict goes in its headers.
   *
   * @param progress where a person watches progress (stderr), or null for none
   */
  public Outcome read(AuditQuery query, PrintWriter progress) {
    long started = System.nanoTime();
    long read;
    AuditReport report;
    try (LogScan scan = new LogScan(bootstrapServers, timeout)) {
      ScanPlan plan = scan.plan(query.topics().all(), query.window());
      ReplayProgress shown = progress == null ? null : ReplayProgress.onStderr(progress, plan.records());
      try (ParallelFold fold = new ParallelFold(query, ParallelFold.sharesFor(plan,
          Runtime.getRuntime().availableProcessors()))) {
        read = scan.read(plan, fold, shown == null ? count -> { } : shown);
        report = fold.report();
      } finally {
        if (shown != null) {
          shown.done();
        }
      }
    }
    return new Outcome(report, read, Duration.ofNanos(System.nanoTime() - started));
  }

  /**
   * What a replay did.
   *
   * @param report the report written
   * @param recordsRead how many records were read (including those of other tenants, when one was named)
   * @param took from planning to the last byte written
   */
  public record Outcome(AuditReport report, long recordsRead, Duration took) {

    /** Whether a verification was asked for and found something wrong. */
    public boolean broken() {
      return report.verification().performed() && !report.verification().intact();
    }

    /** One line for a person: what was read, how fast, and the verdict. */
    public String summary() {
      double seconds = Math.max(took.toNanos(), 1) / 1e9;
      String read = String.format(Locale.ROOT, "replayed %,d records of %s in %.1f s (%,.0f records/s): %d tenant%s",
          recordsRead, String.join(", ", report.query().topics().all()), seconds, recordsRead / seconds,
          report.tenants().size(), report.tenants().size() == 1 ? "" : "s");
      Verification v = report.verification();
      if (!v.performed()) {
        return read + "; chains not verified (--verify checks them)";
      }
      if (v.intact()) {
        return read + String.format(Locale.ROOT, "; verified %,d events: every chain intact", v.eventsChecked());
      }
      return read + String.format(Locale.ROOT, "; verified %,d events: BROKEN, %d finding%s, first bad record %s",
          v.eventsChecked(), v.findings().size(), v.findings().size() == 1 ? "" : "s", v.first().orElseThrow());
    }
  }
}
