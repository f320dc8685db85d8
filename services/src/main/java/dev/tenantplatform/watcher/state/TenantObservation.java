package dev.tenantplatform.watcher.state;

import dev.tenantplatform.events.PodRequests;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Everything observed of one tenant's objects, in the slim form the state is derived from. Immutable: each change
 * gives a new observation. A null part is an object that does not exist (or has not been seen yet).
 *
 * @param pods the hosted control plane's pods, k0s and etcd, by name
 * @param machines the worker Machines, by name
 * @param kubeconfig whether the Secret {@code <tenant>-kubeconfig} exists (its content is never read)
 */
public record TenantObservation(String tenant, ClusterView cluster, ControlPlaneView controlPlane,
    MachineDeploymentView machineDeployment, Map<String, PodView> pods, Map<String, MachineView> machines,
    BindingView binding, boolean kubeconfig) {

  public TenantObservation {
    Objects.requireNonNull(tenant, "tenant");
    pods = Map.copyOf(pods);
    machines = Map.copyOf(machines);
  }

  /** A tenant of which nothing has been seen. */
  public static TenantObservation empty(String tenant) {
    return new TenantObservation(tenant, null, null, null, Map.of(), Map.of(), null, false);
  }

  /** Whether nothing of the tenant exists any more (or yet). */
  public boolean isEmpty() {
    return cluster == null && controlPlane == null && machineDeployment == null && pods.isEmpty()
        && machines.isEmpty() && binding == null && !kubeconfig;
  }

  /** What the hosted control plane's etcd pods ({@code etcd}) or k0s pods request, summed over them. */
  public PodRequests podRequests(boolean etcd) {
    PodRequests sum = PodRequests.NONE;
    for (PodView pod : pods.values()) {
      if (pod.etcd() == etcd) {
        sum = sum.plus(new PodRequests(1, pod.cpuMillis(), pod.memoryBytes()));
      }
    }
    return sum;
  }

  public TenantObservation withCluster(ClusterView value) {
    return new TenantObservation(tenant, value, controlPlane, machineDeployment, pods, machines, binding, kubeconfig);
  }

  public TenantObservation withControlPlane(ControlPlaneView value) {
    return new TenantObservation(tenant, cluster, value, machineDeployment, pods, machines, binding, kubeconfig);
  }

  public TenantObservation withMachineDeployment(MachineDeploymentView value) {
    return new TenantObservation(tenant, cluster, controlPlane, value, pods, machines, binding, kubeconfig);
  }

  /** With the pod {@code name} as {@code value}, or without it when {@code value} is null. */
  public TenantObservation withPod(String name, PodView value) {
    return new TenantObservation(tenant, cluster, controlPlane, machineDeployment, with(pods, name, value), machines,
        binding, kubeconfig);
  }

  /** With the Machine {@code name} as {@code value}, or without it when {@code value} is null. */
  public TenantObservation withMachine(String name, MachineView value) {
    return new TenantObservation(tenant, cluster, controlPlane, machineDeployment, pods, with(machines, name, value),
        binding, kubeconfig);
  }

  public TenantObservation withBinding(BindingView value) {
    return new TenantObservation(tenant, cluster, controlPlane, machineDeployment, pods, machines, value, kubeconfig);
  }

  public TenantObservation withKubeconfig(boolean value) {
    return new TenantObservation(tenant, cluster, controlPlane, machineDeployment, pods, machines, binding, value);
  }

  private static <V> Map<String, V> with(Map<String, V> map, String key, V value) {
    if (value == null && !map.containsKey(key) || value != null && value.equals(map.get(key))) {
      return map;
    }
    Map<String, V> copy = new HashMap<>(map);
    if (value == null) {
      copy.remove(key);
    } else {
      copy.put(key, value);
    }
    return copy;
  }
}
