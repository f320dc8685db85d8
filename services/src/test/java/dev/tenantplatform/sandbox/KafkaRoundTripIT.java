package dev.tenantplatform.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tenantplatform.events.Topics;
import dev.tenantplatform.testing.KafkaCluster;
import dev.tenantplatform.testing.KafkaExtension;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import io.vertx.kafka.client.consumer.KafkaConsumer;
import io.vertx.kafka.client.producer.KafkaProducer;
import io.vertx.kafka.client.producer.KafkaProducerRecord;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith({VertxExtension.class, KafkaExtension.class})
class KafkaRoundTripIT {

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void aRecordProducedWithVertxKafkaClientIsConsumedBackWithItsKeyAndValue(Vertx vertx, KafkaCluster kafka,
      VertxTestContext test) {
    String tenant = "acme-" + UUID.randomUUID().toString().substring(0, 8);
    String value = "{\"tenant\":\"" + tenant + "\"}";
    KafkaProducer<String, String> producer = KafkaProducer.create(vertx, Map.of(
        "bootstrap.servers", kafka.bootstrapServers(), "acks", "all",
        "key.serializer", "org.apache.kafka.common.serialization.StringSerializer",
        "value.serializer", "org.apache.kafka.common.serialization.StringSerializer"));
    KafkaConsumer<String, String> consumer = KafkaConsumer.create(vertx, Map.of(
        "bootstrap.servers", kafka.bootstrapServers(), "group.id", "round-trip-" + tenant,
        "auto.offset.reset", "earliest", "enable.auto.commit", "false",
        "key.deserializer", "org.apache.kafka.common.serialization.StringDeserializer",
        "value.deserializer", "org.apache.kafka.common.serialization.StringDeserializer"));
    consumer.handler(record -> {
      if (tenant.equals(record.key())) {
        test.verify(() -> assertThat(record.value()).isEqualTo(value));
        test.completeNow();
      }
    });
    consumer.subscribe(Topics.REQUESTS.name())
        .compose(v -> producer.send(KafkaProducerRecord.create(Topics.REQUESTS.name(), tenant, value)))
        .onComplete(test.succeedingThenComplete());
  }
}
