package dev.tenantplatform.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tenantplatform.events.ChainHead;
import dev.tenantplatform.events.ClusterSpec;
import dev.tenantplatform.events.EventData;
import dev.tenantplatform.events.EventType;
import dev.tenantplatform.events.HashChain;
import dev.tenantplatform.events.TenantEvent;
import dev.tenantplatform.events.TenantRequest;
import dev.tenantplatform.events.Violation;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** A tenant's event chain, sealed as the ledger seals it, built one event at a time. */
final class Chain {

  static final Instant T0 = Instant.parse("2026-03-04T05:06:07.890Z");

  private final String tenant;
  private final List<TenantEvent> events = new ArrayList<>();
  private ChainHead head;
  private String requestId = "req-1";

  Chain(String tenant) {
    this.tenant = tenant;
    this.head = ChainHead.genesis(tenant);
  }

  Chain add(EventType type, ObjectNode data) {
    TenantEvent sealed = HashChain.next(head, TenantEvent.unsealed(type, tenant, requestId,
        T0.plusSeconds(events.size()), data));
    events.add(sealed);
    head = ChainHead.of(sealed);
    return this;
  }

  Chain created(ClusterSpec spec) {
    TenantRequest create = TenantRequest.create(tenant, "ops", ClusterSpec.UNCHANGED);
    requestId = create.requestId();
    return add(EventType.TENANT_ACCEPTED, EventData.accepted(create, spec))
        .add(EventType.CLUSTER_APPLIED, EventData.applied("tenant-" + tenant, List.of("Cluster/" + tenant)));
  }

  Chain ready() {
    return add(EventType.CLUSTER_PROVISIONED, EventData.provisioned("10.0.0.1", 30443))
        .add(EventType.CLUSTER_CONTROLPLANE_READY, EventData.controlPlaneReady(3, 3, "v1.32.8+k0s.0"))
        .add(EventType.CLUSTER_CNI_APPLIED, EventData.cniApplied("calico", "calico"))
        .add(EventType.CLUSTER_WORKERS_READY, EventData.workersReady(2, 2))
        .add(EventType.TENANT_READY, EventData.ready(Duration.ofMillis(22_500), Duration.ofMillis(20_100),
            Duration.ofMillis(61_234)));
  }

  Chain updated(ClusterSpec spec) {
    TenantRequest update = TenantRequest.update(tenant, "ops", spec);
    requestId = update.requestId();
    return add(EventType.TENANT_ACCEPTED, EventData.accepted(update, spec))
        .add(EventType.CLUSTER_APPLIED, EventData.applied("tenant-" + tenant, List.of("Cluster/" + tenant)));
  }

  Chain rejected(String reason) {
    return add(EventType.TENANT_REJECTED, EventData.rejected(List.of(new Violation("tenant", reason))));
  }

  List<TenantEvent> events() {
    return List.copyOf(events);
  }

  /** Every event folded into {@code view}. */
  Chain into(TenantView view) {
    events.forEach(view::apply);
    return this;
  }
}
