package dev.tenantplatform.audit.fold;

import dev.tenantplatform.events.ChainBreak;
import java.time.Instant;
import java.util.Comparator;
import java.util.Objects;

/**
 * Something a verification found wrong, pinned to the record that shows it.
 *
 * @param kind what is wrong
 * @param tenant whose chain, or null when an unreadable record names no tenant
 * @param sequence the event the finding is about (for a gap: the first missing one); 0 when unknown
 * @param record the first bad record: the one an auditor fetches to see the damage
 * @param recordTime that record's timestamp
 * @param message what is wrong, in words an auditor can act on
 */
public record Finding(Kind kind, String tenant, long sequence, RecordRef record, Instant recordTime,
    String message) {

  /** Findings in log time, then by where they are: the same findings always come in the same order. */
  public static final Comparator<Finding> ORDER = Comparator.comparing(Finding::recordTime)
      .thenComparing(Finding::record);

  /** What a verification can find: the chain's breaks ({@link ChainBreak.Kind}), and unreadable records. */
  public enum Kind {
    CHANGED, BROKEN_LINK, GAP, DUPLICATE, REORDERED, FORK,
    /** A record on the events topic that is no lifecycle event: altered past reading, or foreign. */
    UNREADABLE;

    static Kind of(ChainBreak.Kind kind) {
      return valueOf(kind.name());
    }
  }

  public Finding {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(record, "record");
    Objects.requireNonNull(recordTime, "recordTime");
    Objects.requireNonNull(message, "message");
  }

  /** {@code GAP at tenant.events-1@17 (acme, event 3): …}. */
  @Override
  public String toString() {
    return kind + " at " + record + " (" + (tenant == null ? "no tenant" : tenant)
        + (sequence > 0 ? ", event " + sequence : "") + "): " + message;
  }
}
