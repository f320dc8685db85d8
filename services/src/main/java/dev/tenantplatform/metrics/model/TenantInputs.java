package dev.tenantplatform.metrics.model;

import java.math.BigDecimal;

/**
 * What the log tells of one tenant that the savings depend on.
 *
 * @param tenant the tenant's name
 * @param controlPlaneReplicas hosted control-plane replicas asked for
 * @param workers worker machines asked for
 * @param controlPlaneReady whether {@code cluster.controlplane.ready} was written for it
 * @param hosted its control-plane pods' requests, as that event carries them; null when the event carries none
 * @param bootSeconds request to a ready control plane, as {@code tenant.ready} measured it; null before
 */
public record TenantInputs(String tenant, int controlPlaneReplicas, int workers, boolean controlPlaneReady,
    HostedFootprint hosted, BigDecimal bootSeconds) {

  /** A tenant just created: nothing measured yet. */
  public static TenantInputs created(String tenant, int controlPlaneReplicas, int workers) {
    return new TenantInputs(tenant, controlPlaneReplicas, workers, false, null, null);
  }

  public TenantInputs withSpec(int replicas, int workerCount) {
    return new TenantInputs(tenant, replicas, workerCount, controlPlaneReady, hosted, bootSeconds);
  }

  public TenantInputs withControlPlane(HostedFootprint footprint) {
    return new TenantInputs(tenant, controlPlaneReplicas, workers, true, footprint, bootSeconds);
  }

  public TenantInputs withBootSeconds(BigDecimal seconds) {
    return new TenantInputs(tenant, controlPlaneReplicas, workers, controlPlaneReady, hosted, seconds);
  }
}
