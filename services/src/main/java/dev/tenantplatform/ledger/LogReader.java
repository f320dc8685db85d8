package dev.tenantplatform.ledger;

import dev.tenantplatform.support.KafkaClients;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;

/**
 * Reads partitions of a topic up to their end with a plain consumer: assigned partitions, no group, nothing
 * committed, so reading disturbs no one and any number of readers may read at once.
 *
 * <p>Blocking: run it on a worker thread.
 */
final class LogReader implements AutoCloseable {

  private static final Duration POLL = Duration.ofMillis(200);

  private final KafkaConsumer<String, byte[]> consumer;
  private final String topic;
  private final Duration timeout;

  LogReader(String bootstrapServers, String topic, Duration timeout) {
    this.consumer = new KafkaConsumer<>(KafkaClients.logReader(bootstrapServers));
    this.topic = topic;
    this.timeout = timeout;
  }

  /** How many partitions the topic has. */
  int partitionCount() {
    List<PartitionInfo> partitions;
    try {
      partitions = consumer.partitionsFor(topic, timeout);
    } catch (KafkaException e) {
      throw new IllegalStateException("cannot read the partitions of " + topic + " within " + timeout + ": "
          + e.getMessage() + " (is Kafka reachable?)", e);
    }
    if (partitions == null || partitions.isEmpty()) {
      throw new IllegalStateException("topic " + topic + " does not exist: create the platform's topics"
          + " first (KafkaTopics.ensure), the ledger does not create them");
    }
    return partitions.size();
  }

  /**
   * Hands every record of the partitions in {@code from}, from the offset given for each, to {@code sink},
   * in log order per partition, until each partition's end as it was when reading began.
   *
   * @return how many records were read
   */
  long read(Map<Integer, Long> from, Consumer<ConsumerRecord<String, byte[]>> sink) {
    List<TopicPartition> partitions = new ArrayList<>();
    from.keySet().forEach(p -> partitions.add(new TopicPartition(topic, p)));
    consumer.assign(partitions);
    from.forEach((p, offset) -> consumer.seek(new TopicPartition(topic, p), offset));
    Map<TopicPartition, Long> end = new HashMap<>(consumer.endOffsets(partitions, timeout));
    long count = 0;
    long stalledSince = System.nanoTime();
    end.keySet().removeIf(tp -> consumer.position(tp, timeout) >= end.get(tp));
    while (!end.isEmpty()) {
      if (System.nanoTime() - stalledSince > timeout.toNanos()) {
        throw new IllegalStateException("reading " + topic + " stalled for " + timeout + " before the end of"
            + " partitions " + end.keySet().stream().map(TopicPartition::partition).sorted().toList()
            + " (is Kafka reachable?)");
      }
      for (ConsumerRecord<String, byte[]> record : consumer.poll(POLL)) {
        sink.accept(record);
        count++;
        stalledSince = System.nanoTime();
      }
      end.keySet().removeIf(tp -> consumer.position(tp, timeout) >= end.get(tp));
    }
    return count;
  }

  /** The records of {@code tenant} in {@code partition} from {@code from} on. */
  static List<ConsumerRecord<String, byte[]>> tail(String bootstrapServers, String topic, Duration timeout,
      String tenant, int partition, long from) {
    List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
    try (LogReader reader = new LogReader(bootstrapServers, topic, timeout)) {
      reader.read(Map.of(partition, from), record -> {
        if (tenant.equals(record.key())) {
          records.add(record);
        }
      });
    }
    return records;
  }

  @Override
  public void close() {
    consumer.close(Duration.ofSeconds(5));
  }
}
