package dev.tenantplatform.deploy;

import dev.tenantplatform.sandbox.ApiCall;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * A call to the Kubernetes API as its authorizer sees it: the attributes RBAC rules are matched against.
 *
 * @param verb get, list, watch, create, update, patch, delete or deletecollection
 * @param group the API group, "" for the core group
 * @param resource the plural resource name, e.g. {@code clusters}
 * @param subresource e.g. {@code status}, or "" for the resource itself
 * @param namespace the namespace, or null for a cluster-scoped call (or a call across all namespaces)
 * @param name the object's name, or null for a collection
 */
record ResourceRequest(String verb, String group, String resource, String subresource, String namespace,
    String name) {

  /**
   * The attributes of {@code call}; empty for non-resource paths ({@code /version}, discovery), which every
   * authenticated client may read through the cluster's default {@code system:discovery} binding.
   */
  static Optional<ResourceRequest> of(ApiCall call) {
    String[] parts = call.path().replaceAll("^/+|/+$", "").split("/");
    int at;
    String group;
    if (parts.length >= 3 && parts[0].equals("api")) {
      group = "";
      at = 2;
    } else if (parts.length >= 4 && parts[0].equals("apis")) {
      group = parts[1];
      at = 3;
    } else {
      return Optional.empty();
    }
    String namespace = null;
    if (parts.length > at + 2 && parts[at].equals("namespaces")) {
      namespace = parts[at + 1];
      at += 2;
    }
    String resource = parts[at];
    // a list or watch of one name (a field selector on metadata.name) is authorized as a request for that name
    String name = parts.length > at + 1 ? parts[at + 1] : selectedName(call.query());
    String subresource = parts.length > at + 2 ? parts[at + 2] : "";
    if (namespace == null && resource.equals("namespaces") && name != null) {
      // /api/v1/namespaces/NAME is the namespace object itself, not a namespaced collection
      return Optional.of(new ResourceRequest(verb(call, true), group, resource, subresource, null, name));
    }
    return Optional.of(new ResourceRequest(verb(call, name != null), group, resource, subresource, namespace, name));
  }

  private static String selectedName(String query) {
    for (String parameter : query.split("&")) {
      String decoded = URLDecoder.decode(parameter, StandardCharsets.UTF_8);
      if (decoded.startsWith("fieldSelector=metadata.name=") && !decoded.contains(",")) {
        return decoded.substring("fieldSelector=metadata.name=".length());
      }
    }
    return null;
  }

  private static String verb(ApiCall call, boolean named) {
    return switch (call.method()) {
      case "GET", "HEAD" -> call.isWatch() ? "watch" : named && !call.query().contains("fieldSelector=") ? "get"
          : "list";
      case "POST" -> "create";
      case "PUT" -> "update";
      case "PATCH" -> "patch";
      case "DELETE" -> named ? "delete" : "deletecollection";
      default -> throw new IllegalArgumentException("no Kubernetes verb for the HTTP method " + call.method());
    };
  }

  /** The resource as RBAC rules name it: {@code clusters} or {@code clusters/status}. */
  String ruleResource() {
    return subresource.isEmpty() ? resource : resource + "/" + subresource;
  }

  @Override
  public String toString() {
    return verb + " " + (group.isEmpty() ? "core" : group) + "/" + ruleResource()
        + (namespace == null ? " (cluster-wide)" : " in " + namespace);
  }
}
