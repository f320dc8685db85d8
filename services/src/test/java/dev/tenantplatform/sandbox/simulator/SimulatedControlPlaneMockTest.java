package dev.tenantplatform.sandbox.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tenantplatform.kube.Kinds;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The hosted control plane through a change of replicas and of k0s version. */
class SimulatedControlPlaneMockTest extends SimulatorMockTestSupport {

  @Test
  void scalingTheControlPlaneAddsK0sPodsAndEtcdMembersKeepingEtcdOdd() {
    simulate();
    SeedCluster seed = new SeedCluster("acme");
    seed.controlPlaneReplicas = 1;
    seed.apply(client);
    await().atMost(PATIENCE).until(() -> controlPlaneReady(1));
    assertThat(podNames()).containsExactlyInAnyOrder("kmc-acme-0", "kmc-acme-etcd-0");

    patch(Kinds.K0SMOTRON_CONTROL_PLANE, "acme-cp", Map.of("spec", Map.of("replicas", 2)));

    await().atMost(PATIENCE).until(() -> controlPlaneReady(2));
    assertThat(podNames()).containsExactlyInAnyOrder("kmc-acme-0", "kmc-acme-1",
        "kmc-acme-etcd-0", "kmc-acme-etcd-1", "kmc-acme-etcd-2");
    assertThat(client.apps().statefulSets().inNamespace("tenant-acme").withName("kmc-acme-etcd").get()
        .getSpec().getReplicas()).isEqualTo(3);
  }

  @Test
  void aNewK0sVersionReplacesTheControllerPodsAndIsReportedOnceTheyRunIt() {
    simulate();
    new SeedCluster("acme").apply(client);
    await().atMost(PATIENCE).until(() -> controlPlaneReady(3));

    patch(Kinds.K0SMOTRON_CONTROL_PLANE, "acme-cp", Map.of("spec", Map.of("version", "v1.33.4+k0s.0")));

    await().atMost(PATIENCE).until(() -> controlPlaneReady(3)
        && "v1.33.4+k0s.0".equals(get(Kinds.K0SMOTRON_CONTROL_PLANE, "acme-cp").get("status", "version")));
    assertThat(client.pods().inNamespace("tenant-acme").withLabel("cluster.x-k8s.io/control-plane", "true").list()
        .getItems()).hasSize(3).extracting(p -> p.getSpec().getContainers().get(0).getImage())
        .containsOnly("quay.io/k0sproject/k0s:v1.33.4-k0s.0");
    assertThat(get(Kinds.K0SMOTRON_CONTROL_PLANE, "acme-cp").<Map<String, Object>>get("status"))
        .containsEntry("upToDateReplicas", 3);
    Pod etcd = client.pods().inNamespace("tenant-acme").withName("kmc-acme-etcd-0").get();
    assertThat(etcd.getSpec().getContainers().get(0).getImage()).isEqualTo("quay.io/k0sproject/etcd:v3.7.1");
  }

  private boolean controlPlaneReady(int replicas) {
    Map<String, Object> status = Fields.map(get(Kinds.K0SMOTRON_CONTROL_PLANE, "acme-cp"), "status");
    return Fields.sameJson(status.get("replicas"), replicas) && Fields.sameJson(status.get("readyReplicas"), replicas)
        && Fields.sameJson(status.get("upToDateReplicas"), replicas);
  }

  private List<String> podNames() {
    return client.pods().inNamespace("tenant-acme").list().getItems().stream().map(p -> p.getMetadata().getName())
        .toList();
  }
}
