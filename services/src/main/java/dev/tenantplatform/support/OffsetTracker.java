package dev.tenantplatform.support;

import java.util.TreeSet;

/**
 * Which offset of one partition may be committed when records finish out of order (one tenant's slow
 * delete must not hold back the other tenants of its partition): everything below the oldest record still
 * in flight. A crash then redelivers only records that had not finished, plus some that had, which the
 * consumers handle idempotently.
 */
public final class OffsetTracker {

  private final TreeSet<Long> inFlight = new TreeSet<>();
  private long highestSeen = -1;
  private long committable = -1;

  /** A record taken in. */
  public void started(long offset) {
    inFlight.add(offset);
    if (committable < 0) {
      committable = offset;
    }
    highestSeen = Math.max(highestSeen, offset);
  }

  /**
   * A record done; returns the offset to commit (the next one to read, as Kafka expects) when it moved,
   * or -1 when it did not.
   */
  public long finished(long offset) {
    inFlight.remove(offset);
    long next = inFlight.isEmpty() ? highestSeen + 1 : inFlight.first();
    if (next > committable) {
      committable = next;
      return next;
    }
    return -1;
  }

  /** The offset to commit when the partition is given up now (the next one to read), or -1 when none was seen. */
  public long next() {
    if (highestSeen < 0) {
      return -1;
    }
    return inFlight.isEmpty() ? highestSeen + 1 : inFlight.first();
  }

  public int inFlight() {
    return inFlight.size();
  }
}
