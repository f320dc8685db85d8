package dev.tenantplatform.events;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The tenant cluster a request asks for. A field left out ({@code null}) means "the default" in a
 * create and "unchanged" in an update; {@link #over(ClusterSpec)} resolves it against a base.
 *
 * @param version k0s version, {@code vX.Y.Z+k0s.N}; a bare {@code vX.Y.Z} is completed to {@code +k0s.0}
 * @param controlPlaneReplicas hosted control-plane pods, odd (1, 3, 5, 7)
 * @param workers worker machines of the MachineDeployment
 * @param cni only {@code calico}, installed by a ClusterResourceSet
 * @param persistence k0s data of the control-plane pods: {@code emptyDir}, {@code hostPath} or {@code pvc}
 * @param serviceType how the control plane is exposed: {@code ClusterIP}, {@code NodePort} or {@code LoadBalancer}
 * @param infrastructure machine provider of the workers: {@code docker} (CAPD) or {@code dev}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ClusterSpec(String version, Integer controlPlaneReplicas, Integer workers, String cni,
    String persistence, String serviceType, String infrastructure) {

  /** The seed workshop's cluster: k0s v1.32.8, three hosted control-plane pods, two Docker workers. */
  public static final ClusterSpec DEFAULTS =
      new ClusterSpec("v1.32.8+k0s.0", 3, 2, "calico", "emptyDir", "NodePort", "docker");

  /** An update that changes nothing. */
  public static final ClusterSpec UNCHANGED = new ClusterSpec(null, null, null, null, null, null, null);

  /** This spec with every missing field taken from {@code base}. */
  public ClusterSpec over(ClusterSpec base) {
    return new ClusterSpec(
        version != null ? version : base.version,
        controlPlaneReplicas != null ? controlPlaneReplicas : base.controlPlaneReplicas,
        workers != null ? workers : base.workers,
        cni != null ? cni : base.cni,
        persistence != null ? persistence : base.persistence,
        serviceType != null ? serviceType : base.serviceType,
        infrastructure != null ? infrastructure : base.infrastructure);
  }

  /** This spec with the seed's defaults filled in. */
  public ClusterSpec withDefaults() {
    return over(DEFAULTS);
  }

  public ClusterSpec withVersion(String newVersion) {
    return new ClusterSpec(newVersion, controlPlaneReplicas, workers, cni, persistence, serviceType, infrastructure);
  }

  public ClusterSpec withWorkers(Integer newWorkers) {
    return new ClusterSpec(version, controlPlaneReplicas, newWorkers, cni, persistence, serviceType, infrastructure);
  }

  public ClusterSpec withControlPlaneReplicas(Integer replicas) {
    return new ClusterSpec(version, replicas, workers, cni, persistence, serviceType, infrastructure);
  }
}
