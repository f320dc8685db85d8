package dev.tenantplatform.watcher.state;

/**
 * What the state needs of a tenant's CAPI Cluster ({@code k0smotron-capi.md} §6).
 *
 * @param phase {@code status.phase}: Pending, Provisioning, Provisioned, Deleting, Failed, Unknown; null before
 *     CAPI has written one
 * @param deleting whether the Cluster has a deletion timestamp
 * @param endpointHost {@code spec.controlPlaneEndpoint.host}, null until k0smotron writes it
 * @param endpointPort {@code spec.controlPlaneEndpoint.port}, 0 until k0smotron writes it
 * @param cniLabel the value of its {@code cni} label, null without one
 */
public record ClusterView(String phase, boolean deleting, String endpointHost, int endpointPort, String cniLabel) {

  public static final String PROVISIONED = "Provisioned";
  public static final String FAILED = "Failed";

  public boolean provisioned() {
    return PROVISIONED.equals(phase);
  }
}
