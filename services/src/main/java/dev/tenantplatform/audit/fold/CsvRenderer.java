package dev.tenantplatform.audit.fold;

import dev.tenantplatform.events.ClusterSpec;
import dev.tenantplatform.events.HashChain;
import java.io.IOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.stream.Collectors;
import java.util.Map;

/**
 * The report as CSV for spreadsheets: a header row, then one row per history entry (tenants sorted, records
 * that name no tenant last, with an empty tenant), the verification's finding on the row of the bad record.
 * A point-in-time replay has one row per tenant instead. Fields are quoted as RFC 4180 says (when they hold a
 * comma, a quote or a line break); rows end with {@code \n}.
 */
final class CsvRenderer {

  static final List<String> HISTORY_COLUMNS = List.of("tenant", "time", "kind", "what", "sequence",
      "request_id", "detail", "topic", "partition", "offset", "finding");
  static final List<String> SNAPSHOT_COLUMNS = List.of("tenant", "state", "sequence", "last_event_at", "version",
      "control_plane_replicas", "workers", "cni", "persistence", "service_type", "infrastructure",
      "control_plane_ready", "provisioned", "workers_ready", "cni_applied", "control_plane_ready_seconds",
      "provisioned_seconds", "ready_seconds", "degraded_seconds", "recoveries", "reason", "last_rejection",
      "chain", "kubeconfig_readers");

  private final Writer out;

  private CsvRenderer(Writer out) {
    this.out = out;
  }

  static void render(AuditReport report, Writer out) throws IOException {
    CsvRenderer csv = new CsvRenderer(out);
    if (report.query().isPointInTime()) {
      csv.snapshots(report);
    } else {
      csv.histories(report);
    }
  }

  private void histories(AuditReport report) throws IOException {
    row(HISTORY_COLUMNS);
    Map<RecordRef, Finding> findings = new HashMap<>();
    report.verification().findings().forEach(f -> findings.putIfAbsent(f.record(), f));
    for (TenantHistory tenant : report.tenants()) {
      for (HistoryEntry entry : tenant.entries()) {
        entry(tenant.tenant(), entry, findings.get(entry.ref()));
      }
    }
    for (HistoryEntry entry : report.unattributed()) {
      entry("", entry, findings.get(entry.ref()));
    }
  }

  private void entry(String tenant, HistoryEntry entry, Finding finding) throws IOException {
    RecordRef ref = entry.ref();
    row(List.of(tenant, HashChain.formatTime(entry.time()), EntryText.kind(entry), EntryText.what(entry),
        entry instanceof HistoryEntry.Event ? EntryText.sequence(entry) : "", orEmpty(entry.requestId()),
        EntryText.detail(entry), ref.topic(), Integer.toString(ref.partition()), Long.toString(ref.offset()),
        finding == null ? "" : finding.kind() + ": " + finding.message()));
  }

  private void snapshots(AuditReport report) throws IOException {
    row(SNAPSHOT_COLUMNS);
    for (TenantHistory tenant : report.tenants()) {
      TenantSnapshot s = tenant.snapshot();
      ClusterSpec spec = s.spec() == null ? ClusterSpec.UNCHANGED : s.spec();
      List<String> cells = new ArrayList<>(List.of(tenant.tenant(), s.state() == null ? "" : s.state().label(),
          Long.toString(s.sequence()), s.lastEventAt() == null ? "" : HashChain.formatTime(s.lastEventAt()),
          orEmpty(spec.version()), orEmpty(spec.controlPlaneReplicas()), orEmpty(spec.workers()),
          orEmpty(spec.cni()), orEmpty(spec.persistence()), orEmpty(spec.serviceType()),
          orEmpty(spec.infrastructure())));
      Checks checks = s.checks();
      cells.addAll(List.of(Boolean.toString(checks.controlPlaneReady()), Boolean.toString(checks.provisioned()),
          Boolean.toString(checks.workersReady()), Boolean.toString(checks.cniApplied())));
      Durations d = s.durations();
      cells.addAll(List.of(plain(d.controlPlaneReady()), plain(d.provisioned()), plain(d.ready()),
          plain(d.degraded()), Integer.toString(d.recoveries()), orEmpty(s.reason()), orEmpty(s.lastRejection()),
          chain(tenant.chain(), report.verification().performed()),
          tenant.kubeconfigReaders().stream().map(KubeconfigReader::describe).collect(Collectors.joining("; "))));
      row(cells);
    }
  }

  private static String chain(TenantChain chain, boolean verified) {
    if (!verified) {
      return "";
    }
    if (chain == null) {
      return "no events";
    }
    return chain.intact() ? "intact" : chain.finding().kind() + " at " + chain.finding().record();
  }

  private void row(List<String> cells) throws IOException {
    for (int i = 0; i < cells.size(); i++) {
      if (i > 0) {
        out.write(',');
      }
      out.write(quote(cells.get(i)));
    }
    out.write('\n');
  }

  /** RFC 4180: a field with a comma, a quote or a line break is quoted, and its quotes doubled. */
  static String quote(String cell) {
    for (int i = 0; i < cell.length(); i++) {
      char c = cell.charAt(i);
      if (c == ',' || c == '"' || c == '\n' || c == '\r') {
        return '"' + cell.replace("\"", "\"\"") + '"';
      }
    }
    return cell;
  }

  /** Seconds to the millisecond, as the events measure them: {@code 7.250}. */
  private static String plain(BigDecimal value) {
    return value == null ? "" : value.setScale(3, RoundingMode.HALF_UP).toPlainString();
  }

  private static String orEmpty(Object value) {
    return value == null ? "" : value.toString();
  }
}
