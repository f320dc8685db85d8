package dev.tenantplatform.events;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;

/**
 * The data of each event type, built with the keys {@link EventType} documents, so that producers do not
 * spell keys by hand. Each method returns a fresh object the caller may extend.
 */
public final class EventData {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);

  private EventData() {
  }

  /** {@code tenant.accepted}: what was asked, and (for create and update) the cluster it resolves to. */
  public static ObjectNode accepted(TenantRequest request, ClusterSpec resolved) {
    ObjectNode data = NODES.objectNode()
        .put("action", request.action().wire())
        .put("requestedBy", request.requestedBy());
    if (resolved != null) {
      data.set("cluster", JSON.valueToTree(resolved));
    }
    return data;
  }

  /** {@code tenant.rejected}: the reason in one line, and each violation when the request was readable. */
  public static ObjectNode rejected(String reason, List<Violation> violations) {
    ObjectNode data = NODES.objectNode().put("reason", reason);
    if (!violations.isEmpty()) {
      ArrayNode list = data.putArray("violations");
      violations.forEach(v -> list.addObject().put("field", v.field()).put("reason", v.reason()));
    }
    return data;
  }

  /** {@code tenant.rejected} for a request that failed validation. */
  public static ObjectNode rejected(List<Violation> violations) {
    return rejected(Violation.summary(violations), violations);
  }

  /** {@code cluster.applied}: the tenant's namespace and the objects written ({@code Kind/name}). */
  public static ObjectNode applied(String namespace, List<String> objects) {
    ObjectNode data = NODES.objectNode().put("namespace", namespace);
    ArrayNode list = data.putArray("objects");
    objects.forEach(list::add);
    return data;
  }

  /** {@code cluster.controlplane.ready}: ready pods of the hosted control plane, and its running version. */
  public static ObjectNode controlPlaneReady(int readyReplicas, int replicas, String version) {
    ObjectNode data = NODES.objectNode().put("readyReplicas", readyReplicas).put("replicas", replicas);
    if (version != null) {
      data.put("version", version);
    }
    return data;
  }

  /**
   * {@code cluster.controlplane.ready} with what the control-plane pods request, per component, summed over its
   * pods ({@code resources: {k0s: {pods, cpuMillis, memoryBytes}, etcd: {...}}}): the hosted side of the
   * savings, written to the log so that every reader of it computes the same figures.
   */
  public static ObjectNode controlPlaneReady(int readyReplicas, int replicas, String version, PodRequests k0s,
      PodRequests etcd) {
    ObjectNode data = controlPlaneReady(readyReplicas, replicas, version);
    ObjectNode resources = data.putObject("resources");
    resources.set("k0s", requests(k0s));
    resources.set("etcd", requests(etcd));
    return data;
  }

  private static ObjectNode requests(PodRequests requests) {
    return NODES.objectNode().put("pods", requests.pods()).put("cpuMillis", requests.cpuMillis())
        .put("memoryBytes", requests.memoryBytes());
  }

  /** {@code cluster.provisioned}, with the control plane's endpoint when it is known. */
  public static ObjectNode provisioned(String host, Integer port) {
    ObjectNode data = NODES.objectNode();
    if (host != null) {
      ObjectNode endpoint = data.putObject("controlPlaneEndpoint").put("host", host);
      if (port != null) {
        endpoint.put("port", port);
      }
    }
    return data;
  }

  /** {@code cluster.workers.ready}. */
  public static ObjectNode workersReady(int readyWorkers, int workers) {
    return NODES.objectNode().put("readyWorkers", readyWorkers).put("workers", workers);
  }

  /** {@code cluster.cni.applied}: the plugin, and the ClusterResourceSet that applied it. */
  public static ObjectNode cniApplied(String cni, String resourceSet) {
    ObjectNode data = NODES.objectNode().put("cni", cni);
    if (resourceSet != null) {
      data.put("resourceSet", resourceSet);
    }
    return data;
  }

  /** {@code tenant.ready} the first time: how long from the request to each stage. */
  public static ObjectNode ready(Duration controlPlaneReady, Duration provisioned, Duration ready) {
    return NODES.objectNode()
        .put("controlPlaneReadySeconds", seconds(controlPlaneReady))
        .put("provisionedSeconds", seconds(provisioned))
        .put("readySeconds", seconds(ready));
  }

  /** {@code tenant.ready} after {@code cluster.degraded}: a recovery, and how long it was degraded. */
  public static ObjectNode recovered(Duration degraded) {
    return NODES.objectNode().put("recovered", true).put("degradedSeconds", seconds(degraded));
  }

  /** {@code tenant.updated}: the cluster after the update, and which fields changed. */
  public static ObjectNode updated(ClusterSpec cluster, List<String> changed) {
    ObjectNode data = NODES.objectNode();
    data.set("cluster", JSON.valueToTree(cluster));
    ArrayNode list = data.putArray("changed");
    changed.forEach(list::add);
    return data;
  }

  /** {@code cluster.degraded}: why, and at which stage the tenant stopped progressing (when known). */
  public static ObjectNode degraded(String reason, String stage) {
    return reasonAndStage(reason, stage);
  }

  /** {@code cluster.failed}: why, and at which stage. */
  public static ObjectNode failed(String reason, String stage) {
    return reasonAndStage(reason, stage);
  }

  /** {@code tenant.deleting}: who asked. */
  public static ObjectNode deleting(String requestedBy) {
    return NODES.objectNode().put("requestedBy", requestedBy);
  }

  /** Data of a type that carries nothing ({@code tenant.deleted}). */
  public static ObjectNode none() {
    return NODES.objectNode();
  }

  /** Seconds with millisecond precision: {@code 61.234}. */
  public static BigDecimal seconds(Duration duration) {
    return BigDecimal.valueOf(duration.toMillis(), 3);
  }

  private static ObjectNode reasonAndStage(String reason, String stage) {
    ObjectNode data = NODES.objectNode().put("reason", reason);
    if (stage != null) {
      data.put("stage", stage);
    }
    return data;
  }
}
