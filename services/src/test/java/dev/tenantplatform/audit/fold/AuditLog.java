package dev.tenantplatform.audit.fold;

import dev.tenantplatform.events.Action;
import dev.tenantplatform.events.ChainHead;
import dev.tenantplatform.events.CloudEventCodec;
import dev.tenantplatform.events.ClusterSpec;
import dev.tenantplatform.events.EventData;
import dev.tenantplatform.events.EventType;
import dev.tenantplatform.events.HashChain;
import dev.tenantplatform.events.KubeconfigRead;
import dev.tenantplatform.events.TenantEvent;
import dev.tenantplatform.events.TenantRequest;
import dev.tenantplatform.events.Topics;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds logs as the platform writes them — requests, sealed event chains, dead letters — as {@link LogRecord}s
 * with offsets per partition, so the fold can be tested without a broker.
 */
public final class AuditLog {

  public static final Instant T0 = Instant.parse("2026-03-04T05:06:07.890Z");
  public static final String ALICE = "alice@example.com";
  static final AuditTopics TOPICS = AuditTopics.PLATFORM;

  private static final CloudEventCodec CODEC = new CloudEventCodec();

  private final List<LogRecord> records = new ArrayList<>();
  private final Map<String, Long> nextOffset = new HashMap<>();

  List<LogRecord> records() {
    return List.copyOf(records);
  }

  /** Appends a record to {@code topic}'s {@code partition}, at the next offset. */
  LogRecord append(String topic, int partition, Instant time, String key, byte[] value, Map<String, String> headers) {
    long offset = nextOffset.merge(topic + "/" + partition, 1L, Long::sum) - 1;
    LogRecord record = new LogRecord(topic, partition, offset, time.toEpochMilli(), key, value, headers);
    records.add(record);
    return record;
  }

  LogRecord request(TenantRequest request, int partition, Instant time) {
    return append(TOPICS.requests(), partition, time, request.tenant(),
        CODEC.encodeRequest(request, URI.create("/tenant-platform/api"), time), Map.of());
  }

  LogRecord kubeconfigRead(String tenant, String readBy, String scope, int partition, Instant time) {
    return append(TOPICS.requests(), partition, time, tenant, CODEC.encodeKubeconfigRead(new KubeconfigRead(
        "read-" + records.size(), tenant, readBy, scope, time)), Map.of());
  }

  LogRecord event(TenantEvent sealed, int partition) {
    return append(TOPICS.events(), partition, sealed.time(), sealed.tenant(), CODEC.encodeEvent(sealed), Map.of());
  }

  LogRecord deadLetter(String key, String tenant, String code, String reason, int partition, Instant time) {
    Map<String, String> headers = new HashMap<>(Map.of(Topics.DLQ_REASON, reason, Topics.DLQ_REASON_CODE, code,
        Topics.DLQ_SOURCE_TOPIC, TOPICS.requests(), Topics.DLQ_SOURCE_PARTITION, Integer.toString(partition),
        Topics.DLQ_SOURCE_OFFSET, "7"));
    if (tenant != null) {
      headers.put(Topics.DLQ_TENANT, tenant);
    }
    return append(TOPICS.deadLetters(), partition, time, key, "{".getBytes(StandardCharsets.UTF_8), headers);
  }

  /**
   * A tenant's create and its whole way to Ready, on {@code partition}: the request at {@code start}, then
   * accepted, applied, provisioned, control plane ready, cni, workers, ready, a second apart. Returns the
   * sealed events.
   */
  List<TenantEvent> onboard(String tenant, int partition, Instant start) {
    TenantRequest create = createRequest(tenant);
    request(create, partition, start);
    List<TenantEvent> events = onboarding(create, start);
    events.forEach(e -> event(e, partition));
    return events;
  }

  /** The create of {@code tenant} with three workers, asked by Alice. */
  public static TenantRequest createRequest(String tenant) {
    return new TenantRequest(tenant + "-create", Action.CREATE, tenant, ALICE,
        new ClusterSpec(null, null, 3, null, null, null, null));
  }

  /** The seven events of {@code create}'s way to Ready, sealed from the genesis, a second apart after {@code start}. */
  public static List<TenantEvent> onboarding(TenantRequest create, Instant start) {
    String tenant = create.tenant();
    return seal(tenant, ChainHead.genesis(tenant), start, List.of(
        unsealed(EventType.TENANT_ACCEPTED, tenant, create.requestId(),
            EventData.accepted(create, ClusterSpec.DEFAULTS.withWorkers(3))),
        unsealed(EventType.CLUSTER_APPLIED, tenant, create.requestId(),
            EventData.applied("tenant-" + tenant, List.of("Namespace/tenant-" + tenant, "Cluster/" + tenant))),
        unsealed(EventType.CLUSTER_PROVISIONED, tenant, create.requestId(), EventData.provisioned("172.18.0.2", 30443)),
        unsealed(EventType.CLUSTER_CONTROLPLANE_READY, tenant, create.requestId(),
            EventData.controlPlaneReady(3, 3, "v1.32.8+k0s.0")),
        unsealed(EventType.CLUSTER_CNI_APPLIED, tenant, create.requestId(), EventData.cniApplied("calico", "calico")),
        unsealed(EventType.CLUSTER_WORKERS_READY, tenant, create.requestId(), EventData.workersReady(3, 3)),
        unsealed(EventType.TENANT_READY, tenant, create.requestId(), EventData.ready(Duration.ofMillis(5_500),
            Duration.ofMillis(4_000), Duration.ofMillis(7_250)))));
  }

  /** {@code unsealed} sealed after {@code head}, stamped a second apart from {@code start} plus a second. */
  public static List<TenantEvent> seal(String tenant, ChainHead head, Instant start, List<TenantEvent> unsealed) {
    List<TenantEvent> sealed = new ArrayList<>();
    ChainHead at = head;
    for (int i = 0; i < unsealed.size(); i++) {
      TenantEvent u = unsealed.get(i);
      TenantEvent timed = TenantEvent.unsealed(u.type(), tenant, u.requestId(), start.plusSeconds(i + 1L), u.data());
      TenantEvent next = HashChain.next(at, timed);
      sealed.add(next);
      at = ChainHead.of(next);
    }
    return sealed;
  }

  public static TenantEvent unsealed(EventType type, String tenant, String requestId, ObjectNode data) {
    return TenantEvent.unsealed(type, tenant, requestId, T0, data);
  }

  /** A whole report of {@code records} for {@code query}. */
  static AuditReport fold(AuditQuery query, List<LogRecord> records) {
    AuditFold fold = new AuditFold(query);
    records.forEach(fold::accept);
    return fold.report();
  }

  static AuditQuery everything(boolean verify) {
    return AuditQuery.history(TOPICS, Window.WHOLE_LOG, null, verify);
  }
}
