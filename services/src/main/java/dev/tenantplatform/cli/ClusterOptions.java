package dev.tenantplatform.cli;

import io.vertx.core.json.JsonObject;
import picocli.CommandLine.Option;

/** The cluster fields of a create or an update; a field left out is the default (create) or unchanged (update). */
final class ClusterOptions {

  @Option(names = "--k0s-version", paramLabel = "VERSION",
      description = "k0s version, e.g. v1.32.8+k0s.0 (a bare v1.32.8 gets +k0s.0).")
  String version;

  @Option(names = "--control-plane-replicas", paramLabel = "N", description = "Hosted control-plane pods: 1, 3, 5 or 7.")
  Integer controlPlaneReplicas;

  @Option(names = "--workers", paramLabel = "N", description = "Worker machines.")
  Integer workers;

  @Option(names = "--cni", description = "Network plugin: calico.")
  String cni;

  @Option(names = "--persistence", description = "Control-plane data: emptyDir, hostPath or pvc.")
  String persistence;

  @Option(names = "--service-type", paramLabel = "TYPE",
      description = "How the control plane is exposed: ClusterIP, NodePort or LoadBalancer.")
  String serviceType;

  @Option(names = "--infrastructure", description = "Worker machine provider: docker or dev.")
  String infrastructure;

  JsonObject toJson() {
    JsonObject cluster = new JsonObject();
    putIfSet(cluster, "version", version);
    putIfSet(cluster, "controlPlaneReplicas", controlPlaneReplicas);
    putIfSet(cluster, "workers", workers);
    putIfSet(cluster, "cni", cni);
    putIfSet(cluster, "persistence", persistence);
    putIfSet(cluster, "serviceType", serviceType);
    putIfSet(cluster, "infrastructure", infrastructure);
    return cluster;
  }

  private static void putIfSet(JsonObject json, String key, Object value) {
    if (value != null) {
      json.put(key, value);
    }
  }
}
