package dev.tenantplatform.watcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tenantplatform.events.ClusterSpec;
import dev.tenantplatform.events.EventData;
import dev.tenantplatform.events.EventType;
import dev.tenantplatform.events.TenantEvent;
import dev.tenantplatform.events.TenantPhase;
import dev.tenantplatform.events.TenantRequest;
import dev.tenantplatform.kube.Applier;
import dev.tenantplatform.kube.KubeKind;
import dev.tenantplatform.kube.Kinds;
import dev.tenantplatform.kube.RetryPolicy;
import dev.tenantplatform.kube.TenantNames;
import dev.tenantplatform.provisioner.blueprint.BlueprintConfig;
import dev.tenantplatform.provisioner.blueprint.ClusterBlueprint;
import dev.tenantplatform.provisioner.blueprint.NodePorts;
import dev.tenantplatform.sandbox.EmbeddedKubernetes;
import dev.tenantplatform.sandbox.simulator.ManagementClusterSimulator;
import dev.tenantplatform.sandbox.simulator.SimulatorProfile;
import dev.tenantplatform.support.TenantLedger.Entry;
import dev.tenantplatform.testing.MemoryLedger;
import dev.tenantplatform.watcher.state.Check;
import dev.tenantplatform.watcher.state.CheckName;
import dev.tenantplatform.watcher.state.StateConfig;
import dev.tenantplatform.watcher.state.TenantState;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The watcher against the embedded API and the simulated controllers, with the ledger's contract in memory: the
 * Action 10 checks say, one by one, what the objects in the API say.
 */
class WatcherMockTest {

  private static final Duration PATIENCE = Duration.ofSeconds(30);
  private static final String ACME = "acme";
  private final TenantNames names = new TenantNames(ACME);
  private final MemoryLedger ledger = new MemoryLedger();
  private Vertx vertx;
  private EmbeddedKubernetes kube;
  private KubernetesClient client;
  private ManagementClusterSimulator simulator;
  private Watcher watcher;

  @BeforeEach
  void start() {
    vertx = Vertx.vertx();
    kube = EmbeddedKubernetes.start(null);
    client = kube.client();
    simulator = ManagementClusterSimulator.start(kube.controllersClient(), SimulatorProfile.INSTANT);
    // Nothing here waits long enough to turn Degraded: only the checks are looked at.
    watcher = join(Watcher.deploy(vertx, WatcherConfig.defaults()
        .withState(new StateConfig(Duration.ofHours(1), Duration.ofHours(1)))
        .withDebounce(Duration.ofMillis(10)), client, ledger));
  }

  @AfterEach
  void stop() {
    join(vertx.close());
    simulator.close();
    kube.close();
  }

  @Test
  void aTenantComingUpPassesEveryCheckAsItsObjectsSayAndItsChainTellsItsLife() {
    onboard();

    await().atMost(PATIENCE).until(() -> phase() == TenantPhase.READY);
    TenantState state = state();
    List<Pod> pods = client.pods().inNamespace(names.namespace()).withLabel("app", "k0smotron").list().getItems();
    long etcd = pods.stream().filter(p -> "etcd".equals(p.getMetadata().getLabels().get("component"))).count();
    assertThat(state.check(CheckName.CONTROL_PLANE_PODS_RUNNING).fact())
        .isEqualTo((pods.size() - etcd) + "/3 k0s and " + etcd + "/3 etcd pods Running");
    assertThat(state.check(CheckName.WORKERS_READY).fact()).isEqualTo("workers " + list(Kinds.MACHINE).size()
        + "/2 Running and Ready");
    assertThat(state.checks()).allMatch(Check::passed);
    assertThat(ledger.events(ACME)).extracting(TenantEvent::type).containsOnlyOnce(EventType.TENANT_READY)
        .endsWith(EventType.TENANT_READY);
  }

  @Test
  void aTenantWhoseObjectsSettledBeforeItsChainSaidClusterAppliedGetsItsEventsWhenTheChainDoes() {
    TenantRequest create = acceptAndApply();
    // The controllers are done before the provisioner records cluster.applied (say its last write was answered
    // late), and then nothing changes in the API any more.
    await().atMost(PATIENCE).until(() -> phase() != null && state().checks().stream().allMatch(Check::passed));
    simulator.close();
    assertThat(ledger.events(ACME)).extracting(TenantEvent::type).containsExactly(EventType.TENANT_ACCEPTED);

    recordApplied(create);

    await().atMost(PATIENCE).untilAsserted(() -> assertThat(ledger.events(ACME)).extracting(TenantEvent::type)
        .as("the events the watcher derives once the chain has cluster.applied, with no object changing")
        .endsWith(EventType.TENANT_READY));
  }

  @Test
  void aTenantFailsEachCheckInTurnAsItsObjectsSayAndPassesItAgainWhenTheyAreBack() {
    onboard();
    await().atMost(PATIENCE).until(() -> phase() == TenantPhase.READY);
    // At rest: nothing repairs what the test breaks.
    simulator.close();

    breakAndRepair(CheckName.CLUSTER_PROVISIONED, "Cluster phase Provisioning",
        () -> patchStatus(Kinds.CLUSTER, names.cluster(), Map.of("phase", "Provisioning")),
        () -> patchStatus(Kinds.CLUSTER, names.cluster(), Map.of("phase", "Provisioned")));
    breakAndRepair(CheckName.CONTROL_PLANE_AVAILABLE, "control plane 2/3 ready",
        () -> patchStatus(Kinds.K0SMOTRON_CONTROL_PLANE, names.controlPlane(), Map.of("readyReplicas", 2)),
        () -> patchStatus(Kinds.K0SMOTRON_CONTROL_PLANE, names.controlPlane(), Map.of("readyReplicas", 3)));
    String etcd = names.etcdStatefulSet() + "-0";
    breakAndRepair(CheckName.CONTROL_PLANE_PODS_RUNNING, "3/3 k0s and 2/3 etcd pods Running",
        () -> patchPodPhase(etcd, "Pending"), () -> patchPodPhase(etcd, "Running"));
    GenericKubernetesResource machine = list(Kinds.MACHINE).get(0);
    breakAndRepair(CheckName.WORKERS_READY, "workers 1/2 Running and Ready",
        () -> patchStatus(Kinds.MACHINE, machine.getMetadata().getName(), Map.of("conditions",
            withCondition(machine.get("status", "conditions"), "Ready", "False"))),
        () -> patchStatus(Kinds.MACHINE, machine.getMetadata().getName(), Map.of("conditions",
            machine.get("status", "conditions"))));
    breakAndRepair(CheckName.CNI_LABEL, "Cluster not labelled cni=calico",
        () -> patch(Kinds.CLUSTER, names.cluster(), Map.of("metadata", Map.of("labels", Map.of("cni", "cilium")))),
        () -> patch(Kinds.CLUSTER, names.cluster(), Map.of("metadata", Map.of("labels", Map.of("cni", "calico")))));
    GenericKubernetesResource binding = get(Kinds.CLUSTER_RESOURCE_SET_BINDING, names.resourceSetBinding());
    breakAndRepair(CheckName.CNI_APPLIED, "Calico not applied",
        () -> replaceSpec(Kinds.CLUSTER_RESOURCE_SET_BINDING, names.resourceSetBinding(), "bindings",
            notApplied(binding.get("spec", "bindings"))),
        () -> replaceSpec(Kinds.CLUSTER_RESOURCE_SET_BINDING, names.resourceSetBinding(), "bindings",
            binding.get("spec", "bindings")));
    Secret kubeconfig = client.secrets().inNamespace(names.namespace()).withName(names.kubeconfigSecret()).get();
    breakAndRepair(CheckName.KUBECONFIG, "Secret " + names.kubeconfigSecret() + " does not exist",
        () -> client.resource(kubeconfig).delete(),
        () -> client.resource(new SecretBuilder(kubeconfig).editMetadata().withResourceVersion(null).withUid(null)
            .endMetadata().build()).create());
  }

  /** Breaks one thing in the API: that check alone fails, with what the objects say; repaired, all pass again. */
  private void breakAndRepair(CheckName check, String fact, Runnable breakIt, Runnable repair) {
    breakIt.run();
    await().atMost(PATIENCE).untilAsserted(() -> {
      TenantState state = state();
      assertThat(state.checks()).filteredOn(c -> !c.passed()).extracting(Check::name).containsExactly(check);
      assertThat(state.check(check).fact()).isEqualTo(fact);
    });
    repair.run();
    await().atMost(PATIENCE).untilAsserted(() -> assertThat(state().checks()).allMatch(Check::passed));
  }

  /** What the provisioner does for a create: the chain's first events, then the tenant's objects. */
  @Test
  void controlPlaneReadyCarriesWhatTheLivePodsRequestThePlansResourcesTimesTheirPods() {
    onboard();

    await().atMost(PATIENCE).until(() -> ledger.events(ACME).stream()
        .anyMatch(e -> e.type() == EventType.CLUSTER_CONTROLPLANE_READY));
    TenantEvent ready = ledger.events(ACME).stream()
        .filter(e -> e.type() == EventType.CLUSTER_CONTROLPLANE_READY).findFirst().orElseThrow();

    // The default plan: k0s 100m / 160Mi and etcd 30m / 50Mi per pod, three pods of each.
    assertThat(ready.data().at("/resources/k0s/pods").asInt()).isEqualTo(3);
    assertThat(ready.data().at("/resources/k0s/cpuMillis").asLong()).isEqualTo(300);
    assertThat(ready.data().at("/resources/k0s/memoryBytes").asLong()).isEqualTo(3L * (160 << 20));
    assertThat(ready.data().at("/resources/etcd/pods").asInt()).isEqualTo(3);
    assertThat(ready.data().at("/resources/etcd/cpuMillis").asLong()).isEqualTo(90);
    assertThat(ready.data().at("/resources/etcd/memoryBytes").asLong()).isEqualTo(3L * (50 << 20));
  }

  private void onboard() {
    TenantRequest create = acceptAndApply();
    recordApplied(create);
  }

  /** What the provisioner does up to its last object: {@code tenant.accepted}, then every object. */
  private TenantRequest acceptAndApply() {
    TenantRequest create = TenantRequest.create(ACME, "ops", ClusterSpec.UNCHANGED);
    join(ledger.append(ACME, List.of(Entry.once(TenantEvent.unsealed(EventType.TENANT_ACCEPTED, ACME,
        create.requestId(), Instant.now(), EventData.accepted(create, ClusterSpec.DEFAULTS))))));
    Applier applier = new Applier(vertx, client, RetryPolicy.DEFAULT);
    for (HasMetadata object : new ClusterBlueprint(BlueprintConfig.defaults())
        .desired(ACME, ClusterSpec.DEFAULTS, Optional.of(new NodePorts(31001, 31002))).inApplyOrder()) {
      join(applier.apply(object));
    }
    return create;
  }

  private void recordApplied(TenantRequest create) {
    join(ledger.append(ACME, List.of(Entry.once(TenantEvent.unsealed(EventType.CLUSTER_APPLIED, ACME,
        create.requestId(), Instant.now(), EventData.applied(names.namespace(), List.of()))))));
  }

  private static List<Map<String, Object>> withCondition(Object conditions, String type, String status) {
    List<Map<String, Object>> changed = new ArrayList<>();
    for (Object item : (List<?>) conditions) {
      Map<String, Object> condition = new HashMap<>(castMap(item));
      if (type.equals(condition.get("type"))) {
        condition.put("status", status);
      }
      changed.add(condition);
    }
    return changed;
  }

  private static List<Map<String, Object>> notApplied(Object bindings) {
    List<Map<String, Object>> changed = new ArrayList<>();
    for (Object item : (List<?>) bindings) {
      Map<String, Object> entry = new HashMap<>(castMap(item));
      List<Map<String, Object>> resources = new ArrayList<>();
      for (Object resource : (List<?>) entry.get("resources")) {
        Map<String, Object> copy = new HashMap<>(castMap(resource));
        copy.put("applied", false);
        resources.add(copy);
      }
      entry.put("resources", resources);
      changed.add(entry);
    }
    return changed;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> castMap(Object item) {
    return (Map<String, Object>) item;
  }

  /** Replaces the status fields given, as a controller writes its status: the whole of it. */
  private void patchStatus(KubeKind kind, String name, Map<String, Object> fields) {
    client.genericKubernetesResources(kind.context()).inNamespace(names.namespace()).withName(name)
        .editStatus(object -> {
          Map<String, Object> status = new HashMap<>(castMap(object.getAdditionalProperties().get("status")));
          status.putAll(fields);
          object.getAdditionalProperties().put("status", status);
          return object;
        });
  }

  private void patch(KubeKind kind, String name, Map<String, Object> change) {
    client.genericKubernetesResources(kind.context()).inNamespace(names.namespace()).withName(name)
        .patch(PatchContext.of(PatchType.JSON_MERGE), json(change));
  }

  private void replaceSpec(KubeKind kind, String name, String field, Object value) {
    client.genericKubernetesResources(kind.context()).inNamespace(names.namespace()).withName(name)
        .edit(object -> {
          Map<String, Object> spec = new HashMap<>(castMap(object.getAdditionalProperties().get("spec")));
          spec.put(field, value);
          object.getAdditionalProperties().put("spec", spec);
          return object;
        });
  }

  private void patchPodPhase(String pod, String phase) {
    client.pods().inNamespace(names.namespace()).withName(pod).subresource("status")
        .patch(PatchContext.of(PatchType.JSON_MERGE), json(Map.of("status", Map.of("phase", phase))));
  }

  private String json(Object value) {
    return client.getKubernetesSerialization().asJson(value);
  }

  private GenericKubernetesResource get(KubeKind kind, String name) {
    return client.genericKubernetesResources(kind.context()).inNamespace(names.namespace()).withName(name).get();
  }

  private List<GenericKubernetesResource> list(KubeKind kind) {
    return client.genericKubernetesResources(kind.context()).inNamespace(names.namespace()).list().getItems();
  }

  private TenantState state() {
    return join(watcher.state(ACME)).orElseThrow(() -> new AssertionError("the watcher does not know " + ACME));
  }

  private TenantPhase phase() {
    return join(watcher.state(ACME)).map(TenantState::phase).orElse(null);
  }

  private static <T> T join(Future<T> future) {
    try {
      return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }
}
