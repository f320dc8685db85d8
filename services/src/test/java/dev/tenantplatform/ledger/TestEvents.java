package dev.tenantplatform.ledger;

import dev.tenantplatform.events.ChainHead;
import dev.tenantplatform.events.ClusterSpec;
import dev.tenantplatform.events.EventData;
import dev.tenantplatform.events.EventType;
import dev.tenantplatform.events.HashChain;
import dev.tenantplatform.events.TenantEvent;
import dev.tenantplatform.events.TenantRequest;
import dev.tenantplatform.events.Violation;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Unsealed events of the kinds the provisioner and the watcher hand the ledger, and chains sealed by hand. */
final class TestEvents {

  static final Instant T0 = Instant.parse("2026-03-04T05:06:07.890Z");
  static final String ALICE = "alice@example.com";

  private TestEvents() {
  }

  /** A tenant name no other test of the JVM uses: the broker is shared. */
  static String tenant(String prefix) {
    return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  static TenantRequest create(String tenant, ClusterSpec cluster) {
    return TenantRequest.create(tenant, ALICE, cluster);
  }

  static TenantEvent accepted(TenantRequest request, ClusterSpec resolved) {
    return TenantEvent.unsealed(EventType.TENANT_ACCEPTED, request.tenant(), request.requestId(), T0,
        EventData.accepted(request, resolved));
  }

  /** The accepted create of the seed's cluster, resolved. */
  static TenantEvent acceptedCreate(String tenant) {
    return accepted(create(tenant, ClusterSpec.UNCHANGED), ClusterSpec.DEFAULTS);
  }

  static TenantEvent applied(String tenant, String requestId) {
    return TenantEvent.unsealed(EventType.CLUSTER_APPLIED, tenant, requestId, T0.plusSeconds(1),
        EventData.applied("tenant-" + tenant, List.of("Namespace/tenant-" + tenant, "Cluster/" + tenant)));
  }

  static TenantEvent degraded(String tenant, String requestId, String reason) {
    return TenantEvent.unsealed(EventType.CLUSTER_DEGRADED, tenant, requestId, T0.plusSeconds(2),
        EventData.degraded(reason, "controlPlane"));
  }

  static TenantEvent rejected(String tenant, String requestId) {
    return TenantEvent.unsealed(EventType.TENANT_REJECTED, tenant, requestId, T0,
        EventData.rejected(List.of(new Violation("cluster.controlPlaneReplicas", "2 is even: use 1, 3, 5 or 7"))));
  }

  static TenantEvent deleting(String tenant, String requestId) {
    return TenantEvent.unsealed(EventType.TENANT_DELETING, tenant, requestId, T0.plusSeconds(3),
        EventData.deleting(ALICE));
  }

  static TenantEvent deleted(String tenant, String requestId) {
    return TenantEvent.unsealed(EventType.TENANT_DELETED, tenant, requestId, T0.plusSeconds(4), EventData.none());
  }

  /** {@code unsealed} sealed one after the other from the tenant's first event. */
  static List<TenantEvent> sealFromGenesis(List<TenantEvent> unsealed) {
    List<TenantEvent> sealed = new ArrayList<>();
    ChainHead head = ChainHead.genesis(unsealed.get(0).tenant());
    for (TenantEvent event : unsealed) {
      TenantEvent next = HashChain.next(head, event);
      sealed.add(next);
      head = ChainHead.of(next);
    }
    return sealed;
  }
}
