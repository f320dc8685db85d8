package dev.tenantplatform.provisioner;

import dev.tenantplatform.support.OffsetTracker;
import io.vertx.kafka.client.common.TopicPartition;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The records an instance holds, and whether it may take more: at most {@code max} run at once, the others wait
 * here in arrival order; a partition is to be paused while the instance is full or the partition holds
 * {@code maxPerPartition}. Records wait only when the consumer had fetched them before the pause took effect, so
 * with {@code max.poll.records} at {@code max} at most twice {@code max} records are held. Not thread-safe: one
 * verticle's context uses it.
 *
 * @param <R> the record
 */
final class InFlight<R> {

  /** A record held, with where it came from. */
  record Held<R>(TopicPartition partition, long offset, R record) {
  }

  private final int max;
  private final int maxPerPartition;
  private final Map<TopicPartition, OffsetTracker> trackers = new HashMap<>();
  private final Map<TopicPartition, Integer> runningPerPartition = new HashMap<>();
  private final Deque<Held<R>> waiting = new ArrayDeque<>();
  /** Partitions being handed over: their records are held, so the commit stays below them, but not started. */
  private final Set<TopicPartition> leaving = new HashSet<>();
  private int running;

  InFlight(int max, int maxPerPartition) {
    this.max = max;
    this.maxPerPartition = maxPerPartition;
  }

  void assigned(Set<TopicPartition> partitions) {
    partitions.forEach(p -> trackers.putIfAbsent(p, new OffsetTracker()));
  }

  boolean owns(TopicPartition partition) {
    return trackers.containsKey(partition);
  }

  Set<TopicPartition> partitions() {
    return Set.copyOf(trackers.keySet());
  }

  /** Takes a record in; answers whether it may start now (else it waits for {@link #next()}). */
  boolean arrived(Held<R> held) {
    trackers.get(held.partition()).started(held.offset());
    if (running < max && waiting.isEmpty() && !leaving.contains(held.partition())) {
      start(held.partition());
      return true;
    }
    waiting.addLast(held);
    return false;
  }

  /** The next waiting record that may start now, if any; records of partitions given up are dropped. */
  Held<R> next() {
    waiting.removeIf(held -> !owns(held.partition()));
    if (running >= max) {
      return null;
    }
    for (var it = waiting.iterator(); it.hasNext(); ) {
      Held<R> held = it.next();
      if (!leaving.contains(held.partition())) {
        it.remove();
        start(held.partition());
        return held;
      }
    }
    return null;
  }

  /** Stops starting records of these partitions: they are about to be handed over. */
  void leaving(Set<TopicPartition> partitions) {
    leaving.addAll(partitions);
  }

  /**
   * A started record is done; answers the offset to commit for its partition, or -1 when the commit does not move
   * or the partition has been given up meanwhile.
   */
  long finished(Held<R> held) {
    running--;
    runningPerPartition.computeIfPresent(held.partition(), (p, n) -> n <= 1 ? null : n - 1);
    OffsetTracker tracker = trackers.get(held.partition());
    return tracker == null ? -1 : tracker.finished(held.offset());
  }

  /** Whether the partition's consumption should be paused now. */
  boolean full(TopicPartition partition) {
    OffsetTracker tracker = trackers.get(partition);
    return running + waiting.size() >= max || tracker != null && tracker.inFlight() >= maxPerPartition;
  }

  int running() {
    return running;
  }

  int running(Set<TopicPartition> partitions) {
    return partitions.stream().mapToInt(p -> runningPerPartition.getOrDefault(p, 0)).sum();
  }

  /**
   * Gives partitions up: their waiting records are dropped (the next owner reads them again) and the offsets to
   * commit for them are answered, each past what has finished and below what has not.
   */
  Map<TopicPartition, Long> release(Set<TopicPartition> partitions) {
    Map<TopicPartition, Long> offsets = new HashMap<>();
    for (TopicPartition partition : new HashSet<>(partitions)) {
      OffsetTracker tracker = trackers.remove(partition);
      if (tracker != null && tracker.next() >= 0) {
        offsets.put(partition, tracker.next());
      }
    }
    waiting.removeIf(held -> partitions.contains(held.partition()));
    leaving.removeAll(partitions);
    return offsets;
  }

  private void start(TopicPartition partition) {
    running++;
    runningPerPartition.merge(partition, 1, Integer::sum);
  }
}
