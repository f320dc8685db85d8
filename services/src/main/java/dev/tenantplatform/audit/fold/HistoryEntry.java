package dev.tenantplatform.audit.fold;

import dev.tenantplatform.events.Action;
import dev.tenantplatform.events.ClusterSpec;
import dev.tenantplatform.events.TenantEvent;
import java.time.Instant;
import java.util.Objects;

/** One line of a tenant's history: a request, an event, a dead letter, or a record that could not be read. */
public sealed interface HistoryEntry {

  /** When it happened: the request's or event's own time, else the record's timestamp. */
  Instant time();

  /** Where the record is. */
  RecordRef ref();

  /** The request it belongs to, or null when none could be read. */
  String requestId();

  /**
   * A request as it was asked.
   *
   * @param cluster what the request named, unresolved: fields left out are null
   * @param source the CloudEvent's source: which system produced the request
   */
  record Request(Instant time, RecordRef ref, String requestId, Action action, String requestedBy,
      ClusterSpec cluster, String source) implements HistoryEntry {
    public Request {
      Objects.requireNonNull(time, "time");
      Objects.requireNonNull(ref, "ref");
    }
  }

  /** A lifecycle event as the log holds it. */
  record Event(RecordRef ref, TenantEvent event) implements HistoryEntry {
    public Event {
      Objects.requireNonNull(ref, "ref");
      Objects.requireNonNull(event, "event");
    }

    @Override
    public Instant time() {
      return event.time();
    }

    @Override
    public String requestId() {
      return event.requestId();
    }
  }

  /**
   * A request the provisioner refused before it acted, from the dead-letter topic.
   *
   * @param reasonCode the closed-set reason ({@code invalid}, {@code not_json}, …)
   * @param reason why, in words
   * @param source where the refused record was: {@code tenant.requests-0@12}
   */
  record DeadLetter(Instant time, RecordRef ref, String requestId, String reasonCode, String reason,
      String source) implements HistoryEntry {
    public DeadLetter {
      Objects.requireNonNull(time, "time");
      Objects.requireNonNull(ref, "ref");
    }
  }

  /**
   * A record of the requests or events topic that is not what the topic carries.
   *
   * @param what what the record should have been: {@code request} or {@code event}
   * @param reason why it cannot be read
   */
  record Unreadable(Instant time, RecordRef ref, String requestId, String what, String reason)
      implements HistoryEntry {
    public Unreadable {
      Objects.requireNonNull(time, "time");
      Objects.requireNonNull(ref, "ref");
    }
  }
}
