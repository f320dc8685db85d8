package dev.tenantplatform.provisioner;

import dev.tenantplatform.events.Action;
import dev.tenantplatform.events.DeadLetterReason;
import dev.tenantplatform.events.EventData;
import dev.tenantplatform.events.EventType;
import dev.tenantplatform.events.RequestEnvelope;
import dev.tenantplatform.events.RequestValidator;
import dev.tenantplatform.events.TenantEvent;
import dev.tenantplatform.events.Topics;
import dev.tenantplatform.support.Telemetry;
import dev.tenantplatform.support.Telemetry.RequestOutcome;
import dev.tenantplatform.support.TenantLedger;
import dev.tenantplatform.support.TenantRecord;
import io.vertx.core.Future;
import io.vertx.kafka.client.consumer.KafkaConsumerRecord;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What one record of {@code tenant.requests} comes to: read, judged against the tenant's chain, then carried out
 * by the {@link RequestHandler} or refused (a dead letter, and {@code tenant.rejected} when the tenant should
 * hear of it). The {@link ProvisionerVerticle} decides when a record runs and tries it again when it fails.
 */
final class RequestProcessor {

  private static final Logger LOG = LoggerFactory.getLogger(RequestProcessor.class);

  private final RequestTriage triage;
  private final TenantLedger ledger;
  private final RequestHandler handler;
  private final DeadLetters deadLetters;
  private final Telemetry telemetry;

  RequestProcessor(RequestTriage triage, TenantLedger ledger, RequestHandler handler, DeadLetters deadLetters,
      Telemetry telemetry) {
    this.triage = triage;
    this.ledger = ledger;
    this.handler = handler;
    this.deadLetters = deadLetters;
    this.telemetry = telemetry;
  }

  Future<Void> process(KafkaConsumerRecord<String, byte[]> record) {
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
