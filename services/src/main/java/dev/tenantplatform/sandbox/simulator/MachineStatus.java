package dev.tenantplatform.sandbox.simulator;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The v1beta2 status CAPI's Machine controller writes ({@code machine_controller_status.go}): the phase from
 * bootstrap data, provider ID and node reference, the initialization flags, the node reference and info, and
 * the conditions Ready, Available, UpToDate, BootstrapConfigReady, InfrastructureReady, NodeHealthy, NodeReady.
 */
final class MachineStatus {

  static final String CNI_MISSING = "container runtime network not ready: NetworkReady=false "
      + "reason:NetworkPluginNotReady message:Network plugin returns error: cni plugin not initialized";

  /**
   * What the Machine has reached.
   *
   * @param upToDateMessage why the Machine is not up to date, null when it is
   * @param deletingReason  why deletion waits, null when not deleting
   */
  record State(boolean bootstrapped, boolean provisioned, boolean failed, boolean joined, boolean nodeReady,
      String upToDateMessage, String deletingReason, String deletingMessage) {
  }

  private MachineStatus() {
  }

  static String phase(State s) {
    if (s.deletingReason() != null) {
      return "Deleting";
    }
    if (s.failed()) {
      return "Failed";
    }
    if (s.joined() && s.provisioned()) {
      return "Running";
    }
    if (s.provisioned()) {
      return "Provisioned";
    }
    return s.bootstrapped() ? "Provisioning" : "Pending";
  }

  static Map<String, Object> compute(GenericKubernetesResource machine, GenericKubernetesResource infra, State s,
      Instant now) {
    String name = machine.getMetadata().getName();
    String phase = phase(s);
    boolean samePhase = phase.equals(Fields.string(machine, "status", "phase"));
    Long generation = machine.getMetadata().getGeneration();
    return Fields.obj(
        "phase", phase,
        "lastUpdated", samePhase && machine.get("status", "lastUpdated") != null
            ? machine.get("status", "lastUpdated") : Conditions.timestamp(now),
        "initialization", Fields.obj("bootstrapDataSecretCreated", s.bootstrapped(),
            "infrastructureProvisioned", s.provisioned()),
        "addresses", s.provisioned() ? addresses(name) : null,
        "nodeRef", s.joined() ? Fields.obj("name", name) : null,
        "nodeInfo", s.joined() ? nodeInfo(machine) : null,
        "observedGeneration", generation,
        "conditions", Conditions.merge(Conditions.of(machine), conditions(machine, infra, s), now, generation),
        "deprecated", s.failed() ? Fields.obj("v1beta1", Fields.obj(
            "failureReason", "CreateError",
            "failureMessage", "Failure detected from referenced resource " + infra.getApiVersion() + ", Kind="
                + infra.getKind() + " with name \"" + name + "\": failed to create the worker container")) : null);
  }

  private static List<Condition> conditions(GenericKubernetesResource machine, GenericKubernetesResource infra,
      State s) {
    String bootstrapKind = Fields.string(machine, "spec", "bootstrap", "configRef", "kind");
    String infraKind = Fields.string(machine, "spec", "infrastructureRef", "kind");
    Condition bootstrapReady = Condition.of("BootstrapConfigReady", s.bootstrapped(), "Ready", "NotReady",
        bootstrapKind + " status.initialization.dataSecretCreated is false");
    Condition infraReported = Conditions.get(infra, "Ready");
    Condition infraReady = infraReported != null
        ? new Condition("InfrastructureReady", infraReported.status(), infraReported.reason(), infraReported.message())
        : Condition.of("InfrastructureReady", s.provisioned(), "Ready", "NotReady",
            infraKind + " status.initialization.provisioned is false");
    Condition nodeReady = nodeReady(machine, s);
    Condition nodeHealthy = nodeReady.isTrue() ? Condition.isTrue("NodeHealthy", "NodeHealthy")
        : Condition.FALSE.equals(nodeReady.status())
            ? Condition.isFalse("NodeHealthy", "NodeNotHealthy", "* Node.Ready: " + nodeReady.message())
            : new Condition("NodeHealthy", Condition.UNKNOWN, nodeReady.reason(), nodeReady.message());
    Condition deleting = s.deletingReason() == null ? Condition.isFalse("Deleting", "NotDeleting", "")
        : new Condition("Deleting", Condition.TRUE, s.deletingReason(), s.deletingMessage());
    Condition ready = Summaries.summary("Ready", List.of(deleting, bootstrapReady, infraReady, nodeHealthy),
        "Ready", "NotReady", "ReadyUnknown");
    Condition available = ready.isTrue() ? Condition.isTrue("Available", "Available")
        : Condition.isFalse("Available", "NotReady", "* Ready: " + firstLine(ready.message()).replaceFirst("^\\* ", ""));
    Condition upToDate = s.upToDateMessage() == null ? Condition.isTrue("UpToDate", "UpToDate")
        : Condition.isFalse("UpToDate", "NotUpToDate", s.upToDateMessage());
    return List.of(available, ready, upToDate, bootstrapReady, infraReady, nodeHealthy, nodeReady, deleting,
        Condition.isFalse("Paused", "NotPaused", ""));
  }

  private static Condition nodeReady(GenericKubernetesResource machine, State s) {
    if (!s.joined()) {
      String providerId = Fields.string(machine, "spec", "providerID");
      return Condition.unknown("NodeReady", "NodeDoesNotExist", providerId == null
          ? "Waiting for a Node with spec.providerID to exist"
          : "Waiting for a Node with spec.providerID " + providerId + " to exist");
    }
    return s.nodeReady() ? new Condition("NodeReady", Condition.TRUE, "KubeletReady", "kubelet is posting ready status")
        : Condition.isFalse("NodeReady", "KubeletNotReady", CNI_MISSING);
  }

  /** The addresses of the worker's container. */
  static List<Map<String, Object>> addresses(String machine) {
    int h = Math.floorMod(machine.hashCode(), 250);
    return List.of(Fields.obj("type", "Hostname", "address", machine),
        Fields.obj("type", "InternalIP", "address", "172.18.1." + (h + 2)),
        Fields.obj("type", "ExternalIP", "address", "172.18.1." + (h + 2)));
  }

  /** What the worker's kubelet reports: k0s prints its version as {@code v1.32.8+k0s}. */
  private static Map<String, Object> nodeInfo(GenericKubernetesResource machine) {
    String version = Fields.string(machine, "spec", "version");
    String kubelet = version == null ? "" : version.replaceAll("[+-]k0s\\.\\d+$", "") + "+k0s";
    String id = UUID.nameUUIDFromBytes(Api.uid(machine).getBytes(StandardCharsets.UTF_8)).toString();
    return Fields.obj("architecture", "amd64", "bootID", id, "containerRuntimeVersion", "containerd://1.7.27",
        "kernelVersion", "6.1.0-31-amd64", "kubeProxyVersion", kubelet, "kubeletVersion", kubelet,
        "machineID", id.replace("-", ""), "operatingSystem", "linux", "osImage", "Ubuntu 24.04.2 LTS",
        "systemUUID", id);
  }

  private static String firstLine(String text) {
    return text == null ? "" : text.lines().findFirst().orElse("");
  }
}
