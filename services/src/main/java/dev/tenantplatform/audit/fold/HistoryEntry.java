package dev.tenantplatform.audit.fold;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tenantplatform.events.Action;
import dev.tenantplatform.events.ClusterSpec;
import dev.tenantplatform.events.EventType;
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

  /**
   * A lifecycle event as the log holds it, kept as text rather than as a JSON tree: a replay holds every event of
   * its window until the report is written, and a handful of strings weigh far less than a tree per event.
   *
   * @param data the event's data, without the chain fields, as JSON with its keys sorted
   * @param detail what the event says, in one line
   */
  record Event(RecordRef ref, Instant time, EventType type, long sequence, String requestId, String id,
      String previousHash, String hash, String data, String detail) implements HistoryEntry {
    public Event {
      Objects.requireNonNull(ref, "ref");
      Objects.requireNonNull(time, "time");
      Objects.requireNonNull(type, "type");
    }

    /** {@code event}, read at {@code ref}. */
    public static Event of(RecordRef ref, TenantEvent event) {
      return of(ref, event, event.data(), event.dataJson());
    }

    /**
     * {@code event}, read at {@code ref}, with what was already made of it: {@code data} its
     * {@link TenantEvent#data()}, read only, and {@code dataJson} its {@link TenantEvent#dataJson()}.
     */
    static Event of(RecordRef ref, TenantEvent event, ObjectNode data, String dataJson) {
      return new Event(ref, event.time(), event.type(), event.sequence(), event.requestId(), event.id(),
          event.previousHash(), event.hash(), dataJson, EntryText.event(event.type(), data));
    }
  }

  /**
   * Someone read the tenant's kubeconfig through the API (the record holds who and when, never the content).
   *
   * @param requestId the read record's own id
   * @param scope {@code admin} or {@code tenant}
   */
  record KubeconfigRead(Instant time, RecordRef ref, String requestId, String readBy, String scope)
      implements HistoryEntry {
    public KubeconfigRead {
      Objects.requireNonNull(time, "time");
      Objects.requireNonNull(ref, "ref");
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
