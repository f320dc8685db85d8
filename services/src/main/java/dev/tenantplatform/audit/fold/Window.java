package dev.tenantplatform.audit.fold;

import dev.tenantplatform.events.HashChain;
import java.time.Instant;

/**
 * The stretch of the log a replay covers, by record timestamp (the broker's clock or the producer's, what
 * offsets-for-times searches), both ends included; an open end is the start or the end of the log.
 *
 * @param from the first instant covered, or null for the start of the log
 * @param to the last instant covered, or null for the end of the log as it was when the replay began
 */
public record Window(Instant from, Instant to) {

  /** The whole log. */
  public static final Window WHOLE_LOG = new Window(null, null);

  public Window {
    if (from != null && to != null && to.isBefore(from)) {
      throw new IllegalArgumentException("the window ends (" + HashChain.formatTime(to) + ") before it starts ("
          + HashChain.formatTime(from) + "): give --to a time after --from");
    }
  }

  /** Whether a record stamped {@code timestamp} (milliseconds since the epoch) is inside. */
  public boolean contains(long timestamp) {
    return (from == null || timestamp >= from.toEpochMilli()) && (to == null || timestamp <= to.toEpochMilli());
  }

  /** Whether the window starts after the start of the log: chains then start inside it, not at their genesis. */
  public boolean startsLate() {
    return from != null;
  }

  @Override
  public String toString() {
    return (from == null ? "start of log" : HashChain.formatTime(from)) + " .. "
        + (to == null ? "end of log" : HashChain.formatTime(to));
  }
}
