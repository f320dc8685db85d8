package dev.tenantplatform.provisioner;

import dev.tenantplatform.events.Action;
import dev.tenantplatform.events.DeadLetterReason;
import dev.tenantplatform.events.EventData;
import dev.tenantplatform.events.EventType;
import dev.tenantplatform.events.RequestEnvelope;
import dev.tenantplatform.events.RequestValidator;
import dev.tenantplatform.events.TenantEvent;
import dev.tenantplatform.events.Topics;
import dev.tenantplatform.support.KafkaClients;
import dev.tenantplatform.support.OffsetTracker;
import dev.tenantplatform.support.Telemetry;
import dev.tenantplatform.support.Telemetry.RequestOutcome;
import dev.tenantplatform.support.TenantLedger;
import dev.tenantplatform.support.TenantRecord;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.kafka.client.common.TopicPartition;
import io.vertx.kafka.client.consumer.KafkaConsumer;
import io.vertx.kafka.client.consumer.KafkaConsumerRecord;
import io.vertx.kafka.client.consumer.OffsetAndMetadata;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Consumes {@code tenant.requests} in group {@code tenant-platform-provisioner}. One tenant's requests run
 * one after the other; tenants run side by side, even within a partition, so a slow offboarding holds up
 * nobody else. A partition's offset is committed only past records whose events are acknowledged.
 */
public final class ProvisionerVerticle extends VerticleBase {

  public static final String GROUP = "tenant-platform-provisioner";
  private static final Logger LOG = LoggerFactory.getLogger(ProvisionerVerticle.class);

  private final ProvisionerConfig config;
  private final TenantLedger ledger;
  private final RequestHandler handler;
  private final RequestTriage triage;
  private final Telemetry telemetry;
  private final Map<TopicPartition, OffsetTracker> trackers = new HashMap<>();
  private final Map<String, Future<Void>> tails = new HashMap<>();
  private KafkaConsumer<String, byte[]> consumer;
  private DeadLetters deadLetters;
  private Telemetry.Registration consumerMeters = Telemetry.Registration.NONE;

  ProvisionerVerticle(ProvisionerConfig config, TenantLedger ledger, RequestHandler handler, Telemetry telemetry) {
    this.config = config;
    this.telemetry = telemetry;
    this.ledger = ledger;
    this.handler = handler;
    this.triage = new RequestTriage(config.codec(), config.validator(), config.maxTenants());
  }

  @Override
  public Future<?> start() {
    deadLetters = new DeadLetters(vertx, config.bootstrapServers(), telemetry);
    Map<String, String> settings = KafkaClients.connection(config.bootstrapServers());
    settings.putAll(Map.of(
        "group.id", config.groupId(),
        "client.id", config.groupId() + "-" + deploymentID(),
        "auto.offset.reset", "earliest",
        "enable.auto.commit", "false",
        "key.deserializer", "org.apache.kafka.common.serialization.StringDeserializer",
        "value.deserializer", "org.apache.kafka.common.serialization.ByteArrayDeserializer"));
    consumer = KafkaConsumer.create(vertx, settings);
    consumerMeters = telemetry.kafkaClient(consumer.unwrap());
    consumer.partitionsAssignedHandler(assigned -> assigned.forEach(tp -> trackers.put(tp, new OffsetTracker())));
    // Records still running for a revoked partition finish, but their offsets are the new owner's business.
    consumer.partitionsRevokedHandler(revoked -> revoked.forEach(trackers::remove));
    consumer.exceptionHandler(e -> LOG.warn("tenant.requests consumer: {}", e.toString()));
    consumer.handler(this::take);
    return consumer.subscribe(Topics.REQUESTS.name());
  }

  @Override
  public Future<?> stop() {
    consumerMeters.close();
    return consumer.close().eventually(deadLetters::close);
  }

  private void take(KafkaConsumerRecord<String, byte[]> record) {
    TopicPartition partition = new TopicPartition(record.topic(), record.partition());
    OffsetTracker tracker = trackers.computeIfAbsent(partition, p -> new OffsetTracker());
    tracker.started(record.offset());
    if (tracker.inFlight() >= config.maxInFlightPerPartition()) {
      consumer.pause(partition);
    }
    // Without a key there is no tenant to order by: such records keep their partition's order.
    String lane = record.key() != null ? record.key() : "partition-" + record.partition();
    Future<Void> next = tails.getOrDefault(lane, Future.succeededFuture())
        .transform(ignored -> withRetries(record, 1));
    tails.put(lane, next);
    next.onComplete(done -> {
      if (tails.get(lane) == next) {
        tails.remove(lane);
      }
      finished(partition, tracker, record.offset());
    });
  }

  private void finished(TopicPartition partition, OffsetTracker tracker, long offset) {
    if (trackers.get(partition) != tracker) {
      return;
    }
    long commit = tracker.finished(offset);
    if (commit >= 0) {
      consumer.commit(Map.of(partition, new OffsetAndMetadata(commit, "")))
          .onFailure(e -> LOG.warn("commit of {} at {} failed, a later commit covers it: {}", partition, commit,
              e.toString()));
    }
    if (tracker.inFlight() < config.maxInFlightPerPartition()) {
      consumer.resume(partition);
    }
  }

  /** Kafka or the ledger being away is not the record's fault: try it again, with growing pauses. */
  private Future<Void> withRetries(KafkaConsumerRecord<String, byte[]> record, int attempt) {
    return process(record).recover(e -> {
      long delay = Math.min(config.maxRetryDelay().toMillis(), 100L << Math.min(attempt, 10));
      LOG.warn("request at {}-{} offset {} (tenant {}) failed, attempt {}, again in {} ms: {}", record.topic(),
          record.partition(), record.offset(), record.key(), attempt, delay, e.toString());
      return vertx.timer(delay).compose(v -> withRetries(record, attempt + 1));
    });
  }

  private Future<Void> process(KafkaConsumerRecord<String, byte[]> record) {
    RequestTriage.Read read = triage.read(record.value());
    if (read.asksNothing()) {
      return Future.succeededFuture();
    }
    if (read.deadLetter() != null) {
      return counted(refuse(record, read.deadLetter()), null, RequestOutcome.REJECTED);
    }
    RequestEnvelope envelope = read.envelope();
    String tenant = envelope.request().tenant();
    if (tenant == null || !RequestValidator.isTenantName(tenant)) {
      return judged(record, envelope, Optional.empty(), Optional.empty(), 0);
    }
    String requestId = envelope.request().requestId();
    return Future.all(ledger.record(tenant), earlier(tenant, requestId), ledger.liveTenants())
        .compose(all -> judged(record, envelope, all.resultAt(0), all.resultAt(1), all.resultAt(2)));
  }

  private Future<Optional<EventType>> earlier(String tenant, String requestId) {
    if (requestId == null) {
      return Future.succeededFuture(Optional.empty());
    }
    return Future.all(ledger.holds(tenant, TenantLedger.Entry.onceKey(requestId, EventType.TENANT_ACCEPTED)),
            ledger.holds(tenant, TenantLedger.Entry.onceKey(requestId, EventType.TENANT_REJECTED)))
        .map(held -> held.<Boolean>resultAt(0) ? Optional.of(EventType.TENANT_ACCEPTED)
            : held.<Boolean>resultAt(1) ? Optional.of(EventType.TENANT_REJECTED) : Optional.empty());
  }

  private Future<Void> judged(KafkaConsumerRecord<String, byte[]> record, RequestEnvelope envelope,
      Optional<TenantRecord> tenantRecord, Optional<EventType> earlier, int live) {
    Verdict verdict = triage.judge(envelope, tenantRecord, earlier, live, now());
    Action action = envelope.request().action();
    if (verdict instanceof Verdict.DeadLetter dead) {
      return counted(refuse(record, dead), action, RequestOutcome.REJECTED);
    }
    if (verdict instanceof Verdict.Redelivered again && again.outcome() == EventType.TENANT_REJECTED) {
      return counted(Future.succeededFuture(), action, RequestOutcome.DUPLICATE);
    }
    RequestOutcome outcome = verdict instanceof Verdict.Redelivered ? RequestOutcome.DUPLICATE
        : RequestOutcome.ACCEPTED;
    return handler.handle(verdict).transform(done -> {
      if (done.succeeded()) {
        return counted(Future.succeededFuture(), action, outcome);
      }
      return done.cause() instanceof RequestRefusedException refused
          ? counted(refuse(record, refused.deadLetter(envelope.request())), action, RequestOutcome.REJECTED)
          : Future.failedFuture(done.cause());
    });
  }

  /** Counted once the record is done: a try that fails is tried again, and counted then. */
  private Future<Void> counted(Future<Void> handled, Action action, RequestOutcome outcome) {
    return handled.onSuccess(v -> telemetry.requestHandled(action, outcome));
  }

  private Future<Void> refuse(KafkaConsumerRecord<String, byte[]> record, Verdict.DeadLetter dead) {
    LOG.info("request refused [tenant={} requestId={} partition={} offset={}]: {}", dead.tenant(),
        dead.requestId(), record.partition(), record.offset(), dead.reason());
    Future<Void> letter = deadLetters.send(record, dead);
    if (!dead.tellsTenant()) {
      return letter;
    }
    // An unreadable record's own id cannot be trusted to be unique; its place in the log is.
    String requestId = dead.code() == DeadLetterReason.INVALID && dead.requestId() != null ? dead.requestId()
        : Topics.REQUESTS.recordId(record.partition(), record.offset());
    TenantEvent rejected = TenantEvent.unsealed(EventType.TENANT_REJECTED, dead.tenant(), requestId, now(),
        EventData.rejected(dead.reason(), dead.violations()));
    return letter.compose(v -> ledger.append(dead.tenant(), List.of(TenantLedger.Entry.once(rejected)))).mapEmpty();
  }

  private static Instant now() {
    return Instant.now().truncatedTo(ChronoUnit.MILLIS);
  }
}
