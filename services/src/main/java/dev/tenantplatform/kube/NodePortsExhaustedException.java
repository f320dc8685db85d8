package dev.tenantplatform.kube;

/** No two free node ports are left in the configured range for a new NodePort tenant. */
public final class NodePortsExhaustedException extends RuntimeException {

  private final NodePortRange range;
  private final int tenants;
  private final int usedByOthers;

  NodePortsExhaustedException(NodePortRange range, int tenants, int usedByOthers) {
    super("no NodePort pair left in " + range + ": " + tenants + (tenants == 1 ? " tenant holds" : " tenants hold")
        + " one" + (usedByOthers == 0 ? "" : ", " + usedByOthers + (usedByOthers == 1 ? " port is" : " ports are")
        + " used by other Services")
        + "; widen the range or use serviceType ClusterIP/LoadBalancer");
    this.range = range;
    this.tenants = tenants;
    this.usedByOthers = usedByOthers;
  }

  public NodePortRange range() {
    return range;
  }

  /** How many tenants hold a pair. */
  public int tenants() {
    return tenants;
  }

  /** Ports of the range taken by Services that no tenant allocation accounts for. */
  public int usedByOthers() {
    return usedByOthers;
  }
}
