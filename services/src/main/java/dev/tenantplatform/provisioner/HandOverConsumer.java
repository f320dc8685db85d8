package dev.tenantplatform.provisioner;

import java.util.Collection;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Kafka consumer whose rebalances wait for the platform. Kafka runs a rebalance listener on the consumer's own
 * thread and moves the partitions on only when it returns, which is what one writer per tenant needs: the old
 * owner stops writing and commits before it lets a partition go, the new owner restores the chains before its
 * first record. vertx-kafka-client hands rebalances to a handler asynchronously, after Kafka has moved on, so
 * this consumer puts its own listener in front of the one Vert.x registers.
 */
final class HandOverConsumer extends KafkaConsumer<String, byte[]> {

  private static final Logger LOG = LoggerFactory.getLogger(HandOverConsumer.class);

  /** What the platform does on a rebalance; each call may block the consumer's thread, within bounds. */
  interface Rebalance {

    /** Stops work on these partitions and answers the offsets to commit before they go. */
    Map<TopicPartition, OffsetAndMetadata> revoking(Set<TopicPartition> partitions);

    /** Gets ready to write the tenants of these partitions; records of them come only after it returns. */
    void assigned(Set<TopicPartition> partitions);

    /** These partitions were taken away without a hand-over (this instance fell out of the group). */
    void lost(Set<TopicPartition> partitions);
  }

  private final Rebalance rebalance;

  HandOverConsumer(Map<String, Object> settings, Rebalance rebalance) {
    super(settings);
    this.rebalance = rebalance;
  }

  @Override
  public void subscribe(Collection<String> topics, ConsumerRebalanceListener vertx) {
    super.subscribe(topics, new ConsumerRebalanceListener() {
      @Override
      public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
        if (!partitions.isEmpty()) {
          Map<TopicPartition, OffsetAndMetadata> offsets = rebalance.revoking(Set.copyOf(partitions));
          commit(offsets);
        }
        vertx.onPartitionsRevoked(partitions);
      }

      @Override
      public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
        if (!partitions.isEmpty()) {
          rebalance.assigned(Set.copyOf(partitions));
        }
        vertx.onPartitionsAssigned(partitions);
      }

      @Override
      public void onPartitionsLost(Collection<TopicPartition> partitions) {
        if (!partitions.isEmpty()) {
          rebalance.lost(Set.copyOf(partitions));
        }
        vertx.onPartitionsLost(partitions);
      }
    });
  }

  private void commit(Map<TopicPartition, OffsetAndMetadata> offsets) {
    if (offsets.isEmpty()) {
      return;
    }
    try {
      try {
        commitSync(offsets);
      } catch (WakeupException e) {
        // vertx-kafka-client wakes the consumer up as it closes it, and a wake-up meant for a poll ends the first
        // blocking call instead: this commit, made by that very close. The wake-up is spent now; commit again.
        commitSync(offsets);
      }
    } catch (RuntimeException e) {
      // The records past the last commit are redelivered to the new owner, which handles them idempotently.
      LOG.warn("commit of {} before the hand-over failed: {}", offsets, e.toString());
    }
  }
}
