package dev.tenantplatform.sandbox.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tenantplatform.kube.KubeKind;
import dev.tenantplatform.kube.Kinds;
import dev.tenantplatform.testing.CrdValidator;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Secret;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The seed's cluster driven to ready by the simulator, with the objects, names and status of the real controllers. */
class ManagementClusterSimulatorMockTest extends SimulatorMockTestSupport {

  @Test
  void drivesTheSeedClusterToReadyWithTheObjectsAndStatusOfTheRealControllers() {
    simulate();
    new SeedCluster("acme").apply(client);

    await().atMost(PATIENCE).until(() -> Conditions.isTrue(get(Kinds.CLUSTER, "acme"), "Available")
        && Fields.number(get(Kinds.CLUSTER, "acme"), 0, "status", "controlPlane", "readyReplicas") == 3);

    GenericKubernetesResource cluster = get(Kinds.CLUSTER, "acme");
    assertThat(cluster.<String>get("status", "phase")).isEqualTo("Provisioned");
    assertThat(cluster.<Boolean>get("status", "initialization", "infrastructureProvisioned")).isTrue();
    assertThat(cluster.<Boolean>get("status", "initialization", "controlPlaneInitialized")).isTrue();
    assertThat(cluster.<String>get("spec", "controlPlaneEndpoint", "host")).isEqualTo("172.18.0.2");
    assertThat(cluster.<Number>get("spec", "controlPlaneEndpoint", "port").intValue()).isEqualTo(30443);
    assertThat(cluster.getMetadata().getFinalizers()).contains("cluster.cluster.x-k8s.io");
    for (String type : List.of("InfrastructureReady", "ControlPlaneInitialized", "ControlPlaneAvailable",
        "WorkersAvailable", "WorkerMachinesReady", "RemoteConnectionProbe")) {
      assertThat(Conditions.isTrue(cluster, type)).as(type).isTrue();
    }
    assertThat(cluster.<Number>get("status", "workers", "readyReplicas").intValue()).isEqualTo(2);
    assertThat(cluster.<Number>get("status", "controlPlane", "readyReplicas").intValue()).isEqualTo(3);

    GenericKubernetesResource kcp = get(Kinds.K0SMOTRON_CONTROL_PLANE, "acme-cp");
    assertThat(kcp.<Map<String, Object>>get("status")).containsEntry("version", "v1.32.8+k0s.0")
        .containsEntry("replicas", 3).containsEntry("readyReplicas", 3).containsEntry("availableReplicas", 3)
        .containsEntry("upToDateReplicas", 3).containsEntry("externalManagedControlPlane", true)
        .doesNotContainKeys("ready", "initialized", "updatedReplicas", "unavailableReplicas");
    assertThat(kcp.<Boolean>get("status", "initialization", "controlPlaneInitialized")).isTrue();
    assertThat(Conditions.get(kcp, "Available")).isEqualTo(Condition.isTrue("Available", "Available"));
    assertThat(Owners.ownerOfKind(kcp, Kinds.CAPI, "Cluster")).get()
        .satisfies(ref -> assertThat(ref.getController()).isTrue());

    assertThat(client.apps().statefulSets().inNamespace("tenant-acme").list().getItems())
        .extracting(s -> s.getMetadata().getName()).containsExactlyInAnyOrder("kmc-acme", "kmc-acme-etcd");
    assertThat(client.pods().inNamespace("tenant-acme").list().getItems())
        .extracting(p -> p.getMetadata().getName()).containsExactlyInAnyOrder(
            "kmc-acme-0", "kmc-acme-1", "kmc-acme-2", "kmc-acme-etcd-0", "kmc-acme-etcd-1", "kmc-acme-etcd-2");
    Pod controller = client.pods().inNamespace("tenant-acme").withName("kmc-acme-1").get();
    assertThat(controller.getMetadata().getLabels()).containsEntry("app", "k0smotron").containsEntry("cluster", "acme")
        .containsEntry("component", "cluster").containsEntry("cluster.x-k8s.io/control-plane", "true")
        .containsEntry("app.kubernetes.io/component", "control-plane")
        .containsEntry("cluster.x-k8s.io/cluster-name", "acme");
    assertThat(controller.getSpec().getContainers().get(0).getName()).isEqualTo("controller");
    assertThat(controller.getSpec().getContainers().get(0).getImage()).isEqualTo("quay.io/k0sproject/k0s:v1.32.8-k0s.0");
    assertThat(controller.getSpec().getContainers().get(0).getResources().getRequests())
        .containsEntry("cpu", new Quantity("250m"));
    assertThat(controller.getStatus().getPhase()).isEqualTo("Running");
    assertThat(client.services().inNamespace("tenant-acme").list().getItems())
        .extracting(s -> s.getMetadata().getName()).containsExactlyInAnyOrder("kmc-acme-nodeport", "kmc-acme-etcd");
    assertThat(client.persistentVolumeClaims().inNamespace("tenant-acme").list().getItems())
        .extracting(p -> p.getMetadata().getName()).containsExactlyInAnyOrder("etcd-data-kmc-acme-etcd-0",
            "etcd-data-kmc-acme-etcd-1", "etcd-data-kmc-acme-etcd-2");

    Secret kubeconfig = client.secrets().inNamespace("tenant-acme").withName("acme-kubeconfig").get();
    assertThat(kubeconfig.getType()).isEqualTo("cluster.x-k8s.io/secret");
    assertThat(new String(Base64.getDecoder().decode(kubeconfig.getData().get("value")), StandardCharsets.UTF_8))
        .contains("server: https://172.18.0.2:30443", "name: acme-k0s", "name: acme-admin");
    assertThat(client.secrets().inNamespace("tenant-acme").list().getItems()).extracting(s -> s.getMetadata().getName())
        .contains("acme-ca", "acme-proxy", "acme-sa", "acme-etcd", "acme-apiserver-etcd-client", "acme-etcd-server",
            "acme-etcd-peer");

    List<GenericKubernetesResource> machines = list(Kinds.MACHINE);
    assertThat(machines).hasSize(2).allSatisfy(m -> {
      assertThat(m.getMetadata().getName()).matches("acme-md-0-[a-z0-9]{5}-[a-z0-9]{5}");
      assertThat(m.<String>get("status", "phase")).isEqualTo("Running");
      assertThat(m.<String>get("status", "nodeRef", "name")).isEqualTo(m.getMetadata().getName());
      assertThat(Conditions.isTrue(m, "Ready")).isTrue();
    });
    GenericKubernetesResource md = get(Kinds.MACHINE_DEPLOYMENT, "acme-md-0");
    assertThat(md.<Map<String, Object>>get("status")).containsEntry("replicas", 2).containsEntry("readyReplicas", 2)
        .containsEntry("availableReplicas", 2).containsEntry("upToDateReplicas", 2).containsEntry("phase", "Running");

    GenericKubernetesResource binding = get(Kinds.CLUSTER_RESOURCE_SET_BINDING, "acme");
    assertThat(binding.<String>get("spec", "clusterName")).isEqualTo("acme");
    assertThat(binding.<String>get("spec", "bindings", 0, "clusterResourceSetName")).isEqualTo("calico");
    assertThat(binding.<Map<String, Object>>get("spec", "bindings", 0, "resources", 0))
        .containsEntry("kind", "ConfigMap").containsEntry("name", "calico").containsEntry("applied", true);
  }

  @Test
  void everyObjectTheSimulatorWritesIsValidAgainstTheUpstreamCrdsStatusIncluded() {
    simulate();
    CrdValidator crds = CrdValidator.fromSharedFolder();
    new SeedCluster("acme").apply(client);
    await().atMost(PATIENCE).until(() -> Conditions.isTrue(get(Kinds.CLUSTER, "acme"), "Available"));

    List<String> problems = new ArrayList<>();
    for (KubeKind kind : Kinds.ALL) {
      for (GenericKubernetesResource object : list(kind)) {
        // The CRUD mock stores "status": null on kinds without a status after any patch; an API server would not.
        object.getAdditionalProperties().remove("status", null);
        problems.addAll(crds.problems(object));
      }
    }
    assertThat(problems).isEmpty();
    assertThat(list(Kinds.DOCKER_MACHINE)).hasSize(2);
    assertThat(list(Kinds.K0S_WORKER_CONFIG)).hasSize(2);
    assertThat(list(Kinds.K0SMOTRON_CLUSTER)).hasSize(1);
  }

  @Test
  void anInfrastructureClusterWithoutTheManagedByAnnotationIsNeverProvisioned() {
    simulate();
    SeedCluster seed = new SeedCluster("acme");
    seed.managedBy = false;
    seed.apply(client);

    await().atMost(PATIENCE).until(() -> Conditions.isTrue(get(Kinds.K0SMOTRON_CONTROL_PLANE, "acme-cp"), "Available")
        && list(Kinds.MACHINE).stream().allMatch(m -> "Running".equals(m.get("status", "phase"))));

    GenericKubernetesResource docker = get(Kinds.DOCKER_CLUSTER, "acme");
    assertThat(docker.<Object>get("status", "initialization", "provisioned")).isNull();
    assertThat(docker.<String>get("spec", "controlPlaneEndpoint", "host")).isEqualTo("172.18.0.2");
    GenericKubernetesResource cluster = get(Kinds.CLUSTER, "acme");
    assertThat(cluster.<String>get("status", "phase")).isEqualTo("Provisioning");
    assertThat(Conditions.get(cluster, "InfrastructureReady")).isEqualTo(Condition.isFalse("InfrastructureReady",
        "NotReady", "DockerCluster status.initialization.provisioned is false"));
    assertThat(Conditions.isTrue(cluster, "Available")).isFalse();
  }

  @Test
  void theKubeconfigSecretAppearsOnlyOnceTheFirstControlPlanePodIsReady() {
    SimulatorProfile slowProbe = new SimulatorProfile("slow-probe", Duration.ZERO, Duration.ZERO, Duration.ZERO,
        Duration.ofMillis(1500), Duration.ZERO, Duration.ZERO, Duration.ZERO, Duration.ZERO, Duration.ZERO,
        Duration.ZERO);
    simulator = ManagementClusterSimulator.start(client, slowProbe);
    new SeedCluster("acme").apply(client);

    await().atMost(PATIENCE).until(() -> podPhase("kmc-acme-0").equals("Running"));
    assertThat(podReady("kmc-acme-0")).isFalse();
    assertThat(client.secrets().inNamespace("tenant-acme").withName("acme-kubeconfig").get()).isNull();
    assertThat(Conditions.get(get(Kinds.K0SMOTRON_CONTROL_PLANE, "acme-cp"), "Available").reason())
        .isEqualTo("ClusterClientCreationFailed");

    await().atMost(PATIENCE).until(() -> client.secrets().inNamespace("tenant-acme").withName("acme-kubeconfig")
        .get() != null);
    assertThat(podReady("kmc-acme-0")).isTrue();
  }

  @Test
  void workersStayNotReadyWithoutACniAndTurnReadyOnceCalicoIsApplied() {
    simulate();
    SeedCluster seed = new SeedCluster("acme");
    seed.calicoLabel = false;
    seed.apply(client);

    await().atMost(PATIENCE).until(() -> list(Kinds.MACHINE).size() == 2
        && list(Kinds.MACHINE).stream().allMatch(m -> "Running".equals(m.get("status", "phase"))));
    assertThat(list(Kinds.MACHINE)).allSatisfy(m -> {
      assertThat(m.<String>get("status", "nodeRef", "name")).isNotNull();
      assertThat(Conditions.get(m, "NodeReady").reason()).isEqualTo("KubeletNotReady");
      assertThat(Conditions.isTrue(m, "Ready")).isFalse();
    });
    assertThat(get(Kinds.CLUSTER_RESOURCE_SET_BINDING, "acme")).isNull();
    assertThat(Conditions.isTrue(get(Kinds.CLUSTER, "acme"), "WorkersAvailable")).isFalse();

    patch(Kinds.CLUSTER, "acme", Map.of("metadata", Map.of("labels", Map.of("cni", "calico"))));

    await().atMost(PATIENCE).until(() -> list(Kinds.MACHINE).stream().allMatch(m -> Conditions.isTrue(m, "Ready")));
    assertThat(get(Kinds.CLUSTER_RESOURCE_SET_BINDING, "acme").<Boolean>get("spec", "bindings", 0, "resources", 0,
        "applied")).isTrue();
    await().atMost(PATIENCE).until(() -> Conditions.isTrue(get(Kinds.CLUSTER, "acme"), "Available"));
  }

  @Test
  void devInfrastructureAndALoadBalancerServiceTakeTheLoadBalancersAddressAsEndpoint() {
    simulate();
    SeedCluster seed = new SeedCluster("acme");
    seed.infrastructure = "dev";
    seed.serviceType = "LoadBalancer";
    seed.controlPlaneReplicas = 1;
    seed.apply(client);

    await().atMost(PATIENCE).until(() -> Conditions.isTrue(get(Kinds.CLUSTER, "acme"), "Available"));

    var service = client.services().inNamespace("tenant-acme").withName("kmc-acme-lb").get();
    String ingress = service.getStatus().getLoadBalancer().getIngress().get(0).getIp();
    assertThat(service.getSpec().getType()).isEqualTo("LoadBalancer");
    assertThat(get(Kinds.CLUSTER, "acme").<String>get("spec", "controlPlaneEndpoint", "host")).isEqualTo(ingress);
    assertThat(get(Kinds.DEV_CLUSTER, "acme").<Boolean>get("status", "initialization", "provisioned")).isTrue();
    assertThat(list(Kinds.DEV_MACHINE)).hasSize(2).allSatisfy(m ->
        assertThat(m.<String>get("spec", "providerID")).isEqualTo("docker:////" + m.getMetadata().getName()));
    assertThat(client.pods().inNamespace("tenant-acme").list().getItems()).extracting(p -> p.getMetadata().getName())
        .containsExactlyInAnyOrder("kmc-acme-0", "kmc-acme-etcd-0");
  }

  @Test
  void closingTheSimulatorStopsItsThreadAndItsWatches() {
    simulate();
    new SeedCluster("acme").apply(client);
    await().atMost(PATIENCE).until(() -> get(Kinds.K0SMOTRON_CLUSTER, "acme") != null);

    simulator.close();
    simulator = null;

    await().atMost(PATIENCE).until(() -> Thread.getAllStackTraces().keySet().stream()
        .noneMatch(t -> t.getName().equals("management-cluster-simulator") && t.isAlive()));
    client.genericKubernetesResources(Kinds.MACHINE_DEPLOYMENT.context()).inNamespace("tenant-acme")
        .withName("acme-md-0").delete();
    await().during(Duration.ofMillis(300)).atMost(PATIENCE)
        .until(() -> !list(Kinds.MACHINE_SET).isEmpty());
  }
}
