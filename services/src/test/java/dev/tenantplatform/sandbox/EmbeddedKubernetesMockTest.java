package dev.tenantplatform.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.tenantplatform.kube.Kinds;
import dev.tenantplatform.testing.Tool;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded API behaves like a real one for the platform, for kubectl and across restarts. */
class EmbeddedKubernetesMockTest {

  @TempDir
  Path dataDir;

  private EmbeddedKubernetes api;

  @BeforeEach
  void start() {
    api = EmbeddedKubernetes.start(dataDir);
    api.client().namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("tenant-acme")
        .endMetadata().build()).create();
  }

  @AfterEach
  void stop() {
    api.close();
  }

  @Test
  void serverSideApplyCreatesThenUpdatesWithTheFieldManager() {
    var clusters = api.client().genericKubernetesResources(Kinds.CLUSTER.context()).inNamespace("tenant-acme");
    clusters.resource(cluster(Map.of("cni", "calico"))).fieldManager("tenant-platform").forceConflicts()
        .serverSideApply();
    clusters.resource(cluster(Map.of("cni", "calico", "tier", "gold"))).fieldManager("tenant-platform")
        .forceConflicts().serverSideApply();

    assertThat(clusters.withName("acme").get().getMetadata().getLabels())
        .containsEntry("cni", "calico").containsEntry("tier", "gold");
  }

  @Test
  void serverSideApplyReplacesListsAsARealServerDoes() {
    var sets = api.client().genericKubernetesResources(Kinds.CLUSTER_RESOURCE_SET.context()).inNamespace("tenant-acme");
    GenericKubernetesResource crs = new GenericKubernetesResourceBuilder()
        .withApiVersion(Kinds.CLUSTER_RESOURCE_SET.apiVersion()).withKind(Kinds.CLUSTER_RESOURCE_SET.kind())
        .withNewMetadata().withName("calico").withNamespace("tenant-acme").endMetadata()
        .addToAdditionalProperties("spec", Map.of("resources", java.util.List.of(Map.of("kind", "ConfigMap",
            "name", "calico")))).build();
    sets.resource(crs).fieldManager("tenant-platform").forceConflicts().serverSideApply();
    sets.resource(crs).fieldManager("tenant-platform").forceConflicts().serverSideApply();

    assertThat((java.util.List<?>) sets.withName("calico").get().get("spec", "resources")).hasSize(1);
  }

  @Test
  void statusPatchWithAFieldManagerIsKept() {
    var clusters = api.client().genericKubernetesResources(Kinds.CLUSTER.context()).inNamespace("tenant-acme");
    clusters.resource(cluster(Map.of())).create();
    clusters.withName("acme").subresource("status").patch(
        new PatchContext.Builder().withPatchType(PatchType.JSON_MERGE).withFieldManager("capi").build(),
        "{\"status\":{\"phase\":\"Provisioned\"}}");

    assertThat((Object) clusters.withName("acme").get().get("status", "phase")).isEqualTo("Provisioned");
  }

  @Test
  void objectsSurviveARestartOnTheSameFolder() {
    api.client().genericKubernetesResources(Kinds.CLUSTER.context()).inNamespace("tenant-acme")
        .resource(cluster(Map.of("cni", "calico"))).create();
    api.client().genericKubernetesResources(Kinds.CLUSTER.context()).inNamespace("tenant-acme").withName("acme")
        .subresource("status").patch(PatchContext.of(PatchType.JSON_MERGE), "{\"status\":{\"phase\":\"Provisioned\"}}");
    api.close();

    api = EmbeddedKubernetes.start(dataDir);

    GenericKubernetesResource restored = api.client().genericKubernetesResources(Kinds.CLUSTER.context())
        .inNamespace("tenant-acme").withName("acme").get();
    assertThat(restored).isNotNull();
    assertThat(restored.getMetadata().getLabels()).containsEntry("cni", "calico");
    assertThat((Object) restored.get("status", "phase")).as("status is kept too").isEqualTo("Provisioned");
    assertThat(api.client().namespaces().withName("tenant-acme").get()).isNotNull();
  }

  @Test
  void injectedFaultsHitThePlatformButNotTheControllers() throws Exception {
    api.failWhen(call -> call.isWrite() && "tenant-acme".equals(call.namespace()));
    // fabric8 retries a 503 with backoff, as the platform should; here one answer is enough.
    var config = new io.fabric8.kubernetes.client.ConfigBuilder(
        io.fabric8.kubernetes.client.Config.fromKubeconfig(Files.readString(api.kubeconfig())))
        .withRequestRetryBackoffLimit(0).build();
    try (KubernetesClient platform = new KubernetesClientBuilder().withConfig(config).build()) {
      var platformClusters = platform.genericKubernetesResources(Kinds.CLUSTER.context()).inNamespace("tenant-acme");

      assertThatThrownBy(() -> platformClusters.resource(cluster(Map.of())).create())
          .isInstanceOfSatisfying(KubernetesClientException.class, e -> assertThat(e.getCode()).isEqualTo(503));
      api.controllersClient().genericKubernetesResources(Kinds.CLUSTER.context()).inNamespace("tenant-acme")
          .resource(cluster(Map.of())).create();
      assertThat(platformClusters.withName("acme").get()).as("reads still work").isNotNull();
    }
  }

  @Test
  void aClientBuiltFromTheKubeconfigWatchesThroughTheFront() throws Exception {
    assertThat(Files.readString(api.kubeconfig())).contains("server: " + api.url());
    var fromKubeconfig = io.fabric8.kubernetes.client.Config.fromKubeconfig(Files.readString(api.kubeconfig()));
    try (KubernetesClient other = new KubernetesClientBuilder().withConfig(fromKubeconfig).build()) {
      var seen = new java.util.concurrent.CopyOnWriteArrayList<String>();
      try (var watch = other.pods().inNamespace("tenant-acme").watch(new io.fabric8.kubernetes.client.Watcher<>() {
        @Override
        public void eventReceived(Action action, io.fabric8.kubernetes.api.model.Pod pod) {
          seen.add(action + " " + pod.getMetadata().getName());
        }

        @Override
        public void onClose(io.fabric8.kubernetes.client.WatcherException cause) {
        }
      })) {
        api.client().pods().inNamespace("tenant-acme").resource(pod("kmc-acme-0")).create();
        await().atMost(Duration.ofSeconds(10)).until(() -> seen.contains("ADDED kmc-acme-0"));
      }
    }
  }

  @Test
  void kubectlRunsTheSeedCommandsAgainstTheKubeconfig() {
    Tool kubectl = new Tool("kubectl").require();
    Map<String, String> env = Map.of("KUBECONFIG", api.kubeconfig().toString());
    api.client().genericKubernetesResources(Kinds.CLUSTER.context()).inNamespace("tenant-acme")
        .resource(cluster(Map.of())).create();
    api.client().pods().inNamespace("tenant-acme").resource(pod("kmc-acme-0")).create();

    Tool.Result all = kubectl.run(env, 30, "get", "clusters.cluster.x-k8s.io,k0smotroncontrolplanes,machines", "-A");
    assertThat(all.exitCode()).as(all.err()).isZero();
    assertThat(all.out()).contains("tenant-acme", "acme");
    Tool.Result pods = kubectl.run(env, 30, "get", "pods", "-n", "tenant-acme");
    assertThat(pods.out()).as(pods.err()).contains("kmc-acme-0");
    Tool.Result label = kubectl.run(env, 30, "label", "clusters.cluster.x-k8s.io", "acme", "-n", "tenant-acme",
        "cni=calico");
    assertThat(label.exitCode()).as(label.err()).isZero();
    Tool.Result yaml = kubectl.run(env, 30, "get", "clusters.cluster.x-k8s.io", "acme", "-n", "tenant-acme",
        "-o", "yaml");
    assertThat(yaml.out()).as(yaml.err()).contains("cni: calico", "apiVersion: cluster.x-k8s.io/v1beta2");
  }

  @Test
  void kubectlGetWatchShowsChangesAsTheyHappen() {
    Tool kubectl = new Tool("kubectl").require();
    Map<String, String> env = Map.of("KUBECONFIG", api.kubeconfig().toString());
    api.client().pods().inNamespace("tenant-acme").resource(pod("kmc-acme-0")).create();
    try (Tool.Running watch = kubectl.start(env, "get", "pods", "-n", "tenant-acme", "-w")) {
      await().atMost(Duration.ofSeconds(15)).until(() -> watch.output().contains("kmc-acme-0"));
      api.client().pods().inNamespace("tenant-acme").resource(pod("kmc-acme-etcd-0")).create();
      await().atMost(Duration.ofSeconds(15)).untilAsserted(() ->
          assertThat(watch.output()).as(watch.errors()).contains("kmc-acme-etcd-0"));
    }
  }

  private static GenericKubernetesResource cluster(Map<String, String> labels) {
    return new GenericKubernetesResourceBuilder().withApiVersion(Kinds.CLUSTER.apiVersion())
        .withKind(Kinds.CLUSTER.kind()).withNewMetadata().withName("acme").withNamespace("tenant-acme")
        .withLabels(labels).endMetadata().build();
  }

  private static io.fabric8.kubernetes.api.model.Pod pod(String name) {
    return new PodBuilder().withNewMetadata().withName(name).withNamespace("tenant-acme").endMetadata()
        .withNewSpec().addNewContainer().withName("k0s").withImage("k0sproject/k0s").endContainer().endSpec()
        .build();
  }
}
