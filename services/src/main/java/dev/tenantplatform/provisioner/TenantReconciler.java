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
import dev.tenantplatform.support.Telemetry;
import dev.tenantplatform.support.TenantLedger;
import dev.tenantplatform.support.TenantRecord;
import io.vertx.core.Future;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
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
      return admit(create.request(), create.spec(), true);
    }
    if (verdict instanceof Verdict.Update update) {
      return admit(update.request(), update.spec(), false);
    }
    if (verdict instanceof Verdict.Delete delete) {
      return accepted(delete.request(), null).compose(v -> offboard(delete.request()));
    }
    if (verdict instanceof Verdict.Redelivered again) {
      return finish(again.request());
    }
    return Future.failedFuture(new IllegalArgumentException("not a request to carry out: " + verdict));
  }

  @Override
  public Future<Void> start() {
    return ports.start();
  }

  @Override
  public void close() {
    ports.close();
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

  /**
   * Ports are the last thing that can refuse a request, so they come before {@code tenant.accepted}; a new
   * tenant's groundwork (namespace, Calico resources: nothing acts on them before the Cluster exists) is applied
   * meanwhile when the ports are all but sure, and removed again if they are refused after all.
   */
  private Future<Void> admit(TenantRequest request, ClusterSpec spec, boolean create) {
    String tenant = request.tenant();
    Future<List<Outcome>> early = create && (!"NodePort".equals(spec.serviceType()) || ports.likelyAllocates(tenant))
        ? groundwork(tenant) : null;
    return nodePorts(tenant, spec)
        .recover(e -> early != null && e instanceof RequestRefusedException ? undo(tenant, early, e)
            : Future.failedFuture(e))
        .compose(allocated -> build(request, spec, allocated, accepted(request, spec),
            early != null ? early : groundwork(tenant)));
  }

  /** Removes the groundwork applied for a tenant whose ports were refused after all, then fails with that. */
  private <T> Future<T> undo(String tenant, Future<List<Outcome>> groundwork, Throwable refusal) {
    return groundwork.transform(x -> offboarding.removeGroundwork(tenant))
        .onFailure(e -> LOG.warn("tenant {} was refused ({}), but its namespace and Calico resources, applied while"
            + " its node ports were on their way, could not be removed: {}", tenant, refusal.getMessage(),
            e.getMessage()))
        .transform(x -> Future.failedFuture(refusal));
  }

  private Future<Void> accepted(TenantRequest request, ClusterSpec spec) {
    return record(request, EventType.TENANT_ACCEPTED, EventData.accepted(request, spec));
  }

  private Future<Void> build(TenantRequest request, ClusterSpec spec) {
    return nodePorts(request.tenant(), spec).compose(allocated -> build(request, spec, allocated,
        Future.succeededFuture(), groundwork(request.tenant())));
  }

  private Future<List<Outcome>> groundwork(String tenant) {
    return owned(tenant).compose(v -> applier.applyAll(blueprint.groundwork(tenant)));
  }

  /**
   * Applies the tenant's Cluster and what hangs off it once its groundwork is applied and {@code accepted} (the
   * request's {@code tenant.accepted}, on its way or written before) is acknowledged: the watcher derives events
   * only for tenants whose chain it knows. Then records the outcome. Waiting for that acknowledgement before the
   * groundwork protected nothing: the ledger writes a tenant's events in the order they are asked for, and if
   * {@code tenant.accepted} is not written the record is tried again, and the apply, which is idempotent, with it.
   */
  private Future<Void> build(TenantRequest request, ClusterSpec spec, Optional<NodePorts> allocated,
      Future<Void> accepted, Future<List<Outcome>> groundwork) {
    TenantNames names = new TenantNames(request.tenant());
    long start = System.nanoTime();
    Future<List<Outcome>> applied = groundwork.compose(first -> accepted
        .compose(v -> owned(request.tenant()))
        .map(v -> blueprint.desired(request.tenant(), spec, allocated))
        .compose(objects -> applier.applyAll(objects.fromCluster()))
        .map(rest -> Stream.concat(first.stream(), rest.stream()).toList()))
        .onComplete(done -> telemetry.applied(Duration.ofNanos(System.nanoTime() - start)));
    return applied
        .compose(outcomes -> {
          List<String> written = outcomes.stream().map(o -> o.ref().kind() + "/" + o.ref().name()).toList();
          LOG.info("cluster applied [tenant={} requestId={}]: {}", request.tenant(), request.requestId(), outcomes);
          return record(request, EventType.CLUSTER_APPLIED, EventData.applied(names.namespace(), written));
        })
        // cluster.failed goes after tenant.accepted, or not at all: then the record is tried again
        .recover(e -> accepted.transform(a -> a.failed() ? Future.failedFuture(e) : failed(request, "apply", e)));
  }

  /**
   * Fails when this instance no longer writes the tenant (its partition went to another instance): the new owner
   * applies the tenant's objects, and two writers must never apply them at once.
   */
  private Future<Void> owned(String tenant) {
    return ledger.writes(tenant) ? Future.succeededFuture() : Future.failedFuture(new IllegalStateException(
        "tenant " + tenant + " is written by another instance now: its objects are left to it"));
  }

  private Future<Optional<NodePorts>> nodePorts(String tenant, ClusterSpec spec) {
    if (!"NodePort".equals(spec.serviceType())) {
      return ports.release(tenant).map(Optional.empty());
    }
    return ports.allocate(tenant).map(Optional::of);
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
