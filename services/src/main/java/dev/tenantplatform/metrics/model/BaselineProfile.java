package dev.tenantplatform.metrics.model;

import java.math.BigDecimal;

/**
 * What the same tenant cluster would take with dedicated control-plane nodes, kubeadm style.
 *
 * @param name how the configuration names it ({@code dev}, {@code ha})
 * @param nodesPerCluster dedicated control-plane machines per tenant cluster
 * @param node size and price of every machine of the baseline, control plane and workers alike (the seed's
 *     assumption: one instance type for both)
 * @param bootSeconds time from the request to a ready control plane on dedicated machines
 */
public record BaselineProfile(String name, int nodesPerCluster, NodeShape node, BigDecimal bootSeconds) {

  /**
   * The seed's boot time of a kubeadm control plane on its own machines, "~3 min" (Action 7). No published figure
   * for a dedicated k0s control plane under CAPI exists; measure yours and configure it.
   */
  public static final BigDecimal SEED_BOOT_SECONDS = new BigDecimal("180");

  /** The seed's development cluster: one control-plane machine (Action 7's {@code dev-cluster}). */
  public static final BaselineProfile DEV = new BaselineProfile("dev", 1, NodeShape.T3_MEDIUM, SEED_BOOT_SECONDS);

  /** The seed's clusters at scale: three control-plane machines, so that etcd keeps quorum. */
  public static final BaselineProfile HA = new BaselineProfile("ha", 3, NodeShape.T3_MEDIUM, SEED_BOOT_SECONDS);

  public BaselineProfile {
    if (name == null || !name.matches("[a-z0-9][-a-z0-9]*")) {
      throw new IllegalArgumentException("baseline profile name '" + name
          + "' must be lower-case letters, digits and '-', such as ha");
    }
    if (nodesPerCluster < 1) {
      throw new IllegalArgumentException("baseline profile " + name + ": " + nodesPerCluster
          + " control-plane nodes per cluster; a dedicated control plane needs at least 1");
    }
    if (node == null) {
      throw new IllegalArgumentException("baseline profile " + name + " needs a node shape");
    }
    if (bootSeconds == null || bootSeconds.signum() <= 0) {
      throw new IllegalArgumentException("baseline profile " + name + ": boot time " + bootSeconds
          + " s must be more than zero");
    }
  }

  public BaselineProfile withNode(NodeShape shape) {
    return new BaselineProfile(name, nodesPerCluster, shape, bootSeconds);
  }
}
