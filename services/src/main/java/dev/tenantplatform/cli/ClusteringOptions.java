package dev.tenantplatform.cli;

import dev.tenantplatform.app.ClusterConfig;
import java.util.List;
import picocli.CommandLine.Option;

/** How {@code run} finds the platform's other instances; each option also reads an environment variable. */
final class ClusteringOptions {

  @Option(names = "--cluster", defaultValue = "${env:TENANT_PLATFORM_CLUSTER:-false}",
      description = "Join the platform's other instances in one Vert.x cluster (Hazelcast) (env"
          + " TENANT_PLATFORM_CLUSTER=true). Without it the instance runs alone; Kafka still shares the tenants"
          + " among instances of the same consumer group.")
  boolean enabled;

  @Option(names = "--cluster-name", paramLabel = "NAME", defaultValue = "${env:TENANT_PLATFORM_CLUSTER_NAME:-"
      + ClusterConfig.DEFAULT_NAME + "}",
      description = "Instances with the same name form one cluster (env TENANT_PLATFORM_CLUSTER_NAME; default:"
          + " ${DEFAULT-VALUE}).")
  String name;

  @Option(names = "--cluster-host", paramLabel = "ADDRESS", defaultValue = "${env:TENANT_PLATFORM_CLUSTER_HOST}",
      description = "Address this instance binds and announces to the others; in Kubernetes the pod IP from the"
          + " downward API (env TENANT_PLATFORM_CLUSTER_HOST; default: Hazelcast picks an interface).")
  String host;

  @Option(names = "--cluster-port", paramLabel = "N", defaultValue = "${env:TENANT_PLATFORM_CLUSTER_PORT:-"
      + ClusterConfig.DEFAULT_PORT + "}",
      description = "First Hazelcast member port; taken ports are skipped, up to " + ClusterConfig.PORT_COUNT
          + " further (env TENANT_PLATFORM_CLUSTER_PORT; default: ${DEFAULT-VALUE}).")
  int port;

  @Option(names = "--cluster-members", paramLabel = "HOST[:PORT],…", split = ",",
      defaultValue = "${env:TENANT_PLATFORM_CLUSTER_MEMBERS}",
      description = "TCP-IP discovery: members to contact; a HOST without a port is tried on the whole port range"
          + " (env TENANT_PLATFORM_CLUSTER_MEMBERS). Excludes --cluster-kubernetes-service.")
  List<String> members;

  @Option(names = "--cluster-kubernetes-service", paramLabel = "NAME",
      defaultValue = "${env:TENANT_PLATFORM_CLUSTER_KUBERNETES_SERVICE}",
      description = "Kubernetes discovery: the headless Service selecting the platform's pods; the service"
          + " account needs get/list on endpoints (or endpointslices) and pods (env"
          + " TENANT_PLATFORM_CLUSTER_KUBERNETES_SERVICE).")
  String kubernetesService;

  @Option(names = "--cluster-kubernetes-namespace", paramLabel = "NAMESPACE",
      defaultValue = "${env:TENANT_PLATFORM_CLUSTER_KUBERNETES_NAMESPACE}",
      description = "Namespace of that Service (env TENANT_PLATFORM_CLUSTER_KUBERNETES_NAMESPACE; default: the"
          + " pod's own).")
  String kubernetesNamespace;

  /** The cluster to join, or null to run alone. */
  ClusterConfig config() {
    return enabled ? new ClusterConfig(name, host, port, members, kubernetesService, kubernetesNamespace) : null;
  }
}
