package dev.tenantplatform.sandbox.simulator;

import com.fasterxml.jackson.core.type.TypeReference;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The spec k0smotron gives the {@code k0smotron.io} Cluster: a copy of the K0smotronControlPlane's, with the
 * default certificate references and the CAPI Cluster's network merged into the k0s config (values the user
 * set win; {@code internal/controller/controlplane/util.go}).
 */
final class HostedClusterSpec {

  static final String HASH_ANNOTATION = "k0smotron.io/cluster-spec-hash";

  private HostedClusterSpec() {
  }

  static Map<String, Object> from(GenericKubernetesResource kcp, GenericKubernetesResource cluster) {
    Map<String, Object> spec = deepCopy(kcp.getAdditionalProperties().get("spec"));
    String name = cluster.getMetadata().getName();
    spec.putIfAbsent("certificateRefs", List.of(
        Fields.obj("type", "ca", "name", name + "-ca"),
        Fields.obj("type", "proxy", "name", name + "-proxy"),
        Fields.obj("type", "sa", "name", name + "-sa"),
        Fields.obj("type", "etcd", "name", name + "-etcd")));
    spec.put("k0sConfig", enrichedK0sConfig(spec.get("k0sConfig"), cluster));
    return spec;
  }

  private static Map<String, Object> enrichedK0sConfig(Object given, GenericKubernetesResource cluster) {
    Map<String, Object> config = given == null
        ? Fields.obj("apiVersion", "k0s.k0sproject.io/v1beta1", "kind", "ClusterConfig",
            "metadata", Fields.obj("name", "k0s"), "spec", Fields.obj())
        : deepCopy(given);
    Map<String, Object> spec = deepCopy(config.getOrDefault("spec", Map.of()));
    Map<String, Object> network = deepCopy(spec.getOrDefault("network", Map.of()));
    List<Object> pods = Fields.list(cluster, "spec", "clusterNetwork", "pods", "cidrBlocks");
    List<Object> services = Fields.list(cluster, "spec", "clusterNetwork", "services", "cidrBlocks");
    String domain = Fields.string(cluster, "spec", "clusterNetwork", "serviceDomain");
    if (!pods.isEmpty()) {
      network.putIfAbsent("podCIDR", pods.get(0));
    }
    if (!services.isEmpty()) {
      network.putIfAbsent("serviceCIDR", services.get(0));
    }
    if (domain != null) {
      network.putIfAbsent("clusterDomain", domain);
    }
    spec.put("network", network);
    config.put("spec", spec);
    return config;
  }

  /** Whether the hosted cluster's spec matches, ignoring what its own controller adds (address, certificates). */
  static boolean inSync(GenericKubernetesResource hosted, Map<String, Object> wanted) {
    return Fields.sameJson(keepingControllerFields(hosted, wanted), hosted.getAdditionalProperties().get("spec"));
  }

  /** The wanted spec, keeping the external address and certificate references the hosted cluster's controller set. */
  static Map<String, Object> keepingControllerFields(GenericKubernetesResource hosted, Map<String, Object> wanted) {
    Map<String, Object> merged = deepCopy(wanted);
    Map<String, Object> current = Fields.map(hosted, "spec");
    if (!merged.containsKey("externalAddress") && current.containsKey("externalAddress")) {
      merged.put("externalAddress", current.get("externalAddress"));
    }
    if (current.containsKey("certificateRefs")) {
      merged.put("certificateRefs", current.get("certificateRefs"));
    }
    return merged;
  }

  static String hash(Map<String, Object> spec) {
    return Hashes.of(spec);
  }

  static Map<String, Object> deepCopy(Object value) {
    if (value == null) {
      return new LinkedHashMap<>();
    }
    return Serialization.jsonMapper().convertValue(value, new TypeReference<LinkedHashMap<String, Object>>() { });
  }
}
