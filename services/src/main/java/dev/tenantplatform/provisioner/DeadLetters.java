package dev.tenantplatform.provisioner;

import dev.tenantplatform.events.Topics;
import dev.tenantplatform.support.KafkaClients;
import dev.tenantplatform.support.Telemetry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.kafka.client.consumer.KafkaConsumerRecord;
import io.vertx.kafka.client.producer.KafkaProducer;
import io.vertx.kafka.client.producer.KafkaProducerRecord;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * {@code tenant.requests.dlq}: the record exactly as it came, keyed as it came, with why it was refused and
 * where it came from in headers, so nothing is lost and it can be replayed once fixed.
 */
final class DeadLetters {

  private final KafkaProducer<String, byte[]> producer;
  private final Telemetry telemetry;
  private final Telemetry.Registration producerMeters;

  DeadLetters(Vertx vertx, String bootstrapServers, Telemetry telemetry) {
    this.telemetry = telemetry;
    Map<String, String> settings = KafkaClients.connection(bootstrapServers);
    settings.putAll(Map.of(
        "acks", "all",
        "enable.idempotence", "true",
        "client.id", "tenant-platform-dead-letters",
        "key.serializer", "org.apache.kafka.common.serialization.StringSerializer",
        "value.serializer", "org.apache.kafka.common.serialization.ByteArraySerializer"));
    this.producer = KafkaProducer.create(vertx, settings);
    this.producerMeters = telemetry.kafkaClient(producer.unwrap());
  }

  Future<Void> send(KafkaConsumerRecord<String, byte[]> record, Verdict.DeadLetter verdict) {
    KafkaProducerRecord<String, byte[]> letter =
        KafkaProducerRecord.create(Topics.DLQ.name(), record.key(), record.value() == null ? new byte[0] : record.value());
    header(letter, Topics.DLQ_REASON, verdict.reason());
    header(letter, Topics.DLQ_REASON_CODE, verdict.code().label());
    header(letter, Topics.DLQ_SOURCE_TOPIC, record.topic());
    header(letter, Topics.DLQ_SOURCE_PARTITION, Integer.toString(record.partition()));
    header(letter, Topics.DLQ_SOURCE_OFFSET, Long.toString(record.offset()));
    if (verdict.tenant() != null) {
      header(letter, Topics.DLQ_TENANT, verdict.tenant());
    }
    if (verdict.requestId() != null) {
      header(letter, Topics.DLQ_REQUEST_ID, verdict.requestId());
    }
    return producer.send(letter).<Void>mapEmpty().onSuccess(v -> telemetry.deadLettered(verdict.code()));
  }

  Future<Void> close() {
    producerMeters.close();
    return producer.close();
  }

  private static void header(KafkaProducerRecord<String, byte[]> record, String name, String value) {
    record.addHeader(name, io.vertx.core.buffer.Buffer.buffer(value.getBytes(StandardCharsets.UTF_8)));
  }
}
