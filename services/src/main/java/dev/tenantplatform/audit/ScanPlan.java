package dev.tenantplatform.audit;

import java.util.Map;
import org.apache.kafka.common.TopicPartition;

/**
 * What a {@link LogScan} will read: per partition, the offsets from the window's first record to just past its
 * last.
 *
 * @param ranges per partition of the topics read
 */
public record ScanPlan(Map<TopicPartition, Range> ranges) {

  public ScanPlan {
    ranges = Map.copyOf(ranges);
  }

  /** How many records at most: offsets, which transaction markers may leave unused. */
  public long records() {
    return ranges.values().stream().mapToLong(r -> r.end() - r.start()).sum();
  }

  /**
   * The offsets of one partition.
   *
   * @param start the first offset read
   * @param end the offset after the last one read
   */
  public record Range(long start, long end) {

    public Range {
      if (end < start) {
        throw new IllegalArgumentException("range ends at " + end + " before it starts at " + start);
      }
    }

    public boolean isEmpty() {
      return start == end;
    }
  }
}
