package dev.tenantplatform.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tenantplatform.events.Topics;
import dev.tenantplatform.support.KafkaTopics;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedKafkaIT {

  @TempDir
  Path dir;

  @Test
  void createsThePlatformTopicsWithTheConfiguredPartitionsAndKeepsEventsForever() throws Exception {
    try (EmbeddedKafka broker = EmbeddedKafka.start(dir);
        Admin admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()))) {
      assertThat(KafkaTopics.ensure(broker.bootstrapServers(), 12))
          .containsExactlyInAnyOrder("tenant.requests", "tenant.events", "tenant.requests.dlq");
      Map<String, TopicDescription> topics = admin.describeTopics(List.of(Topics.EVENTS.name(),
          Topics.REQUESTS.name(), Topics.DLQ.name())).allTopicNames().get(30, TimeUnit.SECONDS);
      assertThat(topics.values()).allSatisfy(t -> assertThat(t.partitions()).hasSize(12));
      ConfigResource events = new ConfigResource(ConfigResource.Type.TOPIC, Topics.EVENTS.name());
      String retention = admin.describeConfigs(List.of(events)).all().get(30, TimeUnit.SECONDS)
          .get(events).get("retention.ms").value();
      assertThat(retention).isEqualTo("-1");
      assertThat(KafkaTopics.ensure(broker.bootstrapServers(), 12)).as("a second start creates nothing").isEmpty();
    }
  }

  @Test
  void aRestartOnTheSameDataFolderKeepsTheAddressTheTopicsAndTheRecords() {
    int port;
    try (EmbeddedKafka broker = EmbeddedKafka.start(dir)) {
      port = broker.port();
      KafkaTopics.ensure(broker.bootstrapServers(), 2);
      try (var producer = new KafkaProducer<String, String>(clientProps(broker), new StringSerializer(),
          new StringSerializer())) {
        producer.send(new ProducerRecord<>(Topics.REQUESTS.name(), 0, "acme", "before the restart"));
        producer.flush();
      }
    }
    try (EmbeddedKafka broker = EmbeddedKafka.start(dir)) {
      assertThat(broker.port()).isEqualTo(port);
      assertThat(readAll(broker, new TopicPartition(Topics.REQUESTS.name(), 0)))
          .extracting(ConsumerRecord::value).containsExactly("before the restart");
    }
  }

  private static Properties clientProps(EmbeddedKafka broker) {
    Properties p = new Properties();
    p.put("bootstrap.servers", broker.bootstrapServers());
    return p;
  }

  private static List<ConsumerRecord<String, String>> readAll(EmbeddedKafka broker, TopicPartition partition) {
    List<ConsumerRecord<String, String>> records = new ArrayList<>();
    try (var consumer = new KafkaConsumer<String, String>(clientProps(broker), new StringDeserializer(),
        new StringDeserializer())) {
      consumer.assign(List.of(partition));
      consumer.seekToBeginning(List.of(partition));
      long end = consumer.endOffsets(List.of(partition)).get(partition);
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (consumer.position(partition) < end && System.nanoTime() < deadline) {
        consumer.poll(Duration.ofMillis(200)).forEach(records::add);
      }
    }
    return records;
  }
}
