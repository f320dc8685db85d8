package dev.tenantplatform.metrics.model;

import dev.tenantplatform.events.PodRequests;
import java.math.BigDecimal;

/**
 * What the log tells of one tenant that the savings depend on.
 *
 * @param tenant the tenant's name
 * @param controlPlaneReplicas hosted control-plane replicas asked for
 * @param workers worker machines asked for
 * @param controlPlaneReady whether {@code cluster.controlplane.ready} was written for it
 * @param hosted its control-plane pods' requests, as that event carries them (scaled by later replica changes);
 *     null when the event carries none
 * @param bootSeconds request to a ready control plane, as {@code tenant.ready} measured it; null before
 */
public record TenantInputs(String tenant, int controlPlaneReplicas, int workers, boolean controlPlaneReady,
    HostedFootprint hosted, BigDecimal bootSeconds) {

  /** A tenant just created: nothing measured yet. */
  public static TenantInputs created(String tenant, int controlPlaneReplicas, int workers) {
    return new TenantInputs(tenant, controlPlaneReplicas, workers, false, null, null);
  }

  /**
   * With the spec of an update. {@code cluster.controlplane.ready} is written once per life of a tenant, so a
   * change of replicas is not measured again: the pods' requests are scaled to the new number of pods (k0s and
   * etcd alike run one pod per replica), each pod asking what the measured ones asked on average.
   */
  public TenantInputs withSpec(int replicas, int workerCount) {
    HostedFootprint scaled = hosted == null || replicas == controlPlaneReplicas ? hosted
        : new HostedFootprint(scale(hosted.k0s(), replicas), scale(hosted.etcd(), replicas));
    return new TenantInputs(tenant, replicas, workerCount, controlPlaneReady, scaled, bootSeconds);
  }

  private static PodRequests scale(PodRequests measured, int pods) {
    if (measured.pods() == 0) {
      return measured;
    }
    return new PodRequests(pods, measured.cpuMillis() * pods / measured.pods(),
        measured.memoryBytes() * pods / measured.pods());
  }

  public TenantInputs withControlPlane(HostedFootprint footprint) {
    return new TenantInputs(tenant, controlPlaneReplicas, workers, true, footprint, bootSeconds);
  }

  public TenantInputs withBootSeconds(BigDecimal seconds) {
    return new TenantInputs(tenant, controlPlaneReplicas, workers, controlPlaneReady, hosted, seconds);
  }
}
