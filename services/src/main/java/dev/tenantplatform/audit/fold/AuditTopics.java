package dev.tenantplatform.audit.fold;

import dev.tenantplatform.events.Topics;
import java.util.List;
import java.util.Objects;

/**
 * The three topics a replay reads. The platform's by default; other names let an auditor replay a copy of the
 * log (mirrored to another cluster, or restored under another name) without touching the original.
 *
 * @param requests where tenant requests are ({@code tenant.requests})
 * @param events where the lifecycle events are ({@code tenant.events})
 * @param deadLetters where refused requests are ({@code tenant.requests.dlq})
 */
public record AuditTopics(String requests, String events, String deadLetters) {

  /** The platform's own topics. */
  public static final AuditTopics PLATFORM =
      new AuditTopics(Topics.REQUESTS.name(), Topics.EVENTS.name(), Topics.DLQ.name());

  public AuditTopics {
    Objects.requireNonNull(requests, "requests");
    Objects.requireNonNull(events, "events");
    Objects.requireNonNull(deadLetters, "deadLetters");
    for (String name : List.of(requests, events, deadLetters)) {
      if (name.isBlank()) {
        throw new IllegalArgumentException("a topic name cannot be blank: name the requests, events and"
            + " dead-letter topics, or leave them out for the platform's");
      }
    }
    if (requests.equals(events) || requests.equals(deadLetters) || events.equals(deadLetters)) {
      throw new IllegalArgumentException("the requests (" + requests + "), events (" + events + ") and dead"
          + " letters (" + deadLetters + ") must be three different topics");
    }
  }

  /** The three names, requests first. */
  public List<String> all() {
    return List.of(requests, events, deadLetters);
  }
}
