package dev.tenantplatform.events;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The lifecycle events of a tenant, the names of the contract. On the wire each is a CloudEvent of type
 * {@code dev.tenantplatform.<name>.v1} ({@link #ceType()}); the keys of each type's data are listed below,
 * built by {@link EventData} and checked by the JSON Schema {@code tenant-event.v1.schema.json}.
 *
 * <p><b>Recovery.</b> A tenant that leaves {@code Degraded} is announced by a new {@link #TENANT_READY} with
 * {@code recovered: true} and {@code degradedSeconds} (how long it was degraded) instead of the provisioning
 * durations. The state it announces is the one every consumer already understands (Ready), so a consumer that
 * ignores {@code recovered} still folds the right state; one that measures provisioning skips recovered
 * events, so nothing is counted twice. A degraded event that said "not degraded any more" would be misread by
 * every consumer that only looks at the type.
 *
 * <table>
 *   <caption>Data keys per type (besides the chain fields of every event)</caption>
 *   <tr><th>type</th><th>required</th><th>optional</th></tr>
 *   <tr><td>tenant.accepted</td><td>action, requestedBy</td><td>cluster (the resolved spec)</td></tr>
 *   <tr><td>tenant.rejected</td><td>reason</td><td>violations [{field, reason}], action</td></tr>
 *   <tr><td>cluster.applied</td><td>namespace</td><td>objects ["Kind/name"]</td></tr>
 *   <tr><td>cluster.controlplane.ready</td><td>readyReplicas, replicas</td><td>version, resources</td></tr>
 *   <tr><td>cluster.provisioned</td><td></td><td>controlPlaneEndpoint {host, port}</td></tr>
 *   <tr><td>cluster.workers.ready</td><td>readyWorkers, workers</td><td></td></tr>
 *   <tr><td>cluster.cni.applied</td><td>cni</td><td>resourceSet</td></tr>
 *   <tr><td>tenant.ready</td><td>controlPlaneReadySeconds, provisionedSeconds, readySeconds; or, with
 *       recovered: true, degradedSeconds</td><td>recovered</td></tr>
 *   <tr><td>tenant.updated</td><td>cluster (the resolved spec)</td><td>changed [field names]</td></tr>
 *   <tr><td>cluster.degraded</td><td>reason</td><td>stage</td></tr>
 *   <tr><td>cluster.failed</td><td>reason</td><td>stage</td></tr>
 *   <tr><td>tenant.deleting</td><td></td><td>requestedBy</td></tr>
 *   <tr><td>tenant.deleted</td><td></td><td></td></tr>
 * </table>
 *
 * <p>Durations are seconds from the request's time, with millisecond precision ({@code 61.234}).
 */
public enum EventType {
  TENANT_ACCEPTED("tenant.accepted", "action", "requestedBy"),
  TENANT_REJECTED("tenant.rejected", "reason"),
  CLUSTER_APPLIED("cluster.applied", "namespace"),
  CLUSTER_CONTROLPLANE_READY("cluster.controlplane.ready", "readyReplicas", "replicas"),
  CLUSTER_PROVISIONED("cluster.provisioned"),
  CLUSTER_WORKERS_READY("cluster.workers.ready", "readyWorkers", "workers"),
  CLUSTER_CNI_APPLIED("cluster.cni.applied", "cni"),
  TENANT_READY("tenant.ready", "controlPlaneReadySeconds", "provisionedSeconds", "readySeconds"),
  TENANT_UPDATED("tenant.updated", "cluster"),
  CLUSTER_DEGRADED("cluster.degraded", "reason"),
  CLUSTER_FAILED("cluster.failed", "reason"),
  TENANT_DELETING("tenant.deleting"),
  TENANT_DELETED("tenant.deleted");

  /** The CloudEvent type of a tenant request on {@code tenant.requests}. */
  public static final String REQUESTED_CE_TYPE = "dev.tenantplatform.tenant.requested.v1";

  /** The keys a recovery ({@code tenant.ready} with {@code recovered: true}) carries instead of durations. */
  public static final List<String> RECOVERY_KEYS = List.of("recovered", "degradedSeconds");

  private static final String CE_PREFIX = "dev.tenantplatform.";
  private static final String CE_SUFFIX = ".v1";
  private static final Map<String, EventType> BY_NAME = index(EventType::eventName);
  private static final Map<String, EventType> BY_CE_TYPE = index(EventType::ceType);

  private final String eventName;
  private final List<String> requiredKeys;

  EventType(String eventName, String... requiredKeys) {
    this.eventName = eventName;
    this.requiredKeys = List.of(requiredKeys);
  }

  /** The contract's name, {@code tenant.ready}. */
  public String eventName() {
    return eventName;
  }

  /** The CloudEvent type, {@code dev.tenantplatform.tenant.ready.v1}. */
  public String ceType() {
    return CE_PREFIX + eventName + CE_SUFFIX;
  }

  /** The data keys every event of this type carries (a recovery's are {@link #RECOVERY_KEYS}). */
  public List<String> requiredKeys() {
    return requiredKeys;
  }

  /** The required keys {@code data} lacks, in the order of {@link #requiredKeys()}. */
  public List<String> missingKeys(JsonNode data) {
    List<String> required = isRecovery(data) ? RECOVERY_KEYS : requiredKeys;
    List<String> missing = List.of();
    for (String key : required) {
      if (!data.hasNonNull(key)) {
        missing = missing.isEmpty() ? new ArrayList<>() : missing;
        missing.add(key);
      }
    }
    return missing;
  }

  /** Whether {@code data} of this type announces a recovery out of Degraded. */
  public boolean isRecovery(JsonNode data) {
    return this == TENANT_READY && data.path("recovered").asBoolean(false);
  }

  /** The type named {@code name} ({@code tenant.ready}). */
  public static Optional<EventType> byName(String name) {
    return name == null ? Optional.empty() : Optional.ofNullable(BY_NAME.get(name));
  }

  /** The type whose CloudEvent type is {@code ceType} ({@code dev.tenantplatform.tenant.ready.v1}). */
  public static Optional<EventType> byCeType(String ceType) {
    return ceType == null ? Optional.empty() : Optional.ofNullable(BY_CE_TYPE.get(ceType));
  }

  @Override
  public String toString() {
    return eventName;
  }

  private static Map<String, EventType> index(Function<EventType, String> key) {
    return Arrays.stream(values()).collect(Collectors.toUnmodifiableMap(key, Function.identity()));
  }
}
