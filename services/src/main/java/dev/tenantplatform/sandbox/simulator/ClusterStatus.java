package dev.tenantplatform.sandbox.simulator;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The v1beta2 status CAPI's Cluster controller writes ({@code core/reconcilers/cluster/cluster_controller_status.go}):
 * phase, initialization, control plane and worker counters, and the conditions with CAPI's reasons.
 */
final class ClusterStatus {

  static final String PENDING = "Pending";
  static final String PROVISIONING = "Provisioning";
  static final String PROVISIONED = "Provisioned";
  static final String DELETING = "Deleting";

  /**
   * What the Cluster controller read to compute the status.
   *
   * @param infra             the infrastructure cluster, null when absent
   * @param controlPlane      the K0smotronControlPlane, null when absent
   * @param deployments       the Cluster's MachineDeployments
   * @param machines          the Cluster's worker Machines
   * @param remoteReachable   whether the workload API answers through the kubeconfig Secret
   * @param deletingReason    why deletion waits, null when not deleting
   * @param deletingMessage   what deletion waits for
   */
  record Observed(GenericKubernetesResource cluster, GenericKubernetesResource infra,
      GenericKubernetesResource controlPlane, List<GenericKubernetesResource> deployments,
      List<GenericKubernetesResource> machines, boolean remoteReachable, String deletingReason,
      String deletingMessage) {
  }

  private ClusterStatus() {
  }

  static Map<String, Object> compute(Observed o, Instant now) {
    GenericKubernetesResource cluster = o.cluster();
    boolean infraProvisioned = Fields.bool(o.infra(), "status", "initialization", "provisioned");
    boolean cpInitialized = Fields.bool(o.controlPlane(), "status", "initialization", "controlPlaneInitialized")
        || Fields.bool(cluster, "status", "initialization", "controlPlaneInitialized");
    List<Condition> conditions = conditions(o, infraProvisioned, cpInitialized);
    return Fields.obj(
        "phase", phase(o, infraProvisioned),
        "initialization", Fields.obj("infrastructureProvisioned", infraProvisioned,
            "controlPlaneInitialized", cpInitialized),
        "controlPlane", controlPlane(o.controlPlane()),
        "workers", workers(o.deployments()),
        "conditions", Conditions.merge(Conditions.of(cluster), conditions, now,
            cluster.getMetadata().getGeneration()),
        "observedGeneration", cluster.getMetadata().getGeneration());
  }

  /** The status of a Cluster seen for the first time, before its references are followed. */
  static Map<String, Object> pending() {
    return Fields.obj("phase", PENDING);
  }

  private static String phase(Observed o, boolean infraProvisioned) {
    if (o.deletingReason() != null) {
      return DELETING;
    }
    String host = Fields.string(o.cluster(), "spec", "controlPlaneEndpoint", "host");
    long port = Fields.number(o.cluster(), 0, "spec", "controlPlaneEndpoint", "port");
    return infraProvisioned && host != null && !host.isEmpty() && port > 0 ? PROVISIONED : PROVISIONING;
  }

  private static Map<String, Object> controlPlane(GenericKubernetesResource cp) {
    if (cp == null) {
      return null;
    }
    return Fields.obj(
        "desiredReplicas", Fields.number(cp, 1, "spec", "replicas"),
        "replicas", cp.get("status", "replicas"),
        "readyReplicas", cp.get("status", "readyReplicas"),
        "availableReplicas", cp.get("status", "availableReplicas"),
        "upToDateReplicas", cp.get("status", "upToDateReplicas"));
  }

  private static Map<String, Object> workers(List<GenericKubernetesResource> deployments) {
    if (deployments.isEmpty()) {
      return null;
    }
    long desired = 0;
    long replicas = 0;
    long ready = 0;
    long available = 0;
    long upToDate = 0;
    for (GenericKubernetesResource md : deployments) {
      desired += Fields.number(md, 1, "spec", "replicas");
      replicas += Fields.number(md, 0, "status", "replicas");
      ready += Fields.number(md, 0, "status", "readyReplicas");
      available += Fields.number(md, 0, "status", "availableReplicas");
      upToDate += Fields.number(md, 0, "status", "upToDateReplicas");
    }
    return Fields.obj("desiredReplicas", desired, "replicas", replicas, "readyReplicas", ready,
        "availableReplicas", available, "upToDateReplicas", upToDate);
  }

  private static List<Condition> conditions(Observed o, boolean infraProvisioned, boolean cpInitialized) {
    Condition infrastructureReady = infrastructureReady(o, infraProvisioned);
    Condition controlPlaneAvailable = controlPlaneAvailable(o);
    Condition workersAvailable = Summaries.aggregate("WorkersAvailable", "Available", o.deployments(),
        Condition.isTrue("WorkersAvailable", "NoWorkers"), "Available", "NotAvailable", "AvailableUnknown");
    Condition remote = o.remoteReachable() ? Condition.isTrue("RemoteConnectionProbe", "ProbeSucceeded")
        : Condition.isFalse("RemoteConnectionProbe", "ProbeFailed", "Remote connection not established yet");
    Condition deleting = o.deletingReason() == null ? Condition.isFalse("Deleting", "NotDeleting", "")
        : new Condition("Deleting", Condition.TRUE, o.deletingReason(), o.deletingMessage());
    Condition available = Summaries.summary("Available",
        List.of(deleting, remote, infrastructureReady, controlPlaneAvailable, workersAvailable),
        "Available", "NotAvailable", "AvailableUnknown");
    String cpKind = o.controlPlane() == null ? "K0smotronControlPlane" : o.controlPlane().getKind();
    return List.of(
        available,
        infrastructureReady,
        Condition.of("ControlPlaneInitialized", cpInitialized, "Initialized", "NotInitialized",
            "Waiting for " + cpKind + " to report status.initialization.controlPlaneInitialized"),
        controlPlaneAvailable,
        workersAvailable,
        Condition.isTrue("ControlPlaneMachinesReady", "NoReplicas"),
        Summaries.aggregate("WorkerMachinesReady", "Ready", o.machines(),
            Condition.isTrue("WorkerMachinesReady", "NoReplicas"), "Ready", "NotReady", "ReadyUnknown"),
        Condition.isTrue("ControlPlaneMachinesUpToDate", "NoReplicas"),
        Summaries.aggregate("WorkerMachinesUpToDate", "UpToDate", o.machines(),
            Condition.isTrue("WorkerMachinesUpToDate", "NoReplicas"), "UpToDate", "NotUpToDate",
            "UpToDateUnknown"),
        remote,
        Summaries.anyTrue("RollingOut", o.deployments(), "RollingOut", "NotRollingOut"),
        Summaries.anyTrue("ScalingUp", o.deployments(), "ScalingUp", "NotScalingUp"),
        Summaries.anyTrue("ScalingDown", o.deployments(), "ScalingDown", "NotScalingDown"),
        Condition.isFalse("Remediating", "NotRemediating", ""),
        deleting,
        Condition.isFalse("Paused", "NotPaused", ""));
  }

  private static Condition infrastructureReady(Observed o, boolean provisioned) {
    String kind = Fields.string(o.cluster(), "spec", "infrastructureRef", "kind");
    if (o.infra() == null) {
      return Condition.unknown("InfrastructureReady", "ObjectDoesNotExist", kind + " does not exist");
    }
    Condition reported = Conditions.get(o.infra(), "Ready");
    if (reported != null) {
      return new Condition("InfrastructureReady", reported.status(), reported.reason(), reported.message());
    }
    return Condition.of("InfrastructureReady", provisioned, "Ready", "NotReady",
        kind + " status.initialization.provisioned is false");
  }

  private static Condition controlPlaneAvailable(Observed o) {
    String kind = Fields.string(o.cluster(), "spec", "controlPlaneRef", "kind");
    if (o.controlPlane() == null) {
      return Condition.unknown("ControlPlaneAvailable", "ObjectDoesNotExist", kind + " does not exist");
    }
    Condition reported = Conditions.get(o.controlPlane(), "Available");
    if (reported != null) {
      return new Condition("ControlPlaneAvailable", reported.status(), reported.reason(), reported.message());
    }
    return Condition.isFalse("ControlPlaneAvailable", "NotAvailable",
        kind + " status.initialization.controlPlaneInitialized is false");
  }
}
