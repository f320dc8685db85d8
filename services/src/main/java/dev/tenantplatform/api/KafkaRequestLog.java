package dev.tenantplatform.api;

import dev.tenantplatform.events.CloudEventCodec;
import dev.tenantplatform.events.KubeconfigRead;
import dev.tenantplatform.events.TenantRequest;
import dev.tenantplatform.events.Topics;
import dev.tenantplatform.support.KafkaClients;
import dev.tenantplatform.support.Telemetry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.kafka.client.producer.KafkaProducer;
import io.vertx.kafka.client.producer.KafkaProducerRecord;
import io.vertx.kafka.client.producer.RecordMetadata;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerConfig;

/**
 * Writes tenant requests to {@code tenant.requests}, keyed by tenant, and completes only once Kafka has
 * acknowledged the write on every in-sync replica: the API answers 202 after that, never before.
 */
final class KafkaRequestLog implements RequestLog {

  /** How long a write may wait for Kafka before the API answers 503; well within the request timeout. */
  static final int DELIVERY_TIMEOUT_MS = 10_000;

  private final KafkaProducer<String, byte[]> producer;
  private final Telemetry.Registration producerMeters;
  private final CloudEventCodec codec = new CloudEventCodec();

  private KafkaRequestLog(KafkaProducer<String, byte[]> producer, Telemetry telemetry) {
    this.producer = producer;
    this.producerMeters = telemetry.kafkaClient(producer.unwrap());
  }

  static KafkaRequestLog create(Vertx vertx, String bootstrapServers, Telemetry telemetry) {
    Map<String, String> config = KafkaClients.idempotentProducer(bootstrapServers, Map.of(
        ProducerConfig.CLIENT_ID_CONFIG, "tenant-platform-api",
        ProducerConfig.LINGER_MS_CONFIG, "0",
        ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "5000",
        ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, String.valueOf(DELIVERY_TIMEOUT_MS),
        ProducerConfig.MAX_BLOCK_MS_CONFIG, "5000"));
    return new KafkaRequestLog(KafkaProducer.create(vertx, config), telemetry);
  }

  @Override
  public Future<RecordMetadata> append(TenantRequest request) {
    return producer.send(KafkaProducerRecord.create(Topics.REQUESTS.name(), request.tenant(),
        codec.encodeRequest(request)));
  }

  @Override
  public Future<RecordMetadata> record(KubeconfigRead read) {
    return producer.send(KafkaProducerRecord.create(Topics.REQUESTS.name(), read.tenant(),
        codec.encodeKubeconfigRead(read)));
  }

  @Override
  public Future<Void> close() {
    producerMeters.close();
    return producer.close();
  }
}
