package dev.tenantplatform.metrics;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tenantplatform.events.ChainHead;
import dev.tenantplatform.events.ClusterSpec;
import dev.tenantplatform.events.EventData;
import dev.tenantplatform.events.EventType;
import dev.tenantplatform.events.HashChain;
import dev.tenantplatform.events.TenantEvent;
import dev.tenantplatform.events.TenantRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** A tenant's life as sealed events, the way the ledger writes them, built one step at a time. */
final class Lives {

  private static final Instant T0 = Instant.parse("2026-03-04T05:06:07.890Z");

  private final String tenant;
  private final List<TenantEvent> events = new ArrayList<>();
  private ChainHead head;
  private String requestId = "req-1";

  Lives(String tenant) {
    this.tenant = tenant;
    this.head = ChainHead.genesis(tenant);
  }

  Lives add(EventType type, ObjectNode data) {
    TenantEvent sealed = HashChain.next(head, TenantEvent.unsealed(type, tenant, requestId,
        T0.plusSeconds(events.size()), data));
    events.add(sealed);
    head = ChainHead.of(sealed);
    return this;
  }

  Lives created() {
    TenantRequest create = TenantRequest.create(tenant, "ops", ClusterSpec.UNCHANGED);
    requestId = create.requestId();
    return add(EventType.TENANT_ACCEPTED, EventData.accepted(create, ClusterSpec.UNCHANGED.withDefaults()))
        .add(EventType.CLUSTER_APPLIED, EventData.applied("tenant-" + tenant, List.of("Cluster/" + tenant)));
  }

  /** Every milestone, then Ready after {@code readySeconds} (control plane at a third, provisioned at a quarter). */
  Lives ready(double readySeconds) {
    Duration ready = Duration.ofMillis(Math.round(readySeconds * 1000));
    return add(EventType.CLUSTER_PROVISIONED, EventData.provisioned("10.0.0.1", 30443))
        .add(EventType.CLUSTER_CONTROLPLANE_READY, EventData.controlPlaneReady(3, 3, "v1.32.8+k0s.0"))
        .add(EventType.CLUSTER_CNI_APPLIED, EventData.cniApplied("calico", "calico"))
        .add(EventType.CLUSTER_WORKERS_READY, EventData.workersReady(2, 2))
        .add(EventType.TENANT_READY, EventData.ready(ready.dividedBy(3), ready.dividedBy(4), ready));
  }

  Lives degraded(String stage) {
    return add(EventType.CLUSTER_DEGRADED, EventData.degraded("held up at " + stage, stage));
  }

  Lives recovered() {
    return add(EventType.TENANT_READY, EventData.recovered(Duration.ofSeconds(42)));
  }

  Lives failed(String stage) {
    return add(EventType.CLUSTER_FAILED, EventData.failed("broke at " + stage, stage));
  }

  Lives deleted() {
    TenantRequest delete = TenantRequest.delete(tenant, "ops");
    requestId = delete.requestId();
    return add(EventType.TENANT_ACCEPTED, EventData.accepted(delete, null))
        .add(EventType.TENANT_DELETING, EventData.deleting("ops"))
        .add(EventType.TENANT_DELETED, EventData.none());
  }

  List<TenantEvent> events() {
    return List.copyOf(events);
  }
}
