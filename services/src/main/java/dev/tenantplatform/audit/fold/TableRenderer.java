package dev.tenantplatform.audit.fold;

import dev.tenantplatform.events.HashChain;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The report as text for a person: a header (what was replayed, how many records, the verification's
 * verdict), then one block per tenant, sorted by name, with its state and its history as aligned columns; a
 * bad record is followed by a line saying what is wrong with it. Columns are as wide as their widest cell in
 * the block, lines end with {@code \n}, times are UTC with milliseconds: the same report gives the same bytes.
 */
final class TableRenderer {

  private static final String TIME_HEADER = "TIME";
  private static final int TIME_WIDTH = 24;
  /** Tenants rendered at once: enough to keep every core busy, few enough to hold little text. */
  private static final int CHUNK = 2048;

  private final Writer out;

  private TableRenderer(Writer out) {
    this.out = out;
  }

  static void render(AuditReport report, Writer out) throws IOException {
    new TableRenderer(out).report(report);
  }

  private void report(AuditReport report) throws IOException {
    header(report);
    // Tenants' blocks are independent: a chunk of them is written on every core, then copied out in order.
    List<TenantHistory> tenants = report.tenants();
    for (int from = 0; from < tenants.size(); from += CHUNK) {
      List<String> blocks = tenants.subList(from, Math.min(tenants.size(), from + CHUNK)).parallelStream()
          .map(tenant -> block(report, tenant)).toList();
      for (String block : blocks) {
        out.write(block);
      }
    }
    if (!report.unattributed().isEmpty()) {
      line("");
      line("records that name no tenant");
      entries(report.unattributed(), findingsOf(report.verification().findings(), null));
    }
  }

  private void header(AuditReport report) throws IOException {
    AuditQuery query = report.query();
    line(query.isPointInTime() ? "tenant-platform replay at " + HashChain.formatTime(query.at())
        : "tenant-platform replay");
    field("topics", String.join(", ", query.topics().all()));
    if (!query.isPointInTime()) {
      field("window", query.window().toString());
    }
    field("tenant", query.tenant() == null ? "all (" + report.tenants().size() + ")" : query.tenant());
    AuditReport.Totals totals = report.totals();
    field("records", totals.records() + ": " + count(totals.requests(), "request") + ", "
        + count(totals.events(), "event") + ", " + count(totals.deadLetters(), "dead letter") + ", "
        + totals.unreadable() + " unreadable");
    field("verify", verdict(report.verification()));
  }

  static String verdict(Verification v) {
    if (!v.performed()) {
      return "not asked (--verify checks every chain)";
    }
    String checked = count(v.eventsChecked(), "event") + " of " + count(v.chains().size(), "tenant");
    if (v.intact()) {
      return "intact: " + checked + " checked, every chain whole";
    }
    Finding first = v.first().orElseThrow();
    return "BROKEN: " + v.findings().size() + " finding(s) in " + checked + "; first bad record " + first;
  }

  private void tenant(AuditReport report, TenantHistory history) throws IOException {
    TenantSnapshot s = history.snapshot();
    line(history.tenant() + "  " + s.stateLabel() + (s.sequence() > 0 ? "  (event " + s.sequence() + " at "
        + HashChain.formatTime(s.lastEventAt()) + ")" : ""));
    field("  spec", s.spec() == null ? "none accepted" + (report.query().window().startsLate()
        ? " in the window" : "") : EntryText.spec(s.spec()));
    field("  checks", s.checks().describe());
    field("  durations", EntryText.durations(s.durations()));
    if (s.reason() != null) {
      field("  reason", EntryText.oneLine(s.reason()));
    }
    if (s.lastRejection() != null) {
      field("  rejected", EntryText.oneLine(s.lastRejection()));
    }
    if (!history.kubeconfigReaders().isEmpty()) {
      field("  access", "kubeconfig read by " + history.kubeconfigReaders().stream()
          .map(KubeconfigReader::describe).collect(Collectors.joining("; ")));
    }
    if (report.verification().performed()) {
      field("  chain", chain(history.chain()));
    }
    if (!report.query().isPointInTime()) {
      entries(history.entries(), findingsOf(report.verification().findings(), history.tenant()));
    }
  }

  private static String block(AuditReport report, TenantHistory tenant) {
    StringWriter text = new StringWriter(4096);
    TableRenderer renderer = new TableRenderer(text);
    try {
      renderer.line("");
      renderer.tenant(report, tenant);
    } catch (IOException e) {
      throw new UncheckedIOException("a StringWriter does not fail", e);
    }
    return text.toString();
  }

  private static String chain(TenantChain chain) {
    if (chain == null) {
      return "no events";
    }
    String span = chain.events() + " events, " + chain.first() + ".." + chain.last()
        + (chain.anchored() ? " (from the window's first event)" : "");
    return chain.intact() ? "intact, " + span : "BROKEN, " + span + ": " + chain.finding();
  }

  private void entries(List<HistoryEntry> entries, Map<RecordRef, Finding> findings) throws IOException {
    int seq = "SEQ".length();
    int what = "WHAT".length();
    int request = "REQUEST".length();
    for (HistoryEntry entry : entries) {
      seq = Math.max(seq, EntryText.sequence(entry).length());
      what = Math.max(what, EntryText.what(entry).length());
      request = Math.max(request, orDash(entry.requestId()).length());
    }
    line("  " + pad(TIME_HEADER, TIME_WIDTH) + "  " + padLeft("SEQ", seq) + "  " + pad("WHAT", what) + "  "
        + pad("REQUEST", request) + "  DETAIL");
    for (HistoryEntry entry : entries) {
      line(("  " + HashChain.formatTime(entry.time()) + "  " + padLeft(EntryText.sequence(entry), seq) + "  "
          + pad(EntryText.what(entry), what) + "  " + pad(orDash(entry.requestId()), request) + "  "
          + EntryText.detail(entry)).stripTrailing());
      Finding finding = findings.get(entry.ref());
      if (finding != null) {
        line("  !! " + finding);
      }
    }
  }

  private static Map<RecordRef, Finding> findingsOf(List<Finding> findings, String tenant) {
    Map<RecordRef, Finding> byRecord = new HashMap<>();
    for (Finding finding : findings) {
      if (tenant == null ? finding.tenant() == null : tenant.equals(finding.tenant())) {
        byRecord.putIfAbsent(finding.record(), finding);
      }
    }
    return byRecord;
  }

  /** {@code 1 event}, {@code 2 events}. */
  static String count(long n, String noun) {
    return n + " " + noun + (n == 1 ? "" : "s");
  }

  private void field(String name, String value) throws IOException {
    line(pad(name, 12) + value);
  }

  private void line(String text) throws IOException {
    out.write(text);
    out.write('\n');
  }

  private static String orDash(String text) {
    return text == null ? "-" : EntryText.oneLine(text);
  }

  private static String pad(String text, int width) {
    return text.length() >= width ? text : text + " ".repeat(width - text.length());
  }

  private static String padLeft(String text, int width) {
    return text.length() >= width ? text : " ".repeat(width - text.length()) + text;
  }
}
