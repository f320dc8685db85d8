package dev.tenantplatform.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * The {@code data} of a tenant request, both ways. Read by hand rather than data-bound, so that each wrong
 * field gets its own plain message and nothing is coerced: {@code "3"} is not a number, {@code 2.5} workers is
 * not 2, and a misspelt field is an error rather than a silently kept default.
 */
final class RequestJson {

  static final List<String> REQUEST_FIELDS = List.of("requestId", "action", "tenant", "requestedBy", "cluster");
  static final List<String> CLUSTER_FIELDS = List.of("version", "controlPlaneReplicas", "workers", "cni",
      "persistence", "serviceType", "infrastructure");

  private RequestJson() {
  }

  static ObjectNode write(TenantRequest request) {
    ObjectNode data = JsonNodeFactory.instance.objectNode();
    putIfPresent(data, "requestId", request.requestId());
    putIfPresent(data, "action", request.action() == null ? null : request.action().wire());
    putIfPresent(data, "tenant", request.tenant());
    putIfPresent(data, "requestedBy", request.requestedBy());
    if (request.action() != Action.DELETE) {
      ClusterSpec spec = request.cluster();
      ObjectNode cluster = data.putObject("cluster");
      putIfPresent(cluster, "version", spec.version());
      if (spec.controlPlaneReplicas() != null) {
        cluster.put("controlPlaneReplicas", spec.controlPlaneReplicas());
      }
      if (spec.workers() != null) {
        cluster.put("workers", spec.workers());
      }
      putIfPresent(cluster, "cni", spec.cni());
      putIfPresent(cluster, "persistence", spec.persistence());
      putIfPresent(cluster, "serviceType", spec.serviceType());
      putIfPresent(cluster, "infrastructure", spec.infrastructure());
    }
    return data;
  }

  /**
   * The request {@code data} describes.
   *
   * @throws CodecException listing every field of the wrong type, unknown field and unknown action
   */
  static TenantRequest read(ObjectNode data) {
    List<String> problems = new ArrayList<>();
    unknownFields(data, REQUEST_FIELDS, "", problems);
    String requestId = text(data, "requestId", "", problems);
    String tenant = text(data, "tenant", "", problems);
    String requestedBy = text(data, "requestedBy", "", problems);
    String actionText = text(data, "action", "", problems);
    Action action = actionText == null ? null : Action.of(actionText).orElse(null);
    if (actionText != null && action == null) {
      problems.add("unknown action '" + actionText + "': use create, update or delete");
    }
    ClusterSpec cluster = null;
    JsonNode clusterNode = data.get("cluster");
    if (clusterNode != null && !clusterNode.isNull()) {
      if (clusterNode.isObject()) {
        cluster = readCluster(clusterNode, problems);
      } else {
        problems.add("field 'cluster' must be an object such as {\"workers\": 3}, got " + show(clusterNode));
      }
    }
    if (!problems.isEmpty()) {
      throw new CodecException(DeadLetterReason.BAD_DATA, "the request's data cannot be read: "
          + String.join("; ", problems), tenant, requestId);
    }
    return new TenantRequest(requestId, action, tenant, requestedBy, cluster);
  }

  private static ClusterSpec readCluster(JsonNode node, List<String> problems) {
    unknownFields(node, CLUSTER_FIELDS, "cluster.", problems);
    return new ClusterSpec(
        text(node, "version", "cluster.", problems),
        integer(node, "controlPlaneReplicas", problems),
        integer(node, "workers", problems),
        text(node, "cni", "cluster.", problems),
        text(node, "persistence", "cluster.", problems),
        text(node, "serviceType", "cluster.", problems),
        text(node, "infrastructure", "cluster.", problems));
  }

  private static String text(JsonNode node, String field, String prefix, List<String> problems) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isTextual()) {
      problems.add("field '" + prefix + field + "' must be a string, got " + show(value));
      return null;
    }
    return value.textValue();
  }

  private static Integer integer(JsonNode node, String field, List<String> problems) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isIntegralNumber() || !value.canConvertToInt()) {
      problems.add("field 'cluster." + field + "' must be a whole number, got " + show(value));
      return null;
    }
    return value.intValue();
  }

  private static void unknownFields(JsonNode node, List<String> known, String prefix, List<String> problems) {
    for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!known.contains(name)) {
        problems.add("unknown field '" + prefix + name + "': the known fields are " + String.join(", ", known));
      }
    }
  }

  private static void putIfPresent(ObjectNode node, String field, String value) {
    if (value != null) {
      node.put(field, value);
    }
  }

  // Quotes the offending value, but not a whole novel of it.
  private static String show(JsonNode value) {
    String text = value.toString();
    return text.length() <= 60 ? text : text.substring(0, 57) + "...";
  }
}
