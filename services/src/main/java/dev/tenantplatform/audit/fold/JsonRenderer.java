package dev.tenantplatform.audit.fold;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.tenantplatform.events.ClusterSpec;
import dev.tenantplatform.events.HashChain;
import java.io.IOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.time.Instant;

/**
 * The report as one JSON document for programs ({@code jq}), written as it goes rather than built in memory.
 * Keys come in a fixed order, indentation is two spaces and lines end with {@code \n} whatever the platform,
 * decimals are plain, times are UTC with milliseconds: the same report gives the same bytes.
 */
final class JsonRenderer {

  private static final ObjectMapper JSON = JsonMapper.builder()
      .enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
      .disable(StreamWriteFeature.AUTO_CLOSE_TARGET)
      .build();

  private final JsonGenerator out;

  private JsonRenderer(JsonGenerator out) {
    this.out = out;
  }

  static void render(AuditReport report, Writer writer) throws IOException {
    DefaultIndenter indenter = new DefaultIndenter("  ", "\n");
    try (JsonGenerator generator = JSON.createGenerator(writer)) {
      generator.setPrettyPrinter(new DefaultPrettyPrinter(Separators.createDefaultInstance()
          .withObjectFieldValueSpacing(Separators.Spacing.AFTER))
          .withObjectIndenter(indenter).withArrayIndenter(indenter));
      new JsonRenderer(generator).report(report);
      generator.writeRaw('\n');
    }
  }

  private void report(AuditReport report) throws IOException {
    out.writeStartObject();
    query(report.query());
    AuditReport.Totals totals = report.totals();
    out.writeObjectFieldStart("totals");
    out.writeNumberField("records", totals.records());
    out.writeNumberField("requests", totals.requests());
    out.writeNumberField("events", totals.events());
    out.writeNumberField("deadLetters", totals.deadLetters());
    out.writeNumberField("unreadable", totals.unreadable());
    out.writeEndObject();
    verification(report.verification());
    out.writeArrayFieldStart("tenants");
    for (TenantHistory tenant : report.tenants()) {
      tenant(tenant, report.query().isPointInTime());
    }
    out.writeEndArray();
    if (!report.query().isPointInTime()) {
      out.writeArrayFieldStart("unattributed");
      for (HistoryEntry entry : report.unattributed()) {
        entry(entry);
      }
      out.writeEndArray();
    }
    out.writeEndObject();
  }

  private void query(AuditQuery query) throws IOException {
    out.writeObjectFieldStart("replay");
    out.writeObjectFieldStart("topics");
    out.writeStringField("requests", query.topics().requests());
    out.writeStringField("events", query.topics().events());
    out.writeStringField("deadLetters", query.topics().deadLetters());
    out.writeEndObject();
    time("from", query.window().from());
    time("to", query.window().to());
    time("at", query.at());
    out.writeStringField("tenant", query.tenant());
    out.writeBooleanField("verify", query.verify());
    out.writeEndObject();
  }

  private void verification(Verification v) throws IOException {
    out.writeObjectFieldStart("verification");
    out.writeBooleanField("performed", v.performed());
    if (v.performed()) {
      out.writeBooleanField("intact", v.intact());
      out.writeNumberField("eventsChecked", v.eventsChecked());
      out.writeNumberField("tenantsChecked", v.chains().size());
      out.writeNumberField("brokenTenants", v.brokenTenants());
      out.writeFieldName("firstBadRecord");
      finding(v.first().orElse(null));
      out.writeArrayFieldStart("findings");
      for (Finding finding : v.findings()) {
        finding(finding);
      }
      out.writeEndArray();
    }
    out.writeEndObject();
  }

  private void tenant(TenantHistory history, boolean pointInTime) throws IOException {
    TenantSnapshot s = history.snapshot();
    out.writeStartObject();
    out.writeStringField("tenant", history.tenant());
    out.writeStringField("state", s.state() == null ? null : s.state().label());
    out.writeNumberField("sequence", s.sequence());
    time("lastEventAt", s.lastEventAt());
    spec("spec", s.spec());
    out.writeObjectFieldStart("checks");
    out.writeBooleanField("controlPlaneReady", s.checks().controlPlaneReady());
    out.writeBooleanField("provisioned", s.checks().provisioned());
    out.writeBooleanField("workersReady", s.checks().workersReady());
    out.writeBooleanField("cniApplied", s.checks().cniApplied());
    out.writeEndObject();
    out.writeObjectFieldStart("durations");
    decimal("controlPlaneReadySeconds", s.durations().controlPlaneReady());
    decimal("provisionedSeconds", s.durations().provisioned());
    decimal("readySeconds", s.durations().ready());
    decimal("degradedSeconds", s.durations().degraded());
    out.writeNumberField("recoveries", s.durations().recoveries());
    out.writeEndObject();
    out.writeStringField("reason", s.reason());
    out.writeStringField("lastRejection", s.lastRejection());
    out.writeArrayFieldStart("kubeconfigReaders");
    for (KubeconfigReader reader : history.kubeconfigReaders()) {
      out.writeStartObject();
      out.writeStringField("readBy", reader.readBy());
      out.writeStringField("scope", reader.scope());
      out.writeNumberField("reads", reader.reads());
      time("first", reader.first());
      time("last", reader.last());
      out.writeEndObject();
    }
    out.writeEndArray();
    chain(history.chain());
    if (!pointInTime) {
      out.writeArrayFieldStart("history");
      for (HistoryEntry entry : history.entries()) {
        entry(entry);
      }
      out.writeEndArray();
    }
    out.writeEndObject();
  }

  private void chain(TenantChain chain) throws IOException {
    if (chain == null) {
      return;
    }
    out.writeObjectFieldStart("chain");
    out.writeBooleanField("intact", chain.intact());
    out.writeNumberField("events", chain.events());
    out.writeNumberField("first", chain.first());
    out.writeNumberField("last", chain.last());
    out.writeFieldName("finding");
    finding(chain.finding());
    out.writeEndObject();
  }

  private void entry(HistoryEntry entry) throws IOException {
    out.writeStartObject();
    time("time", entry.time());
    out.writeStringField("kind", EntryText.kind(entry));
    out.writeStringField("what", EntryText.what(entry));
    out.writeStringField("requestId", entry.requestId());
    if (entry instanceof HistoryEntry.Request r) {
      out.writeStringField("requestedBy", r.requestedBy());
      spec("cluster", r.cluster());
      out.writeStringField("source", r.source());
    } else if (entry instanceof HistoryEntry.Event e) {
      out.writeNumberField("sequence", e.sequence());
      out.writeStringField("id", e.id());
      out.writeStringField("previousHash", e.previousHash());
      out.writeStringField("hash", e.hash());
      out.writeFieldName("data");
      out.writeRawValue(e.data());
    } else if (entry instanceof HistoryEntry.KubeconfigRead r) {
      out.writeStringField("readBy", r.readBy());
      out.writeStringField("scope", r.scope());
    } else if (entry instanceof HistoryEntry.DeadLetter d) {
      out.writeStringField("reasonCode", d.reasonCode());
      out.writeStringField("reason", d.reason());
      out.writeStringField("source", d.source());
    } else {
      out.writeStringField("reason", ((HistoryEntry.Unreadable) entry).reason());
    }
    out.writeStringField("detail", EntryText.detail(entry));
    record(entry.ref());
    out.writeEndObject();
  }

  private void finding(Finding finding) throws IOException {
    if (finding == null) {
      out.writeNull();
      return;
    }
    out.writeStartObject();
    out.writeStringField("kind", finding.kind().name());
    out.writeStringField("tenant", finding.tenant());
    out.writeNumberField("sequence", finding.sequence());
    record(finding.record());
    time("recordTime", finding.recordTime());
    out.writeStringField("message", finding.message());
    out.writeEndObject();
  }

  private void record(RecordRef ref) throws IOException {
    out.writeObjectFieldStart("record");
    out.writeStringField("topic", ref.topic());
    out.writeNumberField("partition", ref.partition());
    out.writeNumberField("offset", ref.offset());
    out.writeEndObject();
  }

  private void spec(String name, ClusterSpec spec) throws IOException {
    out.writeFieldName(name);
    if (spec == null) {
      out.writeNull();
      return;
    }
    out.writeStartObject();
    text("version", spec.version());
    number("controlPlaneReplicas", spec.controlPlaneReplicas());
    number("workers", spec.workers());
    text("cni", spec.cni());
    text("persistence", spec.persistence());
    text("serviceType", spec.serviceType());
    text("infrastructure", spec.infrastructure());
    out.writeEndObject();
  }

  /** A spec's field, left out when the spec leaves it out. */
  private void text(String name, String value) throws IOException {
    if (value != null) {
      out.writeStringField(name, value);
    }
  }

  private void number(String name, Integer value) throws IOException {
    if (value != null) {
      out.writeNumberField(name, value);
    }
  }

  private void time(String name, Instant time) throws IOException {
    out.writeStringField(name, time == null ? null : HashChain.formatTime(time));
  }

  private void decimal(String name, BigDecimal value) throws IOException {
    out.writeFieldName(name);
    if (value == null) {
      out.writeNull();
    } else {
      out.writeNumber(value);
    }
  }
}
