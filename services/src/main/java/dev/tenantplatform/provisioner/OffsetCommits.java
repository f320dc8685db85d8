package dev.tenantplatform.provisioner;

import io.vertx.core.Future;
import io.vertx.kafka.client.common.TopicPartition;
import io.vertx.kafka.client.consumer.OffsetAndMetadata;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The provisioner's offset commits, one at a time: while one is on its way the offsets that become committable
 * wait, and the next commit carries the latest of each partition. A commit costs the broker a write to its
 * offsets log, and a later offset covers the earlier ones, so tenants finishing together share one. Used on the
 * verticle's context only.
 */
final class OffsetCommits {

  private static final Logger LOG = LoggerFactory.getLogger(OffsetCommits.class);

  private final Function<Map<TopicPartition, OffsetAndMetadata>, Future<?>> commit;
  private final Map<TopicPartition, Long> waiting = new HashMap<>();
  private boolean committing;

  /** @param commit sends one commit; its future completes with the broker's answer */
  OffsetCommits(Function<Map<TopicPartition, OffsetAndMetadata>, Future<?>> commit) {
    this.commit = commit;
  }

  /** Commits {@code partition} up to {@code offset} (the next record to read), now or with the next commit. */
  void commit(TopicPartition partition, long offset) {
    waiting.merge(partition, offset, Math::max);
    if (!committing) {
      next();
    }
  }

  /** Drops what waits for partitions handed over: their new owner commits them from now on. */
  void forget(Set<TopicPartition> partitions) {
    waiting.keySet().removeAll(partitions);
  }

  private void next() {
    if (waiting.isEmpty()) {
      committing = false;
      return;
    }
    Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
    waiting.forEach((partition, offset) -> offsets.put(partition, new OffsetAndMetadata(offset, "")));
    waiting.clear();
    committing = true;
    commit.apply(offsets).onComplete(done -> {
      if (done.failed()) {
        LOG.warn("commit of {} failed, a later commit covers it: {}", offsets, done.cause().toString());
      }
      next();
    });
  }
}
