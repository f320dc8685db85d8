package dev.tenantplatform.provisioner.blueprint;

/**
 * The node ports allocated to one tenant whose control plane is exposed as {@code NodePort}. k0smotron
 * pins the Service's node ports to {@code apiPort}/{@code konnectivityPort}, and its defaults (30443, 30132)
 * collide from the second tenant on, so every NodePort tenant gets its own pair (k0smotron-capi.md §2, §13).
 */
public record NodePorts(int apiPort, int konnectivityPort) {

  /** Kubernetes' default node-port range ({@code --service-node-port-range}). */
  public static final int MIN = 30000;
  public static final int MAX = 32767;

  public NodePorts {
    check("apiPort", apiPort);
    check("konnectivityPort", konnectivityPort);
    if (apiPort == konnectivityPort) {
      throw new IllegalArgumentException("apiPort and konnectivityPort must differ, both are " + apiPort);
    }
  }

  private static void check(String name, int port) {
    if (port < MIN || port > MAX) {
      throw new IllegalArgumentException(name + " " + port + " is outside the node-port range " + MIN + "-" + MAX);
    }
  }
}
