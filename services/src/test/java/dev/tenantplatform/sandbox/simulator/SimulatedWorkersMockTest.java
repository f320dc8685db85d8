package dev.tenantplatform.sandbox.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tenantplatform.kube.KubeKind;
import dev.tenantplatform.kube.Kinds;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Worker Machines through scaling, a rollout and the Cluster's deletion. */
class SimulatedWorkersMockTest extends SimulatorMockTestSupport {

  @Test
  void scalingTheMachineDeploymentAddsAndRemovesMachines() {
    simulate();
    new SeedCluster("acme").apply(client);
    await().atMost(PATIENCE).until(() -> readyMachines() == 2);
    String machineSet = list(Kinds.MACHINE_SET).get(0).getMetadata().getName();

    scaleWorkers(4);
    await().atMost(PATIENCE).until(() -> readyMachines() == 4 && list(Kinds.MACHINE).size() == 4
        && mdStatus("readyReplicas") == 4);
    assertThat(list(Kinds.MACHINE)).allSatisfy(m -> assertThat(m.getMetadata().getName()).startsWith(machineSet + "-"));

    scaleWorkers(1);
    await().atMost(PATIENCE).until(() -> list(Kinds.MACHINE).size() == 1 && mdStatus("replicas") == 1
        && list(Kinds.DOCKER_MACHINE).size() == 1 && list(Kinds.K0S_WORKER_CONFIG).size() == 1);
    assertThat(get(Kinds.MACHINE_DEPLOYMENT, "acme-md-0").<String>get("status", "phase")).isEqualTo("Running");
    assertThat(get(Kinds.CLUSTER, "acme").<Number>get("status", "workers", "desiredReplicas").intValue()).isEqualTo(1);
  }

  @Test
  void aNewWorkerVersionRollsOutToNewMachinesAndRetiresTheOldMachineSet() {
    simulate();
    new SeedCluster("acme").apply(client);
    await().atMost(PATIENCE).until(() -> readyMachines() == 2);
    String oldSet = list(Kinds.MACHINE_SET).get(0).getMetadata().getName();

    patch(Kinds.MACHINE_DEPLOYMENT, "acme-md-0",
        Map.of("spec", Map.of("template", Map.of("spec", Map.of("version", "v1.33.2")))));

    await().atMost(PATIENCE).until(() -> list(Kinds.MACHINE_SET).size() == 1
        && !list(Kinds.MACHINE_SET).get(0).getMetadata().getName().equals(oldSet)
        && list(Kinds.MACHINE).size() == 2 && readyMachines() == 2);
    assertThat(list(Kinds.MACHINE)).allSatisfy(m -> {
      assertThat(m.<String>get("spec", "version")).isEqualTo("v1.33.2");
      assertThat(Conditions.isTrue(m, "UpToDate")).isTrue();
    });
    await().atMost(PATIENCE).until(() -> mdStatus("upToDateReplicas") == 2);
  }

  @Test
  void deletingTheClusterRemovesWorkersThenTheControlPlaneThenTheInfrastructureThenItself() {
    simulate();
    new SeedCluster("acme").apply(client);
    await().atMost(PATIENCE).until(() -> Conditions.isTrue(get(Kinds.CLUSTER, "acme"), "Available"));
    DeletionLog log = DeletionLog.watch(client, "tenant-acme");

    client.genericKubernetesResources(Kinds.CLUSTER.context()).inNamespace("tenant-acme").withName("acme").delete();

    await().atMost(PATIENCE).until(() -> get(Kinds.CLUSTER, "acme") == null);
    await().atMost(PATIENCE).until(() -> client.pods().inNamespace("tenant-acme").list().getItems().isEmpty());
    for (KubeKind kind : List.of(Kinds.MACHINE_DEPLOYMENT, Kinds.MACHINE_SET, Kinds.MACHINE, Kinds.DOCKER_MACHINE,
        Kinds.K0S_WORKER_CONFIG, Kinds.K0SMOTRON_CONTROL_PLANE, Kinds.K0SMOTRON_CLUSTER, Kinds.DOCKER_CLUSTER,
        Kinds.CLUSTER_RESOURCE_SET_BINDING, Kinds.DOCKER_MACHINE_TEMPLATE, Kinds.K0S_WORKER_CONFIG_TEMPLATE)) {
      await().atMost(PATIENCE).until(() -> list(kind).isEmpty());
    }
    assertThat(client.apps().statefulSets().inNamespace("tenant-acme").list().getItems()).isEmpty();
    assertThat(client.services().inNamespace("tenant-acme").list().getItems()).isEmpty();
    assertThat(client.secrets().inNamespace("tenant-acme").list().getItems()).isEmpty();
    assertThat(client.configMaps().inNamespace("tenant-acme").list().getItems())
        .extracting(c -> c.getMetadata().getName()).containsExactly("calico");
    assertThat(list(Kinds.CLUSTER_RESOURCE_SET)).hasSize(1);

    assertThat(log.lastDeletion("Machine")).isLessThan(log.firstDeletion("K0smotronControlPlane"));
    assertThat(log.firstDeletion("K0smotronControlPlane")).isLessThan(log.firstDeletion("DockerCluster"));
    assertThat(log.firstDeletion("DockerCluster")).isLessThan(log.firstDeletion("Cluster"));
    assertThat(log.phases()).contains("Deleting");
    log.close();
  }
}
