package dev.tenantplatform.sandbox.simulator;

import dev.tenantplatform.kube.KubeKind;
import dev.tenantplatform.kube.Kinds;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Which controllers care about a change of a kind, besides the kind's own: their objects in the same
 * namespace are looked at again. A tenant namespace holds one cluster, so this stays small. A change of status
 * alone only reaches those that read that status; each status has one writer, which need not look again.
 */
final class Routes {

  /** A controller to wake, and whether a change of status alone concerns it. */
  record Route(KubeKind target, boolean readsStatus) {
  }

  private static final Map<KubeKind, List<Route>> DEPENDENTS = Map.ofEntries(
      Map.entry(Kinds.CLUSTER, List.of(spec(Kinds.K0SMOTRON_CONTROL_PLANE), spec(Kinds.MACHINE_DEPLOYMENT),
          status(Kinds.MACHINE), status(Kinds.CLUSTER_RESOURCE_SET))),
      Map.entry(Kinds.DOCKER_CLUSTER, List.of(status(Kinds.CLUSTER), spec(Kinds.K0SMOTRON_CONTROL_PLANE))),
      Map.entry(Kinds.DEV_CLUSTER, List.of(status(Kinds.CLUSTER), spec(Kinds.K0SMOTRON_CONTROL_PLANE))),
      Map.entry(Kinds.K0SMOTRON_CONTROL_PLANE, List.of(status(Kinds.CLUSTER))),
      Map.entry(Kinds.K0SMOTRON_CLUSTER, List.of(spec(Kinds.K0SMOTRON_CONTROL_PLANE))),
      Map.entry(CoreKinds.STATEFUL_SET, List.of(status(CoreKinds.STATEFUL_SET), status(Kinds.K0SMOTRON_CLUSTER))),
      Map.entry(CoreKinds.POD, List.of(status(CoreKinds.STATEFUL_SET), status(Kinds.K0SMOTRON_CLUSTER),
          status(Kinds.K0SMOTRON_CONTROL_PLANE))),
      Map.entry(CoreKinds.SERVICE, List.of(spec(Kinds.K0SMOTRON_CLUSTER))),
      Map.entry(CoreKinds.CONFIG_MAP, List.of(spec(Kinds.CLUSTER_RESOURCE_SET))),
      Map.entry(Kinds.MACHINE_DEPLOYMENT, List.of(status(Kinds.CLUSTER), spec(Kinds.MACHINE))),
      Map.entry(Kinds.MACHINE_SET, List.of(status(Kinds.MACHINE_DEPLOYMENT), spec(Kinds.MACHINE))),
      Map.entry(Kinds.MACHINE, List.of(status(Kinds.MACHINE_SET), status(Kinds.MACHINE_DEPLOYMENT),
          status(Kinds.CLUSTER))),
      Map.entry(Kinds.CLUSTER_RESOURCE_SET_BINDING, List.of(spec(Kinds.MACHINE), spec(Kinds.CLUSTER_RESOURCE_SET))),
      Map.entry(Kinds.K0S_WORKER_CONFIG, List.of(status(Kinds.MACHINE))),
      Map.entry(Kinds.DOCKER_MACHINE, List.of(status(Kinds.MACHINE))),
      Map.entry(Kinds.DEV_MACHINE, List.of(status(Kinds.MACHINE))),
      Map.entry(Kinds.K0S_WORKER_CONFIG_TEMPLATE, List.of(spec(Kinds.MACHINE_DEPLOYMENT), spec(Kinds.MACHINE_SET))),
      Map.entry(Kinds.DOCKER_MACHINE_TEMPLATE, List.of(spec(Kinds.MACHINE_DEPLOYMENT), spec(Kinds.MACHINE_SET))),
      Map.entry(Kinds.DEV_MACHINE_TEMPLATE, List.of(spec(Kinds.MACHINE_DEPLOYMENT), spec(Kinds.MACHINE_SET))));

  /** Kubeconfig Secrets matter to whoever waits for the workload API; other Secrets only to ClusterResourceSets. */
  private static final List<Route> KUBECONFIG_DEPENDENTS = List.of(spec(Kinds.K0SMOTRON_CONTROL_PLANE),
      spec(Kinds.K0SMOTRON_CLUSTER), spec(Kinds.CLUSTER), spec(Kinds.CLUSTER_RESOURCE_SET));

  private Routes() {
  }

  static List<Route> dependentsOf(KubeKind kind, GenericKubernetesResource object) {
    if (kind.equals(CoreKinds.SECRET)) {
      return object.getMetadata().getName().endsWith("-kubeconfig") ? KUBECONFIG_DEPENDENTS
          : List.of(spec(Kinds.CLUSTER_RESOURCE_SET));
    }
    return DEPENDENTS.getOrDefault(kind, List.of());
  }

  /** Whether an update changed nothing but the status (and the resource version that comes with it). */
  static boolean statusOnly(GenericKubernetesResource before, GenericKubernetesResource after) {
    if (before == null) {
      return false;
    }
    ObjectMeta a = before.getMetadata();
    ObjectMeta b = after.getMetadata();
    boolean sameMeta = Objects.equals(a.getLabels(), b.getLabels())
        && Objects.equals(a.getAnnotations(), b.getAnnotations())
        && Objects.equals(a.getFinalizers(), b.getFinalizers())
        && Objects.equals(a.getOwnerReferences(), b.getOwnerReferences())
        && Objects.equals(a.getDeletionTimestamp(), b.getDeletionTimestamp());
    if (!sameMeta) {
      return false;
    }
    Map<String, Object> left = new HashMap<>(before.getAdditionalProperties());
    Map<String, Object> right = new HashMap<>(after.getAdditionalProperties());
    left.remove("status");
    right.remove("status");
    return left.equals(right);
  }

  private static Route spec(KubeKind target) {
    return new Route(target, false);
  }

  private static Route status(KubeKind target) {
    return new Route(target, true);
  }
}
