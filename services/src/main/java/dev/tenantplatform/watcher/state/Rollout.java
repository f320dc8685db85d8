package dev.tenantplatform.watcher.state;

import dev.tenantplatform.events.ClusterSpec;
import java.util.Map;
import java.util.TreeMap;

/** Whether the objects run the accepted spec: the versions and replica counts of the last accepted request. */
final class Rollout {

  private Rollout() {
  }

  /** What of {@code spec} has not rolled out yet, in a few words, or null when all of it has. */
  static String pending(TenantObservation o, ClusterSpec spec) {
    if (spec == null) {
      return null;
    }
    ControlPlaneView cp = o.controlPlane();
    if (cp == null) {
      return "no control plane yet";
    }
    int replicas = spec.controlPlaneReplicas() == null ? cp.desiredReplicas() : spec.controlPlaneReplicas();
    if (cp.desiredReplicas() != replicas || !Versions.sameK0s(cp.desiredVersion(), spec.version())) {
      return "control plane not yet asked for " + replicas + " replicas of " + spec.version();
    }
    if (cp.replicas() != replicas || cp.upToDateReplicas() != replicas) {
      return "control plane " + cp.upToDateReplicas() + "/" + replicas + " replicas at " + spec.version();
    }
    MachineDeploymentView md = o.machineDeployment();
    int workers = spec.workers() == null ? (md == null ? 0 : md.desiredReplicas()) : spec.workers();
    if (md == null || md.desiredReplicas() != workers || !Versions.sameKubernetes(md.version(), spec.version())) {
      return "workers not yet asked for " + workers + " machines of " + spec.version();
    }
    if (o.machines().size() != workers) {
      return o.machines().size() + " of " + workers + " worker machines";
    }
    for (Map.Entry<String, MachineView> machine : new TreeMap<>(o.machines()).entrySet()) {
      if (!Versions.sameKubernetes(machine.getValue().version(), spec.version())) {
        return "machine " + machine.getKey() + " at " + machine.getValue().version();
      }
    }
    return null;
  }
}
