package dev.tenantplatform.audit.fold;

import java.util.Comparator;
import java.util.Objects;

/**
 * Where a record is in the log: what an auditor needs to fetch it again ({@code kcat -t TOPIC -p PARTITION
 * -o OFFSET -c 1}). Written {@code tenant.events-1@17}, as {@code Topic.recordId} writes it.
 */
public record RecordRef(String topic, int partition, long offset) implements Comparable<RecordRef> {

  private static final Comparator<RecordRef> ORDER = Comparator.comparing(RecordRef::topic)
      .thenComparingInt(RecordRef::partition)
      .thenComparingLong(RecordRef::offset);

  public RecordRef {
    Objects.requireNonNull(topic, "topic");
  }

  @Override
  public int compareTo(RecordRef other) {
    return ORDER.compare(this, other);
  }

  @Override
  public String toString() {
    return topic + "-" + partition + "@" + offset;
  }
}
