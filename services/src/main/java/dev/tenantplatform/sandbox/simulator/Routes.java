package dev.tenantplatform.sandbox.simulator;

import dev.tenantplatform.kube.KubeKind;
import dev.tenantplatform.kube.Kinds;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.List;
import java.util.Map;

/**
 * Which controllers care about a change of a kind, besides the kind's own: their objects in the same
 * namespace are looked at again. A tenant namespace holds one cluster, so this stays small.
 */
final class Routes {

  private static final Map<KubeKind, List<KubeKind>> DEPENDENTS = Map.ofEntries(
      Map.entry(Kinds.CLUSTER, List.of(Kinds.K0SMOTRON_CONTROL_PLANE, Kinds.MACHINE_DEPLOYMENT, Kinds.MACHINE,
          Kinds.CLUSTER_RESOURCE_SET)),
      Map.entry(Kinds.DOCKER_CLUSTER, List.of(Kinds.CLUSTER, Kinds.K0SMOTRON_CONTROL_PLANE)),
      Map.entry(Kinds.DEV_CLUSTER, List.of(Kinds.CLUSTER, Kinds.K0SMOTRON_CONTROL_PLANE)),
      Map.entry(Kinds.K0SMOTRON_CONTROL_PLANE, List.of(Kinds.CLUSTER)),
      Map.entry(Kinds.K0SMOTRON_CLUSTER, List.of(Kinds.K0SMOTRON_CONTROL_PLANE)),
      Map.entry(CoreKinds.STATEFUL_SET, List.of(CoreKinds.STATEFUL_SET, Kinds.K0SMOTRON_CLUSTER)),
      Map.entry(CoreKinds.POD, List.of(CoreKinds.STATEFUL_SET, Kinds.K0SMOTRON_CLUSTER,
          Kinds.K0SMOTRON_CONTROL_PLANE)),
      Map.entry(CoreKinds.SERVICE, List.of(Kinds.K0SMOTRON_CLUSTER)),
      Map.entry(CoreKinds.CONFIG_MAP, List.of(Kinds.CLUSTER_RESOURCE_SET)),
      Map.entry(Kinds.MACHINE_DEPLOYMENT, List.of(Kinds.CLUSTER, Kinds.MACHINE)),
      Map.entry(Kinds.MACHINE_SET, List.of(Kinds.MACHINE_DEPLOYMENT, Kinds.MACHINE)),
      Map.entry(Kinds.MACHINE, List.of(Kinds.MACHINE_SET, Kinds.MACHINE_DEPLOYMENT, Kinds.CLUSTER)),
      Map.entry(Kinds.CLUSTER_RESOURCE_SET_BINDING, List.of(Kinds.MACHINE, Kinds.CLUSTER_RESOURCE_SET)),
      Map.entry(Kinds.K0S_WORKER_CONFIG, List.of(Kinds.MACHINE)),
      Map.entry(Kinds.DOCKER_MACHINE, List.of(Kinds.MACHINE)),
      Map.entry(Kinds.DEV_MACHINE, List.of(Kinds.MACHINE)),
      Map.entry(Kinds.K0S_WORKER_CONFIG_TEMPLATE, List.of(Kinds.MACHINE_DEPLOYMENT, Kinds.MACHINE_SET)),
      Map.entry(Kinds.DOCKER_MACHINE_TEMPLATE, List.of(Kinds.MACHINE_DEPLOYMENT, Kinds.MACHINE_SET)),
      Map.entry(Kinds.DEV_MACHINE_TEMPLATE, List.of(Kinds.MACHINE_DEPLOYMENT, Kinds.MACHINE_SET)));

  private Routes() {
  }

  /** Kubeconfig Secrets matter to whoever waits for the workload API; other Secrets only to ClusterResourceSets. */
  private static final List<KubeKind> KUBECONFIG_DEPENDENTS = List.of(Kinds.K0SMOTRON_CONTROL_PLANE,
      Kinds.K0SMOTRON_CLUSTER, Kinds.CLUSTER, Kinds.CLUSTER_RESOURCE_SET);

  static List<KubeKind> dependentsOf(KubeKind kind, HasMetadata object) {
    if (kind.equals(CoreKinds.SECRET)) {
      return object.getMetadata().getName().endsWith("-kubeconfig") ? KUBECONFIG_DEPENDENTS
          : List.of(Kinds.CLUSTER_RESOURCE_SET);
    }
    return DEPENDENTS.getOrDefault(kind, List.of());
  }
}
