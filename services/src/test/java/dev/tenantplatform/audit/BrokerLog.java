package dev.tenantplatform.audit;

import dev.tenantplatform.audit.fold.AuditTopics;
import dev.tenantplatform.audit.fold.RecordRef;
import dev.tenantplatform.events.CloudEventCodec;
import dev.tenantplatform.events.TenantEvent;
import dev.tenantplatform.events.TenantRequest;
import dev.tenantplatform.events.Topics;
import dev.tenantplatform.testing.KafkaExtension;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
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
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * A log of its own on the test broker — three new topics shaped like the platform's — written record by record
 * with chosen timestamps, damage included, so that no other test's chains on {@code tenant.events} are touched.
 */
public final class BrokerLog implements AutoCloseable {

  private static final CloudEventCodec CODEC = new CloudEventCodec();

  private final AuditTopics topics;
  private final KafkaProducer<String, byte[]> producer;

  private BrokerLog(AuditTopics topics, KafkaProducer<String, byte[]> producer) {
    this.topics = topics;
    this.producer = producer;
  }

  /** Three new topics, {@code audit-test-<id>.tenant.requests} and so on, with the test broker's partitions. */
  public static BrokerLog create(String bootstrapServers) throws Exception {
    String prefix = "audit-test-" + UUID.randomUUID().toString().substring(0, 8) + ".";
    AuditTopics topics = new AuditTopics(prefix + Topics.REQUESTS.name(), prefix + Topics.EVENTS.name(),
        prefix + Topics.DLQ.name());
    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
      admin.createTopics(topics.all().stream()
          // Kept forever, as the platform's topics are: the records are stamped months back, and the broker's
          // default retention would delete them under a running test.
          .map(name -> new NewTopic(name, KafkaExtension.PARTITIONS, (short) 1)
              .configs(Map.of("retention.ms", "-1"))).toList())
          .all().get(30, TimeUnit.SECONDS);
    }
    return new BrokerLog(topics, new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
        bootstrapServers, ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new ByteArraySerializer()));
  }

  public AuditTopics topics() {
    return topics;
  }

  public RecordRef request(TenantRequest request, Instant time) throws Exception {
    return send(new ProducerRecord<>(topics.requests(), null, time.toEpochMilli(), request.tenant(),
        CODEC.encodeRequest(request, URI.create("/tenant-platform/api"), time)));
  }

  /** {@code event} as it is, stamped with its own time. */
  public RecordRef event(TenantEvent event) throws Exception {
    return send(new ProducerRecord<>(topics.events(), null, event.time().toEpochMilli(), event.tenant(),
        CODEC.encodeEvent(event)));
  }

  public List<RecordRef> events(List<TenantEvent> events) throws Exception {
    List<RecordRef> refs = new java.util.ArrayList<>();
    for (TenantEvent event : events) {
      refs.add(event(event));
    }
    return refs;
  }

  public RecordRef deadLetter(String key, String tenant, String code, String reason, Instant time) throws Exception {
    ProducerRecord<String, byte[]> record = new ProducerRecord<>(topics.deadLetters(), null, time.toEpochMilli(),
        key, "{\"specversion\":".getBytes(StandardCharsets.UTF_8));
    header(record, Topics.DLQ_REASON, reason);
    header(record, Topics.DLQ_REASON_CODE, code);
    header(record, Topics.DLQ_SOURCE_TOPIC, topics.requests());
    header(record, Topics.DLQ_SOURCE_PARTITION, "0");
    header(record, Topics.DLQ_SOURCE_OFFSET, "0");
    if (tenant != null) {
      header(record, Topics.DLQ_TENANT, tenant);
    }
    return send(record);
  }

  private static void header(ProducerRecord<String, byte[]> record, String name, String value) {
    record.headers().add(new RecordHeader(name, value.getBytes(StandardCharsets.UTF_8)));
  }

  private RecordRef send(ProducerRecord<String, byte[]> record) throws Exception {
    RecordMetadata at = producer.send(record).get(30, TimeUnit.SECONDS);
    return new RecordRef(at.topic(), at.partition(), at.offset());
  }

  @Override
  public void close() {
    producer.close();
  }
}
