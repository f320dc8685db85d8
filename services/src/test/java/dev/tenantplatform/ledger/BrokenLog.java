package dev.tenantplatform.ledger;

import dev.tenantplatform.events.CloudEventCodec;
import dev.tenantplatform.events.CodecException;
import dev.tenantplatform.events.TenantEvent;
import dev.tenantplatform.testing.KafkaExtension;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * A log of lifecycle events with damage no ledger would write, on a topic of its own so that the chains of
 * {@code tenant.events} stay whole for every other test.
 */
final class BrokenLog {

  private static final CloudEventCodec CODEC = new CloudEventCodec();

  private BrokenLog() {
  }

  /** A new topic like {@code tenant.events}, with the test broker's partition count. */
  static String createTopic(String bootstrapServers, String prefix) throws Exception {
    String topic = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
      admin.createTopics(List.of(new NewTopic(topic, KafkaExtension.PARTITIONS, (short) 1)))
          .all().get(30, TimeUnit.SECONDS);
    }
    return topic;
  }

  /** Writes {@code events} as they are, keyed by {@code tenant}, and a record that is no event at all. */
  static void write(String bootstrapServers, String topic, String tenant, List<TenantEvent> events)
      throws Exception {
    try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
        Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers),
        new StringSerializer(), new ByteArraySerializer())) {
      producer.send(new ProducerRecord<>(topic, tenant, "not an event".getBytes(StandardCharsets.UTF_8)))
          .get(30, TimeUnit.SECONDS);
    }
    append(bootstrapServers, topic, tenant, events);
  }

  /** Writes {@code events} as they are, keyed by {@code tenant}, as a producer outside the ledger would. */
  static void append(String bootstrapServers, String topic, String tenant, List<TenantEvent> events)
      throws Exception {
    try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
        Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers),
        new StringSerializer(), new ByteArraySerializer())) {
      for (TenantEvent event : events) {
        producer.send(new ProducerRecord<>(topic, tenant, CODEC.encodeEvent(event))).get(30, TimeUnit.SECONDS);
      }
    }
  }

  /** The events of {@code topic}, without the records that are none. */
  static List<TenantEvent> readableEvents(String bootstrapServers, String topic) {
    List<TenantEvent> events = new ArrayList<>();
    for (var record : TopicContents.records(bootstrapServers, topic)) {
      try {
        events.add(CODEC.decodeEvent(record.value()));
      } catch (CodecException e) {
        // the record written to be unreadable
      }
    }
    return events;
  }
}
