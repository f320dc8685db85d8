package dev.tenantplatform.watcher.state;

import dev.tenantplatform.kube.Labels;
import dev.tenantplatform.kube.TenantNames;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The Action 10 checks of one observation, each from what the controllers really report
 * ({@code k0smotron-capi.md} §11): the phase {@code Provisioned} says nothing about the control plane, and a
 * {@code Running} Machine is not yet a Ready node.
 */
final class Checks {

  private Checks() {
  }

  /** Every check, in {@link CheckName} order. */
  static List<Check> of(TenantObservation o) {
    TenantNames names = new TenantNames(o.tenant());
    return List.of(clusterExists(o, names), provisioned(o), controlPlaneAvailable(o, names),
        controlPlanePods(o, names), workers(o, names), cniLabel(o), cniApplied(o, names), kubeconfig(o, names));
  }

  private static Check clusterExists(TenantObservation o, TenantNames names) {
    String cluster = "Cluster " + names.cluster() + " in " + names.namespace();
    return o.cluster() != null ? Check.pass(CheckName.CLUSTER_EXISTS, cluster + " exists")
        : Check.fail(CheckName.CLUSTER_EXISTS, cluster + " does not exist", null);
  }

  private static Check provisioned(TenantObservation o) {
    ClusterView cluster = o.cluster();
    if (cluster == null) {
      return Check.fail(CheckName.CLUSTER_PROVISIONED, "no Cluster to be provisioned", null);
    }
    String phase = cluster.phase() == null ? "no phase yet" : "phase " + cluster.phase();
    return cluster.provisioned() ? Check.pass(CheckName.CLUSTER_PROVISIONED, "Cluster " + phase)
        : Check.fail(CheckName.CLUSTER_PROVISIONED, "Cluster " + phase, null);
  }

  private static Check controlPlaneAvailable(TenantObservation o, TenantNames names) {
    ControlPlaneView cp = o.controlPlane();
    if (cp == null) {
      return Check.fail(CheckName.CONTROL_PLANE_AVAILABLE, "K0smotronControlPlane " + names.controlPlane()
          + " does not exist", null);
    }
    String fact = "control plane " + cp.readyReplicas() + "/" + cp.desiredReplicas() + " ready";
    if (cp.ready()) {
      return Check.pass(CheckName.CONTROL_PLANE_AVAILABLE, fact + ", Available");
    }
    String cause = !cp.available().isTrue() ? cp.available().describe("Available")
        : cp.replicas() != cp.desiredReplicas() ? cp.replicas() + " of " + cp.desiredReplicas() + " pods exist"
        : null;
    return Check.fail(CheckName.CONTROL_PLANE_AVAILABLE, fact, cause);
  }

  private static Check controlPlanePods(TenantObservation o, TenantNames names) {
    ControlPlaneView cp = o.controlPlane();
    int k0sWanted = cp == null ? 0 : cp.desiredReplicas();
    int etcdWanted = cp == null ? 0 : cp.expectedEtcdPods();
    int k0sRunning = 0;
    int etcdRunning = 0;
    String notRunning = null;
    for (Map.Entry<String, PodView> pod : new TreeMap<>(o.pods()).entrySet()) {
      PodView view = pod.getValue();
      if (view.running()) {
        if (view.etcd()) {
          etcdRunning++;
        } else {
          k0sRunning++;
        }
      } else if (notRunning == null) {
        notRunning = pod.getKey() + " " + (view.phase() == null ? "without a phase" : view.phase());
      }
    }
    String fact = k0sRunning + "/" + k0sWanted + " k0s and " + etcdRunning + "/" + etcdWanted + " etcd pods Running";
    if (cp == null) {
      return Check.fail(CheckName.CONTROL_PLANE_PODS_RUNNING, fact, "no K0smotronControlPlane "
          + names.controlPlane());
    }
    boolean passed = k0sRunning >= k0sWanted && etcdRunning >= etcdWanted && k0sWanted > 0;
    return passed ? Check.pass(CheckName.CONTROL_PLANE_PODS_RUNNING, fact)
        : Check.fail(CheckName.CONTROL_PLANE_PODS_RUNNING, fact, notRunning);
  }

  private static Check workers(TenantObservation o, TenantNames names) {
    MachineDeploymentView md = o.machineDeployment();
    if (md == null) {
      return Check.fail(CheckName.WORKERS_READY, "MachineDeployment " + names.machineDeployment()
          + " does not exist", null);
    }
    int ready = 0;
    String problem = null;
    for (Map.Entry<String, MachineView> machine : new TreeMap<>(o.machines()).entrySet()) {
      MachineView view = machine.getValue();
      if (view.running() && view.ready()) {
        ready++;
      } else if (problem == null) {
        problem = machine.getKey() + " " + (view.phase() == null ? "without a phase" : view.phase())
            + (view.running() ? ", not Ready" : "") + (view.message() == null ? "" : ": " + view.message());
      }
    }
    int wanted = md.desiredReplicas();
    String fact = "workers " + ready + "/" + wanted + " Running and Ready";
    if (ready == wanted && o.machines().size() == wanted) {
      return Check.pass(CheckName.WORKERS_READY, fact);
    }
    if (problem == null) {
      problem = o.machines().size() < wanted ? (wanted - o.machines().size()) + " Machine(s) not created yet"
          : (o.machines().size() - wanted) + " Machine(s) more than wanted";
    }
    return Check.fail(CheckName.WORKERS_READY, fact, problem);
  }

  private static Check cniLabel(TenantObservation o) {
    String value = o.cluster() == null ? null : o.cluster().cniLabel();
    String wanted = Labels.CNI + "=" + Labels.CNI_CALICO;
    if (Labels.CNI_CALICO.equals(value)) {
      return Check.pass(CheckName.CNI_LABEL, "Cluster labelled " + wanted);
    }
    return Check.fail(CheckName.CNI_LABEL, "Cluster not labelled " + wanted,
        value == null ? null : "labelled " + Labels.CNI + "=" + value);
  }

  private static Check cniApplied(TenantObservation o, TenantNames names) {
    String binding = "ClusterResourceSetBinding " + names.resourceSetBinding();
    if (o.binding() == null) {
      return Check.fail(CheckName.CNI_APPLIED, "Calico not applied", binding + " does not exist");
    }
    return o.binding().calicoApplied()
        ? Check.pass(CheckName.CNI_APPLIED, "Calico applied through " + binding)
        : Check.fail(CheckName.CNI_APPLIED, "Calico not applied", binding + " shows ConfigMap "
            + names.calicoConfigMap() + " not applied");
  }

  private static Check kubeconfig(TenantObservation o, TenantNames names) {
    String secret = "Secret " + names.kubeconfigSecret();
    return o.kubeconfig() ? Check.pass(CheckName.KUBECONFIG, secret + " exists")
        : Check.fail(CheckName.KUBECONFIG, secret + " does not exist", null);
  }
}
