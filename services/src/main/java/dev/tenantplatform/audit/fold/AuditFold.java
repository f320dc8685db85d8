package dev.tenantplatform.audit.fold;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tenantplatform.events.ChainVerifier;
import dev.tenantplatform.events.CloudEventCodec;
import dev.tenantplatform.events.CodecException;
import dev.tenantplatform.events.KubeconfigRead;
import dev.tenantplatform.events.RequestEnvelope;
import dev.tenantplatform.events.RequestRecord;
import dev.tenantplatform.events.RequestValidator;
import dev.tenantplatform.events.TenantEvent;
import dev.tenantplatform.events.TenantRequest;
import dev.tenantplatform.events.Topics;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The replay's fold: records of the requests, events and dead-letter topics in, an {@link AuditReport} out.
 * Pure: no clock, no I/O; records may come in any interleaving of partitions (a tenant's records share one
 * partition, keyed by its name), and the same records give an equal report.
 *
 * <p>Records outside the query's window or of another tenant are passed over, so folding a whole log with a
 * window gives the report of a replay that read only that window.
 *
 * <p>Not thread-safe: feed it from one thread, then call {@link #report()} once.
 */
public final class AuditFold {

  private static final Comparator<HistoryEntry> BY_TIME = Comparator.comparing(HistoryEntry::time)
      .thenComparing(HistoryEntry::ref);

  private final AuditQuery query;
  private final CloudEventCodec codec = new CloudEventCodec();
  /** Sorted only once, for the report: a replay looks a tenant up for every record. */
  private final Map<String, TenantLog> tenants = new HashMap<>();
  private final List<HistoryEntry> unattributed = new ArrayList<>();
  private final ChainCheck check;
  private long requests;
  private long events;
  private long deadLetters;
  private long unreadable;

  public AuditFold(AuditQuery query) {
    this.query = Objects.requireNonNull(query, "query");
    this.check = query.verify() ? new ChainCheck(query.window().startsLate()) : null;
  }

  /** Folds in the next record; records of topics other than the query's three are passed over. */
  public void accept(LogRecord record) {
    fold(record, decode(record));
  }

  /** Folds in {@code batch}, in its order, as {@link #accept} would one by one. */
  public void acceptAll(List<LogRecord> batch) {
    for (LogRecord record : batch) {
      accept(record);
    }
  }

  /** The report of every record folded in so far. */
  public AuditReport report() {
    return report(List.of(this));
  }

  /**
   * The report of {@code shares}, folds of the same query that each took some partitions of the log: the report
   * one fold of every record gives, byte for byte, since a tenant's events all sit in one partition (they are
   * keyed by tenant) and so in one share. What else a tenant has — requests, reads, dead letters, placed by time
   * — may sit in other shares; it is gathered here. A tenant whose events were spread over partitions has no
   * log order to check: each share checks its part, and the first finding stands.
   *
   * <p>Call it once, after the last record: it takes the shares' contents over.
   */
  public static AuditReport report(List<AuditFold> shares) {
    AuditQuery query = shares.get(0).query;
    Map<String, TenantLog> tenants = new TreeMap<>();
    List<HistoryEntry> unattributed = new ArrayList<>();
    List<Verification> checks = new ArrayList<>();
    long[] totals = new long[4];
    for (AuditFold share : shares) {
      if (!share.query.equals(query)) {
        throw new IllegalArgumentException("shares of one report fold one query: " + share.query + " is not "
            + query);
      }
      share.tenants.forEach((name, log) -> tenants.merge(name, log, TenantLog::absorb));
      unattributed.addAll(share.unattributed);
      if (share.check != null) {
        checks.add(share.check.finish());
      }
      totals[0] += share.requests;
      totals[1] += share.events;
      totals[2] += share.deadLetters;
      totals[3] += share.unreadable;
    }
    Verification verification = checks.isEmpty() ? Verification.NOT_PERFORMED : ChainCheck.merge(checks);
    // Each tenant's entries are sorted on its own: on every core, in the tenants' order.
    List<TenantHistory> histories = new ArrayList<>(tenants.entrySet()).parallelStream()
        .map(tenant -> tenant.getValue().history(tenant.getKey(), verification))
        .toList();
    return new AuditReport(query, histories, unattributed.stream().sorted(BY_TIME).toList(), verification,
        new AuditReport.Totals(totals[0], totals[1], totals[2], totals[3]));
  }

  /** What a record holds, read: the costly part of folding it, and free of any state of the fold. */
  private Decoded decode(LogRecord record) {
    String topic = record.topic();
    boolean events = topic.equals(query.topics().events());
    if (!query.window().contains(record.timestamp()) || !events && !topic.equals(query.topics().requests())) {
      return Decoded.NOTHING;
    }
    try {
      if (!events) {
        return new Decoded(null, codec.decodeRequestRecord(record.value()), null, null, null);
      }
      TenantEvent event = codec.decodeEvent(record.value());
      if (check == null) {
        return new Decoded(event, null, null, null, query.isPointInTime() ? null : event.dataJson());
      }
      // The event's own check writes its data's text on the way: the history shows the same text.
      ChainVerifier.Check own = ChainVerifier.check(event);
      return new Decoded(event, null, null, own.alteration(), own.dataJson());
    } catch (CodecException e) {
      return new Decoded(null, null, e, null, null);
    }
  }

  private void fold(LogRecord record, Decoded decoded) {
    if (!query.window().contains(record.timestamp())) {
      return;
    }
    String topic = record.topic();
    if (topic.equals(query.topics().events())) {
      event(record, decoded);
    } else if (topic.equals(query.topics().requests())) {
      request(record, decoded);
    } else if (topic.equals(query.topics().deadLetters())) {
      deadLetter(record);
    }
  }

  private void event(LogRecord record, Decoded decoded) {
    if (decoded.refused() != null) {
      CodecException e = decoded.refused();
      String tenant = tenantOf(e.tenant().orElse(null), record.key());
      if (tenant == null ? query.tenant() == null : query.covers(tenant)) {
        unreadable++;
        if (check != null) {
          check.unreadable(record.ref(), timeOf(record), tenant, e.getMessage());
        }
        add(tenant, new HistoryEntry.Unreadable(timeOf(record), record.ref(), e.requestId().orElse(null), "event",
            e.getMessage()), true);
      }
      return;
    }
    TenantEvent event = decoded.event();
    if (!query.covers(event.tenant())) {
      return;
    }
    events++;
    if (check != null) {
      check.accept(event, decoded.alteration(), record.ref(), timeOf(record));
    }
    TenantLog log = log(event.tenant());
    // One copy of the data, read by both.
    ObjectNode data = event.data();
    log.snapshot = SnapshotFold.apply(log.snapshot, event, data);
    if (!query.isPointInTime()) {
      log.chained.add(HistoryEntry.Event.of(record.ref(), event, data, decoded.dataJson()));
    }
  }

  private void request(LogRecord record, Decoded decoded) {
    HistoryEntry entry;
    String tenant;
    if (decoded.request() instanceof KubeconfigRead read) {
      tenant = read.tenant();
      entry = new HistoryEntry.KubeconfigRead(read.time(), record.ref(), read.id(), read.readBy(), read.scope());
      if (query.covers(tenant)) {
        log(tenant).readers.merge(read.readBy() + " " + read.scope(), new KubeconfigReader(read.readBy(),
            read.scope(), 1, read.time(), read.time()), (known, added) -> known.again(read.time()));
      }
    } else if (decoded.refused() == null) {
      RequestEnvelope envelope = (RequestEnvelope) decoded.request();
      TenantRequest request = envelope.request();
      tenant = tenantOf(request.tenant(), record.key());
      entry = new HistoryEntry.Request(envelope.time() != null ? envelope.time() : timeOf(record), record.ref(),
          request.requestId(), request.action(), request.requestedBy(), request.cluster(),
          envelope.source().toString());
    } else {
      CodecException e = decoded.refused();
      tenant = tenantOf(e.tenant().orElse(null), record.key());
      entry = new HistoryEntry.Unreadable(timeOf(record), record.ref(), e.requestId().orElse(null), "request",
          e.getMessage());
    }
    if (tenant == null ? query.tenant() == null : query.covers(tenant)) {
      if (entry instanceof HistoryEntry.Unreadable) {
        unreadable++;
      } else {
        requests++;
      }
      add(tenant, entry, false);
    }
  }

  private void deadLetter(LogRecord record) {
    Map<String, String> headers = record.headers();
    String tenant = tenantOf(headers.get(Topics.DLQ_TENANT), record.key());
    if (tenant == null ? query.tenant() != null : !query.covers(tenant)) {
      return;
    }
    deadLetters++;
    String source = headers.containsKey(Topics.DLQ_SOURCE_TOPIC)
        ? headers.get(Topics.DLQ_SOURCE_TOPIC) + "-" + headers.getOrDefault(Topics.DLQ_SOURCE_PARTITION, "?") + "@"
            + headers.getOrDefault(Topics.DLQ_SOURCE_OFFSET, "?")
        : null;
    add(tenant, new HistoryEntry.DeadLetter(timeOf(record), record.ref(), headers.get(Topics.DLQ_REQUEST_ID),
        headers.get(Topics.DLQ_REASON_CODE), headers.get(Topics.DLQ_REASON), source), false);
  }

  private void add(String tenant, HistoryEntry entry, boolean chained) {
    if (query.isPointInTime()) {
      // A point in time shows where each tenant stood, not how it got there: the entries are not kept.
      if (tenant != null) {
        log(tenant);
      }
      return;
    }
    if (tenant == null) {
      unattributed.add(entry);
    } else if (chained) {
      log(tenant).chained.add(entry);
    } else {
      log(tenant).aside.add(entry);
    }
  }

  private TenantLog log(String tenant) {
    return tenants.computeIfAbsent(tenant, TenantLog::new);
  }

  /** The first of the names that can name a tenant, or null. */
  private static String tenantOf(String named, String key) {
    if (named != null && RequestValidator.isTenantName(named)) {
      return named;
    }
    return key != null && RequestValidator.isTenantName(key) ? key : null;
  }

  private static Instant timeOf(LogRecord record) {
    return Instant.ofEpochMilli(record.timestamp());
  }

  /**
   * A record read: an event (with its data's canonical text, when shown), a request, or why it could not be
   * read; all null for a dead letter.
   */
  private record Decoded(TenantEvent event, RequestRecord request, CodecException refused, String alteration,
      String dataJson) {
    static final Decoded NOTHING = new Decoded(null, null, null, null, null);
  }

  /** One tenant's entries while they are read. */
  private static final class TenantLog {
    /** Events and unreadable event records: in log order. */
    private final List<HistoryEntry> chained = new ArrayList<>();
    /** Requests, dead letters and unreadable requests: placed among the events by time. */
    private final List<HistoryEntry> aside = new ArrayList<>();
    /** Who read the kubeconfig, by subject and scope, sorted so that the report's bytes do not vary. */
    private final Map<String, KubeconfigReader> readers = new TreeMap<>();
    private TenantSnapshot snapshot;

    TenantLog(String tenant) {
      snapshot = TenantSnapshot.empty(tenant);
    }

    /** This log with what another share read of the same tenant. */
    TenantLog absorb(TenantLog other) {
      chained.addAll(other.chained);
      aside.addAll(other.aside);
      other.readers.forEach((key, reader) -> readers.merge(key, reader, KubeconfigReader::with));
      if (other.snapshot.sequence() > snapshot.sequence()) {
        snapshot = other.snapshot;
      }
      return this;
    }

    /** The tenant's history, as the report holds it. */
    TenantHistory history(String name, Verification verification) {
      return new TenantHistory(name, entries(), snapshot, verification.chains().get(name),
          List.copyOf(readers.values()));
    }

    /** Both lists merged: the chain keeps its log order, and what happened beside it goes where its time is. */
    List<HistoryEntry> entries() {
      List<HistoryEntry> log = chained.stream().sorted(Comparator.comparing(HistoryEntry::ref)).toList();
      List<HistoryEntry> side = aside.stream().sorted(BY_TIME).toList();
      List<HistoryEntry> merged = new ArrayList<>(log.size() + side.size());
      int i = 0;
      int j = 0;
      while (i < log.size() || j < side.size()) {
        boolean sideFirst = i == log.size()
            || j < side.size() && !side.get(j).time().isAfter(log.get(i).time());
        merged.add(sideFirst ? side.get(j++) : log.get(i++));
      }
      return merged;
    }
  }
}
