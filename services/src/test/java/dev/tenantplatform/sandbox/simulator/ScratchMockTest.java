package dev.tenantplatform.sandbox.simulator;

import dev.tenantplatform.kube.Kinds;
import dev.tenantplatform.sandbox.EmbeddedKubernetes;
import io.fabric8.kubernetes.client.utils.Serialization;
import org.junit.jupiter.api.Test;
import static org.awaitility.Awaitility.await;
import java.time.Duration;
import java.util.Map;

class ScratchMockTest {
  @Test
  @SuppressWarnings("unchecked")
  void probe() throws Exception {
    try (var k = EmbeddedKubernetes.start(null); var sim = ManagementClusterSimulator.start(k.client(), SimulatorProfile.INSTANT)) {
      var c = k.client();
      new SeedCluster("acme").apply(c);
      var machines = c.genericKubernetesResources(Kinds.MACHINE.context()).inNamespace("tenant-acme");
      await().atMost(Duration.ofSeconds(15)).until(() -> machines.list().getItems().stream().filter(m -> Conditions.isTrue(m, "Ready")).count() == 2);
      c.genericKubernetesResources(Kinds.MACHINE_DEPLOYMENT.context()).inNamespace("tenant-acme").withName("acme-md-0").edit(md -> {
        ((Map<String, Object>) md.getAdditionalProperties().get("spec")).put("replicas", 1); return md; });
      try { await().atMost(Duration.ofSeconds(4)).until(() -> machines.list().getItems().size() == 1); } catch (Throwable t) { System.out.println("TIMEOUT"); }
      for (var m : machines.list().getItems()) System.out.println("MACHINE " + m.getMetadata().getName() + " del=" + m.getMetadata().getDeletionTimestamp() + " fin=" + m.getMetadata().getFinalizers() + " status=" + Serialization.asJson(m.get("status", "phase")) + " " + Serialization.asJson(m.get("status","conditions")));
      for (var m : c.genericKubernetesResources(Kinds.MACHINE_SET.context()).inNamespace("tenant-acme").list().getItems()) System.out.println("MS " + Serialization.asJson(m.getAdditionalProperties()));
    }
  }
}
