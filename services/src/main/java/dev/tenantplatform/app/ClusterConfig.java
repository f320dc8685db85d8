package dev.tenantplatform.app;

import java.util.ArrayList;
import java.util.List;

/**
 * How an instance finds the other instances of its platform: they form one Vert.x cluster through Hazelcast,
 * found either at fixed addresses (TCP-IP, e.g. on one machine) or through a headless Kubernetes Service. Multicast
 * is never used. Validated at start with messages that say what to fix.
 *
 * @param name                 instances with the same name form one cluster; another name, another platform
 * @param host                 the address this member binds and announces to the others (in Kubernetes: the
 *                             pod's IP); null lets Hazelcast choose
 * @param port                 the first Hazelcast member port; taken ports are skipped, up to 20 further
 * @param members              TCP-IP discovery: the members to contact, {@code host} or {@code host:port}
 * @param kubernetesService    Kubernetes discovery: the headless Service whose endpoints are the instances
 * @param kubernetesNamespace  the Service's namespace; null: the namespace the pod runs in
 */
public record ClusterConfig(String name, String host, int port, List<String> members, String kubernetesService,
    String kubernetesNamespace) {

  public static final String DEFAULT_NAME = "tenant-platform";
  public static final int DEFAULT_PORT = 5701;
  /** How far a member looks for a free port above {@link #port()}: room for several instances on one machine. */
  public static final int PORT_COUNT = 20;

  public ClusterConfig {
    members = members == null ? List.of() : members.stream().map(String::trim).filter(m -> !m.isEmpty()).toList();
    kubernetesService = blankToNull(kubernetesService);
    kubernetesNamespace = blankToNull(kubernetesNamespace);
    host = blankToNull(host);
    List<String> problems = new ArrayList<>();
    if (name == null || !name.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,62}")) {
      problems.add("the cluster name '" + name + "' must be 1-63 letters, digits, '.', '_' or '-'");
    }
    if (port < 1 || port > 65_535 - PORT_COUNT) {
      problems.add("the cluster port " + port + " must be between 1 and " + (65_535 - PORT_COUNT));
    }
    if (members.isEmpty() == (kubernetesService == null)) {
      problems.add(members.isEmpty()
          ? "no way to find the other instances: give --cluster-members HOST[:PORT],… (TCP-IP) or"
              + " --cluster-kubernetes-service NAME (Kubernetes discovery)"
          : "--cluster-members and --cluster-kubernetes-service exclude each other: give one way to find the others");
    }
    members.stream().filter(m -> !m.matches("[^\\s:,]+(:\\d{1,5})?")).forEach(m -> problems.add("the cluster"
        + " member '" + m + "' is not HOST or HOST:PORT"));
    if (kubernetesNamespace != null && kubernetesService == null) {
      problems.add("--cluster-kubernetes-namespace needs --cluster-kubernetes-service");
    }
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException("invalid cluster configuration: " + String.join("; ", problems));
    }
  }

  /** Several instances on this machine: loopback only, each taking the next free port from the default. */
  public static ClusterConfig loopback(String name) {
    // A member given without a port is looked for on every port of the range.
    return new ClusterConfig(name, "127.0.0.1", DEFAULT_PORT, List.of("127.0.0.1"), null, null);
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.trim();
  }
}
