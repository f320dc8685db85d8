package dev.tenantplatform.watcher.state;

import dev.tenantplatform.events.Action;
import dev.tenantplatform.events.ChainHead;
import dev.tenantplatform.events.ClusterSpec;
import dev.tenantplatform.events.EventType;
import dev.tenantplatform.support.TenantRecord;
import dev.tenantplatform.support.TenantRecord.Lifecycle;
import dev.tenantplatform.support.TenantRecord.Progress;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Tenant {@code acme} of the seed's spec (3 control-plane replicas, 2 workers), observed as the controllers
 * report it at each stage, and its chain as the ledger folds it.
 */
final class Fixtures {

  static final String ACME = "acme";
  static final String CREATE = "req-create";
  static final Instant T0 = Instant.parse("2026-05-01T10:00:00Z");
  static final String VERSION = "v1.32.8+k0s.0";

  private Fixtures() {
  }

  /** Everything up and every check passing: the seed's cluster after Action 10. */
  static TenantObservation ready() {
    TenantObservation o = TenantObservation.empty(ACME)
        .withCluster(new ClusterView("Provisioned", false, "172.18.0.2", 31443, "calico"))
        .withControlPlane(controlPlane(3, 3, true))
        .withMachineDeployment(new MachineDeploymentView(2, "v1.32.8", 2))
        .withBinding(new BindingView(true))
        .withKubeconfig(true);
    for (int i = 0; i < 3; i++) {
      o = o.withPod("kmc-acme-" + i, new PodView(false, "Running", true))
          .withPod("kmc-acme-etcd-" + i, new PodView(true, "Running", true));
    }
    return o.withMachine("acme-md-0-abcde-fghij", machine(true)).withMachine("acme-md-0-abcde-klmno", machine(true));
  }

  /** Just applied: the Cluster is Provisioning and nothing else has happened. */
  static TenantObservation applied() {
    return TenantObservation.empty(ACME)
        .withCluster(new ClusterView("Provisioning", false, null, 0, "calico"))
        .withControlPlane(new ControlPlaneView(3, VERSION, true, 0, 0, 0, "", false,
            new ConditionView("Unknown", "ControlPlaneDoesNotExist", null)))
        .withMachineDeployment(new MachineDeploymentView(2, "v1.32.8", 0));
  }

  static ControlPlaneView controlPlane(int ready, int replicas, boolean available) {
    ConditionView condition = available ? new ConditionView("True", "Available", null)
        : new ConditionView("False", "KubeSystemNamespaceNotAccessible", "connection refused");
    return new ControlPlaneView(3, VERSION, true, replicas, ready, ready, ready > 0 ? VERSION : "", available,
        condition);
  }

  static MachineView machine(boolean ready) {
    return new MachineView("Running", ready, "v1.32.8", ready ? null
        : "NodeHealthy: container runtime network not ready: cni plugin not initialized");
  }

  /** The chain after the accepted create and {@code reached} (each at T0 + its index + 1 seconds). */
  static TenantRecord logged(EventType... reached) {
    return logged(ClusterSpec.DEFAULTS, progress(CREATE, Action.CREATE, List.of(), reached));
  }

  static TenantRecord logged(ClusterSpec spec, Progress progress) {
    return new TenantRecord(ACME, new ChainHead(ACME, 2, "a".repeat(64)), spec, Lifecycle.LIVE, progress);
  }

  static Progress progress(String requestId, Action action, List<String> changed, EventType... reached) {
    Map<EventType, Instant> times = new HashMap<>();
    Set<EventType> since = new HashSet<>();
    for (int i = 0; i < reached.length; i++) {
      times.put(reached[i], T0.plusSeconds(i + 1));
      since.add(reached[i]);
    }
    return new Progress(requestId, action, T0, changed, T0, times, since, 0, null);
  }

  static Progress degradedSince(Progress progress, Instant since) {
    return new Progress(progress.requestId(), progress.action(), progress.acceptedAt(), progress.changed(),
        progress.createdAt(), progress.reached(), progress.sinceRequest(), progress.degradedEpisodes() + 1, since);
  }

  static TenantRecord withLifecycle(TenantRecord record, Lifecycle lifecycle) {
    return new TenantRecord(record.tenant(), record.head(), record.spec(), lifecycle, record.progress());
  }
}
