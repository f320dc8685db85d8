package dev.tenantplatform.provisioner;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tenantplatform.events.ClusterSpec;
import dev.tenantplatform.events.EventData;
import dev.tenantplatform.events.EventType;
import dev.tenantplatform.events.TenantEvent;
import dev.tenantplatform.events.TenantRequest;
import dev.tenantplatform.kube.ApplyException;
import dev.tenantplatform.kube.Applier;
import dev.tenantplatform.kube.Outcome;
import dev.tenantplatform.kube.TenantNames;
import dev.tenantplatform.provisioner.blueprint.ClusterBlueprint;
import dev.tenantplatform.provisioner.blueprint.NodePorts;
import dev.tenantplatform.provisioner.blueprint.TenantObjects;
import dev.tenantplatform.support.Telemetry;
import dev.tenantplatform.support.TenantLedger;
import dev.tenantplatform.support.TenantRecord;
import io.vertx.core.Future;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Carries out accepted requests, as a chain of small named steps: {@code accepted → ports → objects →
 * applied} for a create or an update, {@code accepted → deleting → offboard → deleted} for a delete.
 * Every step is idempotent and every event is recorded once, so a redelivered request just runs the chain
 * again.
 */
final class TenantReconciler implements RequestHandler {

  private static final Logger LOG = LoggerFactory.getLogger(TenantReconciler.class);

  private final Applier applier;
  private final PortBook ports;
  private final ClusterBlueprint blueprint;
  private final TenantLedger ledger;
  private final Offboarding offboarding;
  private final Telemetry telemetry;

  TenantReconciler(Applier applier, PortBook ports, ClusterBlueprint blueprint, TenantLedger ledger,
      Offboarding offboarding, Telemetry telemetry) {
    this.applier = applier;
    this.ports = ports;
    this.blueprint = blueprint;
    this.ledger = ledger;
    this.offboarding = offboarding;
    this.telemetry = telemetry;
  }

  @Override
  public Future<Void> handle(Verdict verdict) {
    if (verdict instanceof Verdict.Create create) {
      return admit(create.request(), create.spec());
    }
    if (verdict instanceof Verdict.Update update) {
      return admit(update.request(), update.spec());
    }
    if (verdict instanceof Verdict.Delete delete) {
      return accepted(delete.request(), null).compose(v -> offboard(delete.request()));
    }
    if (verdict instanceof Verdict.Redelivered again) {
      return finish(again.request());
    }
    return Future.failedFuture(new IllegalArgumentException("not a request to carry out: " + verdict));
  }

  /** A redelivery: the chain says how far the request got; run the rest of the (idempotent) chain. */
  private Future<Void> finish(TenantRequest request) {
    return ledger.record(request.tenant()).compose(record -> {
      TenantRecord.Lifecycle lifecycle = record.map(TenantRecord::lifecycle).orElse(TenantRecord.Lifecycle.NONE);
      if (lifecycle == TenantRecord.Lifecycle.DELETING) {
        return offboard(request);
      }
      if (lifecycle == TenantRecord.Lifecycle.LIVE) {
        return build(request, record.get().spec());
      }
      return Future.succeededFuture();
    });
  }

  /** Ports are the last thing that can refuse a request, so they come before {@code tenant.accepted}. */
  private Future<Void> admit(TenantRequest request, ClusterSpec spec) {
    return nodePorts(request.tenant(), spec)
        .compose(allocated -> accepted(request, spec).map(allocated))
        .compose(allocated -> build(request, spec, allocated));
  }

  private Future<Void> accepted(TenantRequest request, ClusterSpec spec) {
    return record(request, EventType.TENANT_ACCEPTED, EventData.accepted(request, spec));
  }

  private Future<Void> build(TenantRequest request, ClusterSpec spec) {
    return nodePorts(request.tenant(), spec).compose(allocated -> build(request, spec, allocated));
  }

  private Future<Void> build(TenantRequest request, ClusterSpec spec, Optional<NodePorts> allocated) {
    TenantNames names = new TenantNames(request.tenant());
    return Future.succeededFuture(allocated)
        .map(ports -> blueprint.desired(request.tenant(), spec, ports))
        .compose(this::applyInOrder)
        .compose(outcomes -> {
          List<String> written = outcomes.stream().map(o -> o.ref().kind() + "/" + o.ref().name()).toList();
          LOG.info("cluster applied [tenant={} requestId={}]: {}", request.tenant(), request.requestId(), outcomes);
          return record(request, EventType.CLUSTER_APPLIED, EventData.applied(names.namespace(), written));
        })
        .recover(e -> failed(request, "apply", e));
  }

  private Future<Optional<NodePorts>> nodePorts(String tenant, ClusterSpec spec) {
    if (!"NodePort".equals(spec.serviceType())) {
      return ports.release(tenant).map(Optional.empty());
    }
    return ports.allocate(tenant).map(Optional::of);
  }

  private Future<List<Outcome>> applyInOrder(TenantObjects objects) {
    long start = System.nanoTime();
    return applier.applyAll(objects.inApplyOrder())
        .onComplete(done -> telemetry.applied(Duration.ofNanos(System.nanoTime() - start)));
  }

  private Future<Void> offboard(TenantRequest request) {
    return record(request, EventType.TENANT_DELETING, EventData.deleting(request.requestedBy()))
        .compose(v -> offboarding.remove(request.tenant()))
        .compose(v -> ports.release(request.tenant()))
        .compose(v -> record(request, EventType.TENANT_DELETED, EventData.none()))
        .recover(e -> failed(request, "delete", e));
  }

  /** An error the API gave for good: recorded as {@code cluster.failed}, the request is done. */
  private Future<Void> failed(TenantRequest request, String stage, Throwable error) {
    if (!(error instanceof ApplyException) && !(error instanceof ProvisioningException)) {
      return Future.failedFuture(error);
    }
    LOG.warn("cluster failed [tenant={} requestId={} stage={}]: {}", request.tenant(), request.requestId(), stage,
        error.getMessage());
    return record(request, EventType.CLUSTER_FAILED, EventData.failed(error.getMessage(), stage));
  }

  private Future<Void> record(TenantRequest request, EventType type, ObjectNode data) {
    TenantEvent event = TenantEvent.unsealed(type, request.tenant(), request.requestId(),
        Instant.now().truncatedTo(ChronoUnit.MILLIS), data);
    return ledger.append(request.tenant(), List.of(TenantLedger.Entry.once(event))).mapEmpty();
  }
}
