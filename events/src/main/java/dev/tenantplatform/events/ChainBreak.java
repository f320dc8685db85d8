package dev.tenantplatform.events;

import java.util.Objects;

/**
 * The first place where a tenant's event log stops being the chain it should be.
 *
 * @param kind what went wrong
 * @param tenant whose chain
 * @param sequence the sequence the break is about (for a gap: the first missing one)
 * @param position the index, from 0, of the record that shows the break in the stream that was verified
 * @param message what went wrong, naming the events, in words an auditor can act on
 */
public record ChainBreak(Kind kind, String tenant, long sequence, long position, String message) {

  /** What can go wrong with a chain. */
  public enum Kind {
    /** The event's stored hash does not match its content (or its id does not match tenant and sequence). */
    CHANGED,
    /** The event is intact but its previousHash is not the hash of the event before it. */
    BROKEN_LINK,
    /** A sequence number is missing: events were lost. */
    GAP,
    /** The same event appears twice. */
    DUPLICATE,
    /** An event comes after one with a higher sequence. */
    REORDERED,
    /** Two different events carry the same sequence: two writers extended the chain. */
    FORK
  }

  public ChainBreak {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(message, "message");
  }

  @Override
  public String toString() {
    return kind + " at " + tenant + "#" + sequence + " (record " + position + "): " + message;
  }
}
