package dev.tenantplatform.sandbox.simulator;

import dev.tenantplatform.kube.KubeKind;
import dev.tenantplatform.kube.Kinds;
import dev.tenantplatform.sandbox.EmbeddedKubernetes;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** A fresh embedded Kubernetes API per test, the simulator on it, and reads of tenant acme's objects. */
abstract class SimulatorMockTestSupport {

  static final Duration PATIENCE = Duration.ofSeconds(15);

  EmbeddedKubernetes kubernetes;
  KubernetesClient client;
  ManagementClusterSimulator simulator;

  @BeforeEach
  void startTheApi() {
    kubernetes = EmbeddedKubernetes.start(null);
    client = kubernetes.client();
  }

  @AfterEach
  void stop() {
    if (simulator != null) {
      simulator.close();
    }
    kubernetes.close();
  }

  void simulate() {
    simulator = ManagementClusterSimulator.start(client, SimulatorProfile.INSTANT);
  }

  GenericKubernetesResource get(KubeKind kind, String name) {
    return getIn("tenant-acme", kind, name);
  }

  GenericKubernetesResource getIn(String namespace, KubeKind kind, String name) {
    return client.genericKubernetesResources(kind.context()).inNamespace(namespace).withName(name).get();
  }

  List<GenericKubernetesResource> list(KubeKind kind) {
    return client.genericKubernetesResources(kind.context()).inNamespace("tenant-acme").list().getItems();
  }

  String podPhase(String name) {
    Pod pod = client.pods().inNamespace("tenant-acme").withName(name).get();
    return pod == null || pod.getStatus() == null || pod.getStatus().getPhase() == null ? "" : pod.getStatus().getPhase();
  }

  boolean podReady(String name) {
    Pod pod = client.pods().inNamespace("tenant-acme").withName(name).get();
    return pod != null && pod.getStatus() != null && pod.getStatus().getConditions().stream()
        .anyMatch(c -> c.getType().equals("Ready") && c.getStatus().equals("True"));
  }

  long readyMachines() {
    return list(Kinds.MACHINE).stream().filter(m -> Conditions.isTrue(m, "Ready")).count();
  }

  long mdStatus(String field) {
    return Fields.number(get(Kinds.MACHINE_DEPLOYMENT, "acme-md-0"), -1, "status", field);
  }

  void scaleWorkers(int replicas) {
    patch(Kinds.MACHINE_DEPLOYMENT, "acme-md-0", Map.of("spec", Map.of("replicas", replicas)));
  }

  /** A JSON merge patch, as a client that does not hold the latest resourceVersion sends it. */
  void patch(KubeKind kind, String name, Map<String, Object> patch) {
    client.genericKubernetesResources(kind.context()).inNamespace("tenant-acme").withName(name)
        .patch(PatchContext.of(PatchType.JSON_MERGE), Fields.json(patch));
  }
}
