package dev.tenantplatform.ledger;

import dev.tenantplatform.events.CloudEventCodec;
import dev.tenantplatform.events.TenantEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Everything a topic holds now, read the way an auditor would: every partition from its beginning to its end. */
final class TopicContents {

  private static final CloudEventCodec CODEC = new CloudEventCodec();

  private TopicContents() {
  }

  static List<ConsumerRecord<String, byte[]>> records(String bootstrapServers, String topic) {
    Map<String, Object> config = new HashMap<>();
    config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    try (KafkaConsumer<String, byte[]> consumer =
        new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
          .map(p -> new TopicPartition(topic, p.partition())).toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions, Duration.ofSeconds(30));
      List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("could not read " + topic + " to its end within 30 s");
        }
        consumer.poll(Duration.ofMillis(200)).forEach(records::add);
      }
      return records;
    }
  }

  /** Every event of the topic, partition after partition, each partition in log order. */
  static List<TenantEvent> events(String bootstrapServers, String topic) {
    return records(bootstrapServers, topic).stream().map(r -> CODEC.decodeEvent(r.value())).toList();
  }

  /** The events of {@code tenant}, in log order. */
  static List<TenantEvent> eventsOf(String bootstrapServers, String topic, String tenant) {
    return events(bootstrapServers, topic).stream().filter(e -> e.tenant().equals(tenant)).toList();
  }
}
