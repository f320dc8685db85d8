package dev.tenantplatform.watcher.state;

import dev.tenantplatform.events.Action;
import dev.tenantplatform.events.EventData;
import dev.tenantplatform.events.EventType;
import dev.tenantplatform.events.TenantPhase;
import dev.tenantplatform.kube.Labels;
import dev.tenantplatform.kube.TenantNames;
import dev.tenantplatform.support.TenantRecord;
import dev.tenantplatform.support.TenantRecord.Lifecycle;
import dev.tenantplatform.support.TenantRecord.Progress;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A tenant's state as a pure function of its observed objects and its event chain, and the lifecycle events the
 * chain still lacks.
 *
 * <p><b>State</b> ({@link #derive}), first rule that holds:
 * <ol>
 *   <li>the chain says deleted: {@code Deleted}; deleting (or the Cluster has a deletion timestamp):
 *       {@code Deleting};</li>
 *   <li>a worker Machine in phase {@code Failed}, or the Cluster in phase {@code Failed}, or a {@code cluster.failed}
 *       of the current request in the chain (the provisioner could not apply it) and not Ready: {@code Failed};</li>
 *   <li>every check passes and the objects run the accepted spec: {@code Ready};</li>
 *   <li>the chain holds a {@code cluster.degraded} not followed by {@code tenant.ready}, or no progress for
 *       {@link StateConfig#degradedAfter()} (for a tenant Ready before and not updating, a fall back lasting
 *       {@link StateConfig#fallbackGrace()}): {@code Degraded}, with the first failing check as the reason;</li>
 *   <li>an accepted update not rolled out yet: {@code Updating};</li>
 *   <li>the control plane ready: {@code ControlPlaneReady}; else the Cluster {@code Provisioned}:
 *       {@code Provisioned}; else the Cluster exists or was applied: {@code Provisioning}; else
 *       {@code Requested}.</li>
 * </ol>
 *
 * <p><b>Transitions</b> ({@link #transitions}) compare the state with what the chain holds, not with the state
 * before, so that a restart or a resync emits exactly what is missing: the milestones once per life of the
 * tenant, {@code tenant.ready} when Ready the first time (with the durations from the create) and again, as a
 * recovery, after each {@code cluster.degraded}; {@code tenant.updated} once per update, after its
 * {@code cluster.applied}; {@code cluster.failed} once per request. Nothing is said before the chain holds the
 * tenant's {@code cluster.applied} (the objects seen are still being written), nor once a delete was accepted:
 * {@code tenant.deleting} and {@code tenant.deleted} are the provisioner's.
 */
public final class StateDeriver {

  /** The phases of a tenant on its way somewhere: they turn into Degraded when the way takes too long. */
  private static final Set<TenantPhase> WAITING = EnumSet.of(TenantPhase.REQUESTED, TenantPhase.PROVISIONING,
      TenantPhase.PROVISIONED, TenantPhase.CONTROL_PLANE_READY, TenantPhase.UPDATING);

  private StateDeriver() {
  }

  /**
   * The state of {@code observed}, given what its chain says ({@code logged}).
   *
   * @param previous the state derived before, to know since when the tenant has not progressed; null when there
   *     is none (the watcher just started), and then the wait starts now
   */
  public static TenantState derive(TenantObservation observed, TenantRecord logged, TenantState previous,
      Instant now, StateConfig config) {
    List<Check> checks = Checks.of(observed);
    String rollout = Rollout.pending(observed, logged.spec());
    Signature signature = Signature.of(observed, checks, rollout);
    Instant progressAt = previous != null && previous.signature().equals(signature) ? previous.progressAt() : now;
    Duration limit = patience(logged.progress(), config);
    Verdict verdict = verdict(observed, logged, checks, rollout, Duration.between(progressAt, now), limit);
    Instant degradesAt = WAITING.contains(verdict.phase()) ? progressAt.plus(limit) : null;
    return new TenantState(observed.tenant(), verdict.phase(), verdict.reason(), verdict.stage(), checks, signature,
        progressAt, degradesAt, now, observed);
  }

  /** How long a tenant may go without progress: a Ready tenant outside an update only the fallback grace. */
  private static Duration patience(Progress progress, StateConfig config) {
    return progress.reached(EventType.TENANT_READY) && !updating(progress)
        ? config.fallbackGrace() : config.degradedAfter();
  }

  private static boolean updating(Progress progress) {
    return progress.action() == Action.UPDATE && !progress.sinceRequest(EventType.TENANT_UPDATED);
  }

  /** The events {@code next} calls for that {@code logged} does not hold, in the order they happen. */
  public static List<Transition> transitions(TenantRecord logged, TenantState next) {
    Progress progress = logged.progress();
    if (progress.requestId() == null || logged.lifecycle() != Lifecycle.LIVE || progress.action() == Action.DELETE
        || !progress.reached(EventType.CLUSTER_APPLIED)
        || next.phase() == TenantPhase.DELETING || next.phase() == TenantPhase.DELETED) {
      return List.of();
    }
    Transitions out = new Transitions(logged, next);
    milestones(out, next);
    switch (next.phase()) {
      case READY -> ready(out, logged, next);
      case DEGRADED -> {
        if (!progress.degraded()) {
          out.keyed(EventType.CLUSTER_DEGRADED, String.valueOf(progress.degradedEpisodes() + 1),
              EventData.degraded(next.reason(), next.stage()));
        }
      }
      case FAILED -> {
        if (!progress.sinceRequest(EventType.CLUSTER_FAILED)) {
          out.once(EventType.CLUSTER_FAILED, EventData.failed(next.reason(), next.stage()));
        }
      }
      default -> {
        // Provisioning and updating tenants get their milestones only.
      }
    }
    return out.list();
  }

  /** Ready the first time, or again after a degradation; and an update, once it has rolled out. */
  private static void ready(Transitions out, TenantRecord logged, TenantState next) {
    Progress progress = logged.progress();
    if (!progress.reached(EventType.TENANT_READY)) {
      out.once(EventType.TENANT_READY, out.readyDurations());
    } else if (progress.degraded()) {
      out.keyed(EventType.TENANT_READY, "recovered/" + progress.degradedEpisodes(), EventData.recovered(
          Transitions.nonNegative(Duration.between(progress.degradedSince(), next.derivedAt()))));
    }
    if (progress.action() == Action.UPDATE && progress.sinceRequest(EventType.CLUSTER_APPLIED)
        && !progress.sinceRequest(EventType.TENANT_UPDATED)) {
      out.once(EventType.TENANT_UPDATED, EventData.updated(logged.spec(), progress.changed()));
    }
  }

  /** In the order the controllers reach them (k0smotron-capi.md §11); each once per life of the tenant. */
  private static void milestones(Transitions out, TenantState next) {
    TenantObservation o = next.observation();
    if (next.check(CheckName.CLUSTER_PROVISIONED).passed()) {
      ClusterView cluster = o.cluster();
      out.milestone(EventType.CLUSTER_PROVISIONED, () -> EventData.provisioned(
          cluster.endpointHost(), cluster.endpointPort() > 0 ? cluster.endpointPort() : null));
    }
    if (next.check(CheckName.CONTROL_PLANE_AVAILABLE).passed()) {
      ControlPlaneView cp = o.controlPlane();
      // The pods' requests go with the event: the savings are a fold over the log, not over the live pods.
      out.milestone(EventType.CLUSTER_CONTROLPLANE_READY, () -> EventData
          .controlPlaneReady(cp.readyReplicas(), cp.replicas(), cp.version() == null || cp.version().isEmpty()
              ? null : cp.version(), o.podRequests(false), o.podRequests(true)));
    }
    if (next.check(CheckName.CNI_APPLIED).passed()) {
      out.milestone(EventType.CLUSTER_CNI_APPLIED, () -> EventData.cniApplied(
          Labels.CNI_CALICO, TenantNames.CALICO));
    }
    if (next.check(CheckName.WORKERS_READY).passed()) {
      int workers = o.machineDeployment().desiredReplicas();
      out.milestone(EventType.CLUSTER_WORKERS_READY,
          () -> EventData.workersReady(workers, workers));
    }
  }

  private record Verdict(TenantPhase phase, String reason, String stage) {
  }

  private static Verdict verdict(TenantObservation o, TenantRecord logged, List<Check> checks, String rollout,
      Duration stalled, Duration limit) {
    if (logged.lifecycle() == Lifecycle.DELETED) {
      return new Verdict(TenantPhase.DELETED, null, null);
    }
    if (logged.lifecycle() == Lifecycle.DELETING || o.cluster() != null && o.cluster().deleting()) {
      return new Verdict(TenantPhase.DELETING, null, null);
    }
    Progress progress = logged.progress();
    Check failing = checks.stream().filter(c -> !c.passed()).findFirst().orElse(null);
    boolean ready = failing == null && rollout == null;
    Verdict failed = failure(o, progress, ready);
    if (failed != null) {
      return failed;
    }
    if (ready) {
      return new Verdict(TenantPhase.READY, null, null);
    }
    boolean updating = updating(progress);
    if (progress.degraded() || stalled.compareTo(limit) >= 0) {
      String lasting = StateConfig.human(stalled);
      return failing != null ? new Verdict(TenantPhase.DEGRADED, failing.lasting(lasting), failing.name().stage())
          : new Verdict(TenantPhase.DEGRADED, rollout + " for " + lasting, "update");
    }
    if (updating) {
      return new Verdict(TenantPhase.UPDATING, rollout != null ? rollout : failing.detail(), null);
    }
    if (checks.get(CheckName.CONTROL_PLANE_AVAILABLE.ordinal()).passed()) {
      return new Verdict(TenantPhase.CONTROL_PLANE_READY, null, null);
    }
    if (checks.get(CheckName.CLUSTER_PROVISIONED.ordinal()).passed()) {
      return new Verdict(TenantPhase.PROVISIONED, null, null);
    }
    boolean applied = o.cluster() != null || progress.reached(EventType.CLUSTER_APPLIED);
    return new Verdict(applied ? TenantPhase.PROVISIONING : TenantPhase.REQUESTED, null, null);
  }

  /** A failure the controllers report, or one the chain holds for the current request; null when none. */
  private static Verdict failure(TenantObservation o, Progress progress, boolean ready) {
    for (Map.Entry<String, MachineView> machine : new TreeMap<>(o.machines()).entrySet()) {
      if (machine.getValue().failed()) {
        String message = machine.getValue().message();
        return new Verdict(TenantPhase.FAILED, "Machine " + machine.getKey() + " failed"
            + (message == null ? "" : ": " + message), CheckName.WORKERS_READY.stage());
      }
    }
    if (o.cluster() != null && ClusterView.FAILED.equals(o.cluster().phase())) {
      return new Verdict(TenantPhase.FAILED, "Cluster phase Failed", CheckName.CLUSTER_PROVISIONED.stage());
    }
    if (progress.sinceRequest(EventType.CLUSTER_FAILED) && !ready) {
      return new Verdict(TenantPhase.FAILED, "request " + progress.requestId() + " failed (see its cluster.failed)",
          null);
    }
    return null;
  }
}
