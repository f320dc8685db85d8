package dev.tenantplatform.events;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** Typical requests and events, for tests here and in the services (published in the test jar). */
public final class EventSamples {

  /** A fixed instant, so that hashes are reproducible. */
  public static final Instant T0 = Instant.parse("2026-01-02T03:04:05.678Z");
  public static final String REQUEST_ID = "6f1c2a9e-0b7d-4c1e-9a53-2f0e8d4b7c11";

  private EventSamples() {
  }

  /** A create for {@code tenant} with the seed's cluster. */
  public static TenantRequest create(String tenant) {
    return new TenantRequest(REQUEST_ID, Action.CREATE, tenant, "alice@example.com", ClusterSpec.DEFAULTS);
  }

  /** The data each type typically carries. */
  public static ObjectNode dataOf(EventType type) {
    return switch (type) {
      case TENANT_ACCEPTED -> EventData.accepted(create("acme"), ClusterSpec.DEFAULTS);
      case TENANT_REJECTED -> EventData.rejected(List.of(new Violation("cluster.controlPlaneReplicas",
          "controlPlaneReplicas 2 is even: etcd needs an odd number (1, 3, 5 or 7) to keep quorum")));
      case CLUSTER_APPLIED -> EventData.applied("tenant-acme", List.of("Namespace/tenant-acme",
          "Cluster/acme", "K0smotronControlPlane/acme-cp"));
      case CLUSTER_CONTROLPLANE_READY -> EventData.controlPlaneReady(3, 3, "v1.32.8+k0s.0",
          new PodRequests(3, 3000, 3L << 30), new PodRequests(3, 750, 3L * (512 << 20)));
      case CLUSTER_PROVISIONED -> EventData.provisioned("172.18.0.2", 30443);
      case CLUSTER_WORKERS_READY -> EventData.workersReady(2, 2);
      case CLUSTER_CNI_APPLIED -> EventData.cniApplied("calico", "calico");
      case TENANT_READY -> EventData.ready(Duration.ofMillis(61_234), Duration.ofMillis(48_500),
          Duration.ofMillis(95_000));
      case TENANT_UPDATED -> EventData.updated(ClusterSpec.DEFAULTS.withWorkers(5), List.of("workers"));
      case CLUSTER_DEGRADED -> EventData.degraded("control plane not ready after 600 s: 2 of 3 pods ready",
          "controlPlane");
      case CLUSTER_FAILED -> EventData.failed("the API server refused the Cluster: admission webhook denied it",
          "apply");
      case TENANT_DELETING -> EventData.deleting("alice@example.com");
      case TENANT_DELETED -> EventData.none();
    };
  }

  /** One unsealed event of every type for {@code tenant}, a second apart. */
  public static Map<EventType, TenantEvent> unsealedOfEachType(String tenant) {
    Map<EventType, TenantEvent> events = new EnumMap<>(EventType.class);
    for (EventType type : EventType.values()) {
      events.put(type, TenantEvent.unsealed(type, tenant, REQUEST_ID, T0.plusSeconds(type.ordinal()),
          dataOf(type)));
    }
    return events;
  }

  /** A whole life of {@code tenant}, sealed: created, ready, scaled, degraded, recovered, deleted. */
  public static List<TenantEvent> lifeOf(String tenant) {
    List<EventType> steps = List.of(EventType.TENANT_ACCEPTED, EventType.CLUSTER_APPLIED,
        EventType.CLUSTER_PROVISIONED, EventType.CLUSTER_CONTROLPLANE_READY, EventType.CLUSTER_CNI_APPLIED,
        EventType.CLUSTER_WORKERS_READY, EventType.TENANT_READY, EventType.TENANT_UPDATED,
        EventType.CLUSTER_DEGRADED, EventType.TENANT_READY, EventType.TENANT_DELETING, EventType.TENANT_DELETED);
    List<TenantEvent> unsealed = new ArrayList<>();
    for (int i = 0; i < steps.size(); i++) {
      EventType type = steps.get(i);
      ObjectNode data = i == 9 ? EventData.recovered(Duration.ofSeconds(42)) : dataOf(type);
      unsealed.add(TenantEvent.unsealed(type, tenant, REQUEST_ID, T0.plusSeconds(10L * i), data));
    }
    return seal(unsealed);
  }

  /** {@code unsealed}, sealed in order from the genesis of their tenant. */
  public static List<TenantEvent> seal(List<TenantEvent> unsealed) {
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
