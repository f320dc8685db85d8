package dev.tenantplatform.sandbox.simulator;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The scaling conditions and version counts that MachineDeployments and MachineSets share. */
final class ScalingConditions {

  private ScalingConditions() {
  }

  static Condition up(long current, long desired) {
    return current < desired
        ? new Condition("ScalingUp", Condition.TRUE, "ScalingUp",
            "Scaling up from " + current + " to " + desired + " replicas")
        : Condition.isFalse("ScalingUp", "NotScalingUp", "");
  }

  static Condition down(long current, long desired) {
    return current > desired
        ? new Condition("ScalingDown", Condition.TRUE, "ScalingDown",
            "Scaling down from " + current + " to " + desired + " replicas")
        : Condition.isFalse("ScalingDown", "NotScalingDown", "");
  }

  /** {@code status.versions}: how many Machines run each version, or null when there are none. */
  static List<Map<String, Object>> versions(List<GenericKubernetesResource> machines) {
    TreeMap<String, Integer> counts = new TreeMap<>();
    for (GenericKubernetesResource machine : machines) {
      String version = Fields.string(machine, "spec", "version");
      if (version != null) {
        counts.merge(version, 1, Integer::sum);
      }
    }
    return counts.isEmpty() ? null : counts.entrySet().stream()
        .map(e -> Fields.obj("version", e.getKey(), "replicas", e.getValue())).toList();
  }
}
