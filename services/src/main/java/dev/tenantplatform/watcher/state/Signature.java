package dev.tenantplatform.watcher.state;

import java.util.List;

/**
 * How far a tenant has got, in numbers: a tenant whose signature has not changed for a while is not making
 * progress. Every step a controller takes towards Ready (a pod Running, a replica ready, a Machine joining, a
 * check passing) changes it.
 */
public record Signature(int passedChecks, int controlPlaneReady, int controlPlaneUpToDate, int podsRunning, int machines,
    int machinesRunning, int machinesReady, String rollout) {

  static Signature of(TenantObservation o, List<Check> checks, String rolloutPending) {
    int passed = 0;
    for (Check check : checks) {
      if (check.passed()) {
        passed |= 1 << check.name().ordinal();
      }
    }
    ControlPlaneView cp = o.controlPlane();
    int running = (int) o.machines().values().stream().filter(MachineView::running).count();
    int ready = (int) o.machines().values().stream().filter(m -> m.running() && m.ready()).count();
    return new Signature(passed, cp == null ? 0 : cp.readyReplicas(), cp == null ? 0 : cp.upToDateReplicas(),
        (int) o.pods().values().stream().filter(PodView::running).count(), o.machines().size(), running, ready,
        rolloutPending);
  }
}
