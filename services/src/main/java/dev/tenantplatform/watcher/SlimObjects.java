package dev.tenantplatform.watcher;

import dev.tenantplatform.kube.Labels;
import dev.tenantplatform.kube.TenantNames;
import dev.tenantplatform.watcher.state.BindingView;
import dev.tenantplatform.watcher.state.ClusterView;
import dev.tenantplatform.watcher.state.ConditionView;
import dev.tenantplatform.watcher.state.ControlPlaneView;
import dev.tenantplatform.watcher.state.MachineDeploymentView;
import dev.tenantplatform.watcher.state.MachineView;
import dev.tenantplatform.watcher.state.PodView;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Map;

/**
 * The informers' objects turned into the slim views the state needs, at the informer's boundary: the full objects
 * are dropped right after, so the watcher's memory grows with the number of tenants, not with the size of their
 * objects. Field paths are those of the v1beta2 CRDs ({@code k0smotron-capi.md} §2, §6 to §8).
 */
final class SlimObjects {

  /** Controllers' messages can be long (a summary of every condition); the first line, cut, says enough. */
  private static final int MESSAGE_LIMIT = 240;

  private SlimObjects() {
  }

  static ClusterView cluster(GenericKubernetesResource cluster) {
    Map<String, String> labels = cluster.getMetadata().getLabels();
    return new ClusterView(word(cluster.get("status", "phase")), cluster.getMetadata().getDeletionTimestamp() != null,
        cluster.get("spec", "controlPlaneEndpoint", "host"),
        number(cluster.get("spec", "controlPlaneEndpoint", "port"), 0),
        labels == null ? null : word(labels.get(Labels.CNI)));
  }

  static ControlPlaneView controlPlane(GenericKubernetesResource kcp) {
    String storage = kcp.get("spec", "storage", "type");
    return new ControlPlaneView(
        number(kcp.get("spec", "replicas"), 1),
        word(kcp.get("spec", "version")),
        storage == null || "etcd".equals(storage),
        number(kcp.get("status", "replicas"), 0),
        number(kcp.get("status", "readyReplicas"), 0),
        number(kcp.get("status", "upToDateReplicas"), 0),
        word(kcp.get("status", "version")),
        Boolean.TRUE.equals(kcp.get("status", "initialization", "controlPlaneInitialized")),
        condition(kcp.get("status", "conditions"), "Available"));
  }

  static MachineDeploymentView machineDeployment(GenericKubernetesResource md) {
    return new MachineDeploymentView(number(md.get("spec", "replicas"), 1),
        word(md.get("spec", "template", "spec", "version")), number(md.get("status", "readyReplicas"), 0));
  }

  static MachineView machine(GenericKubernetesResource machine) {
    String phase = word(machine.get("status", "phase"));
    ConditionView ready = condition(machine.get("status", "conditions"), "Ready");
    String message = null;
    if (MachineView.FAILED.equals(phase)) {
      String failure = machine.get("status", "deprecated", "v1beta1", "failureMessage");
      message = failure != null ? failure : ready.message();
    } else if (!ready.isTrue()) {
      message = ready.message();
    }
    return new MachineView(phase, ready.isTrue(), word(machine.get("spec", "version")), message(message));
  }

  /** Whether the binding shows the {@code calico} ConfigMap applied by the {@code calico} ClusterResourceSet. */
  static BindingView binding(GenericKubernetesResource binding) {
    List<Map<String, Object>> entries = maps(binding.get("spec", "bindings"));
    for (Map<String, Object> entry : entries) {
      if (!TenantNames.CALICO.equals(entry.get("clusterResourceSetName"))) {
        continue;
      }
      for (Map<String, Object> resource : maps(entry.get("resources"))) {
        if ("ConfigMap".equals(resource.get("kind")) && TenantNames.CALICO.equals(resource.get("name"))) {
          return new BindingView(Boolean.TRUE.equals(resource.get("applied")));
        }
      }
    }
    return new BindingView(false);
  }

  static PodView pod(Pod pod) {
    Map<String, String> labels = pod.getMetadata().getLabels();
    boolean etcd = labels != null && ("etcd".equals(labels.get("component"))
        || "etcd".equals(labels.get("app.kubernetes.io/component")));
    String phase = pod.getStatus() == null ? null : word(pod.getStatus().getPhase());
    boolean ready = pod.getStatus() != null && pod.getStatus().getConditions() != null
        && pod.getStatus().getConditions().stream()
            .anyMatch(c -> "Ready".equals(c.getType()) && ConditionView.TRUE.equals(c.getStatus()));
    long cpuMillis = 0;
    long memoryBytes = 0;
    for (Container container : pod.getSpec() == null ? List.<Container>of() : pod.getSpec().getContainers()) {
      Map<String, Quantity> requests = container.getResources() == null ? null
          : container.getResources().getRequests();
      if (requests != null) {
        cpuMillis += amount(requests.get("cpu"), 1000);
        memoryBytes += amount(requests.get("memory"), 1);
      }
    }
    return new PodView(etcd, phase, ready, cpuMillis, memoryBytes);
  }

  /** A quantity in {@code unit}s per base unit ({@code 1000} for millicores), rounded up as the scheduler does. */
  private static long amount(Quantity quantity, int unit) {
    if (quantity == null) {
      return 0;
    }
    return Quantity.getAmountInBytes(quantity).multiply(BigDecimal.valueOf(unit))
        .setScale(0, RoundingMode.CEILING).longValueExact();
  }

  /** The condition of {@code type} in a status' {@code conditions} list, or absent. */
  static ConditionView condition(Object conditions, String type) {
    for (Map<String, Object> condition : maps(conditions)) {
      if (type.equals(condition.get("type"))) {
        return new ConditionView(word(condition.get("status")), word(condition.get("reason")),
            message((String) condition.get("message")));
      }
    }
    return ConditionView.ABSENT;
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> maps(Object list) {
    if (!(list instanceof List<?> items)) {
      return List.of();
    }
    return items.stream().filter(Map.class::isInstance).map(item -> (Map<String, Object>) item).toList();
  }

  private static int number(Object value, int otherwise) {
    return value instanceof Number n ? n.intValue() : otherwise;
  }

  /**
   * Phases, statuses, reasons and versions come from small vocabularies: one shared copy of each instead of one per
   * object keeps ten thousand tenants' views small.
   */
  private static String word(Object value) {
    return value instanceof String text ? text.intern() : null;
  }

  private static String message(String text) {
    if (text == null || text.isEmpty()) {
      return null;
    }
    String line = text.lines().findFirst().orElse("").replaceFirst("^\\* ", "");
    return line.length() <= MESSAGE_LIMIT ? line : line.substring(0, MESSAGE_LIMIT - 1) + "…";
  }
}
