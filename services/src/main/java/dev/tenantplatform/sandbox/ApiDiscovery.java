package dev.tenantplatform.sandbox;

import dev.tenantplatform.kube.KubeKind;
import dev.tenantplatform.kube.Kinds;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The discovery documents of a real API server ({@code /version}, {@code /api}, {@code /apis},
 * {@code /apis/<group>/<version>}) for the kinds the embedded API holds. The CRUD mock answers these
 * paths with an empty list, which leaves kubectl without any resource type.
 */
final class ApiDiscovery {

  /** Built-in kinds that the platform, the simulator or a person with kubectl touch. */
  static final List<KubeKind> BUILT_IN = List.of(
      new KubeKind("", "v1", "Namespace", "namespaces", false),
      new KubeKind("", "v1", "Pod", "pods", true),
      new KubeKind("", "v1", "Service", "services", true),
      new KubeKind("", "v1", "Secret", "secrets", true),
      new KubeKind("", "v1", "ConfigMap", "configmaps", true),
      new KubeKind("", "v1", "ServiceAccount", "serviceaccounts", true),
      new KubeKind("", "v1", "PersistentVolumeClaim", "persistentvolumeclaims", true),
      new KubeKind("", "v1", "Endpoints", "endpoints", true),
      new KubeKind("", "v1", "Event", "events", true),
      new KubeKind("", "v1", "Node", "nodes", false),
      new KubeKind("apps", "v1", "StatefulSet", "statefulsets", true),
      new KubeKind("apps", "v1", "Deployment", "deployments", true),
      new KubeKind("coordination.k8s.io", "v1", "Lease", "leases", true));

  private static final Map<String, List<String>> SHORT_NAMES = Map.of(
      "namespaces", List.of("ns"), "pods", List.of("po"), "services", List.of("svc"),
      "configmaps", List.of("cm"), "serviceaccounts", List.of("sa"), "persistentvolumeclaims", List.of("pvc"),
      "nodes", List.of("no"), "statefulsets", List.of("sts"), "deployments", List.of("deploy"),
      "events", List.of("ev"));

  private static final List<String> VERBS =
      List.of("create", "delete", "deletecollection", "get", "list", "patch", "update", "watch");

  private final Map<String, List<KubeKind>> byGroupVersion = new LinkedHashMap<>();

  ApiDiscovery(List<KubeKind> customKinds) {
    List<KubeKind> all = new ArrayList<>(BUILT_IN);
    all.addAll(customKinds);
    all.forEach(k -> byGroupVersion.computeIfAbsent(k.apiVersion(), v -> new ArrayList<>()).add(k));
  }

  static ApiDiscovery standard() {
    return new ApiDiscovery(Kinds.ALL);
  }

  /** The document served at {@code path} (without query), or empty when the path is not a discovery path. */
  Optional<JsonObject> document(String path) {
    String p = path.endsWith("/") && path.length() > 1 ? path.substring(0, path.length() - 1) : path;
    if (p.equals("/version")) {
      return Optional.of(version());
    }
    if (p.equals("/api")) {
      return Optional.of(new JsonObject().put("kind", "APIVersions").put("versions", new JsonArray().add("v1"))
          .put("serverAddressByClientCIDRs", new JsonArray()));
    }
    if (p.equals("/apis")) {
      return Optional.of(groups());
    }
    if (p.startsWith("/api/") && p.indexOf('/', 5) < 0) {
      return resources(p.substring(5));
    }
    if (p.startsWith("/apis/")) {
      String rest = p.substring(6);
      int slash = rest.indexOf('/');
      if (slash < 0) {
        return group(rest);
      }
      if (rest.indexOf('/', slash + 1) < 0) {
        return resources(rest);
      }
    }
    return Optional.empty();
  }

  /** Where objects of this kind are created, e.g. {@code /api/v1/namespaces/tenant-acme/pods}. */
  Optional<String> collectionPath(String apiVersion, String kind, String namespace) {
    return byGroupVersion.getOrDefault(apiVersion, List.of()).stream().filter(k -> k.kind().equals(kind))
        .findFirst().map(k -> (k.group().isEmpty() ? "/api/" : "/apis/") + k.apiVersion()
            + (k.namespaced() && namespace != null ? "/namespaces/" + namespace : "") + "/" + k.plural());
  }

  private static JsonObject version() {
    return new JsonObject().put("major", "1").put("minor", "32").put("gitVersion", "v1.32.8-tenant-platform-sandbox")
        .put("gitCommit", "0000000000000000000000000000000000000000").put("gitTreeState", "clean")
        .put("buildDate", "2026-01-01T00:00:00Z").put("goVersion", "go1.23").put("compiler", "gc")
        .put("platform", "linux/amd64");
  }

  private JsonObject groups() {
    Map<String, List<String>> versionsByGroup = new LinkedHashMap<>();
    byGroupVersion.values().forEach(kinds -> {
      KubeKind k = kinds.get(0);
      if (!k.group().isEmpty()) {
        versionsByGroup.computeIfAbsent(k.group(), g -> new ArrayList<>()).add(k.version());
      }
    });
    JsonArray groups = new JsonArray();
    versionsByGroup.forEach((group, versions) -> groups.add(groupJson(group, versions)));
    return new JsonObject().put("kind", "APIGroupList").put("apiVersion", "v1").put("groups", groups);
  }

  private Optional<JsonObject> group(String group) {
    List<String> versions = byGroupVersion.values().stream().map(l -> l.get(0))
        .filter(k -> k.group().equals(group)).map(KubeKind::version).toList();
    return versions.isEmpty() ? Optional.empty()
        : Optional.of(groupJson(group, versions).put("kind", "APIGroup").put("apiVersion", "v1"));
  }

  private static JsonObject groupJson(String group, List<String> versions) {
    JsonArray list = new JsonArray();
    versions.forEach(v -> list.add(new JsonObject().put("groupVersion", group + "/" + v).put("version", v)));
    return new JsonObject().put("name", group).put("versions", list)
        .put("preferredVersion", list.getJsonObject(0).copy());
  }

  private Optional<JsonObject> resources(String groupVersion) {
    List<KubeKind> kinds = byGroupVersion.get(groupVersion);
    if (kinds == null) {
      return Optional.empty();
    }
    JsonArray list = new JsonArray();
    for (KubeKind k : kinds) {
      JsonObject resource = new JsonObject().put("name", k.plural()).put("singularName", k.kind().toLowerCase())
          .put("namespaced", k.namespaced()).put("kind", k.kind()).put("verbs", new JsonArray(VERBS));
      SHORT_NAMES.getOrDefault(k.plural(), List.of()).forEach(s ->
          resource.put("shortNames", resource.getJsonArray("shortNames", new JsonArray()).add(s)));
      list.add(resource);
      list.add(new JsonObject().put("name", k.plural() + "/status").put("singularName", "")
          .put("namespaced", k.namespaced()).put("kind", k.kind())
          .put("verbs", new JsonArray(List.of("get", "patch", "update"))));
    }
    return Optional.of(new JsonObject().put("kind", "APIResourceList").put("apiVersion", "v1")
        .put("groupVersion", groupVersion).put("resources", list));
  }
}
