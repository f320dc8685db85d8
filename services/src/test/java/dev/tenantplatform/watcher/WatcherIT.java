package dev.tenantplatform.watcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tenantplatform.events.CloudEventCodec;
import dev.tenantplatform.events.ClusterSpec;
import dev.tenantplatform.events.EventType;
import dev.tenantplatform.events.HashChain;
import dev.tenantplatform.events.TenantEvent;
import dev.tenantplatform.events.TenantPhase;
import dev.tenantplatform.events.TenantRequest;
import dev.tenantplatform.events.Topics;
import dev.tenantplatform.kube.NodePortRange;
import dev.tenantplatform.kube.RetryPolicy;
import dev.tenantplatform.kube.TenantNames;
import dev.tenantplatform.ledger.Ledger;
import dev.tenantplatform.ledger.LedgerConfig;
import dev.tenantplatform.provisioner.Provisioner;
import dev.tenantplatform.provisioner.ProvisionerConfig;
import dev.tenantplatform.sandbox.EmbeddedKubernetes;
import dev.tenantplatform.sandbox.simulator.Fault;
import dev.tenantplatform.sandbox.simulator.Faults;
import dev.tenantplatform.sandbox.simulator.ManagementClusterSimulator;
import dev.tenantplatform.sandbox.simulator.SimulatorProfile;
import dev.tenantplatform.testing.FreshGroup;
import dev.tenantplatform.testing.KafkaCluster;
import dev.tenantplatform.testing.KafkaExtension;
import dev.tenantplatform.testing.TopicReader;
import dev.tenantplatform.watcher.state.Check;
import dev.tenantplatform.watcher.state.StateConfig;
import dev.tenantplatform.watcher.state.TenantState;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The watcher through the real broker, with the provisioner, the ledger, the embedded API and the simulated
 * controllers (instant profile): what a tenant's chain says about its life, faults included.
 */
@ExtendWith(KafkaExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WatcherIT {

  private static final Duration PATIENCE = Duration.ofSeconds(60);
  static final Duration DEGRADED_AFTER = Duration.ofSeconds(6);
  private static final List<EventType> MILESTONES = List.of(EventType.CLUSTER_CONTROLPLANE_READY,
      EventType.CLUSTER_PROVISIONED, EventType.CLUSTER_CNI_APPLIED, EventType.CLUSTER_WORKERS_READY);

  private final CloudEventCodec codec = new CloudEventCodec();
  /** Seeded: the API errors a tenant's calls meet are the same from run to run. */
  private final Faults faults = new Faults(new SplittableRandom(2026));
  private final AtomicInteger refusedCalls = new AtomicInteger();
  private KafkaCluster kafka;
  private Vertx vertx;
  private EmbeddedKubernetes kube;
  private ManagementClusterSimulator controllers;
  private Ledger ledger;
  private Watcher watcher;
  private KafkaProducer<String, byte[]> producer;

  @BeforeAll
  void start(KafkaCluster kafka) {
    this.kafka = kafka;
    vertx = Vertx.vertx();
    kube = EmbeddedKubernetes.start(null);
    controllers = ManagementClusterSimulator.start(kube.controllersClient(), SimulatorProfile.INSTANT, faults);
    // the api-errors fault, as local mode wires it: the platform's calls for the tenant fail at its rate
    kube.failWhen(call -> faults.shouldFailApiCall(call.namespace()) && refusedCalls.incrementAndGet() > 0);
    ledger = join(Ledger.start(vertx, kafka.bootstrapServers(), LedgerConfig.defaults()));
    join(Provisioner.deploy(vertx, ProvisionerConfig.defaults(kafka.bootstrapServers())
        .withGroupId(FreshGroup.atEnd(kafka, "watcher-it-"))
        .withApiRetries(new RetryPolicy(4, Duration.ofMillis(20), Duration.ofMillis(100)))
        .withNodePorts(new NodePortRange(32000, 32499)), kube.client(), ledger));
    watcher = deployWatcher();
    producer = new KafkaProducer<>(Map.of("bootstrap.servers", kafka.bootstrapServers(), "acks", "all"),
        new StringSerializer(), new ByteArraySerializer());
  }

  @AfterAll
  void stop() {
    producer.close();
    join(vertx.close());
    controllers.close();
    kube.close();
  }

  @Test
  void aTenantsLifeIsInItsChainInOrderOnceEachFromRequestToDeletion() {
    String tenant = tenant("life");
    request(TenantRequest.create(tenant, "ops", ClusterSpec.UNCHANGED));
    await().atMost(PATIENCE).until(() -> types(tenant).contains(EventType.TENANT_READY));

    List<TenantEvent> chain = events(tenant);
    List<EventType> types = chain.stream().map(TenantEvent::type).toList();
    assertThat(types.subList(0, 2)).containsExactly(EventType.TENANT_ACCEPTED, EventType.CLUSTER_APPLIED);
    assertThat(types.subList(2, 6)).containsExactlyInAnyOrderElementsOf(MILESTONES);
    assertThat(types.get(6)).isEqualTo(EventType.TENANT_READY);
    assertThat(chain).extracting(TenantEvent::sequence).containsExactly(LongStream.rangeClosed(1, chain.size())
        .boxed().toArray(Long[]::new));
    assertThat(HashChain.verify(chain)).isEmpty();
    TenantEvent ready = chain.get(6);
    assertThat(ready.requestId()).isEqualTo(chain.get(0).requestId());
    assertThat(ready.data().path("readySeconds").decimalValue())
        .isGreaterThanOrEqualTo(ready.data().path("controlPlaneReadySeconds").decimalValue())
        .isGreaterThanOrEqualTo(ready.data().path("provisionedSeconds").decimalValue());
    TenantState state = join(watcher.state(tenant)).orElseThrow();
    assertThat(state.phase()).isEqualTo(TenantPhase.READY);
    assertThat(state.checks()).allMatch(Check::passed);

    request(TenantRequest.delete(tenant, "ops"));
    await().atMost(PATIENCE).until(() -> types(tenant).contains(EventType.TENANT_DELETED));
    List<EventType> all = types(tenant);
    assertThat(all.subList(7, all.size())).containsExactly(EventType.TENANT_ACCEPTED, EventType.TENANT_DELETING,
        EventType.TENANT_DELETED);
    assertThat(HashChain.verify(events(tenant))).isEmpty();
  }

  @Test
  void anUpdateThatRollsOutIsAnnouncedWithTheFieldsItChanged() {
    String tenant = tenant("scale");
    request(TenantRequest.create(tenant, "ops", ClusterSpec.UNCHANGED));
    await().atMost(PATIENCE).until(() -> types(tenant).contains(EventType.TENANT_READY));

    TenantRequest update = TenantRequest.update(tenant, "ops", ClusterSpec.UNCHANGED.withWorkers(3));
    request(update);
    await().atMost(PATIENCE).until(() -> types(tenant).contains(EventType.TENANT_UPDATED));

    TenantEvent updated = events(tenant).stream().filter(e -> e.type() == EventType.TENANT_UPDATED).findFirst()
        .orElseThrow();
    assertThat(updated.requestId()).isEqualTo(update.requestId());
    assertThat(updated.data().path("changed")).extracting(n -> n.asText()).containsExactly("workers");
    assertThat(updated.data().path("cluster").path("workers").asInt()).isEqualTo(3);
    assertThat(types(tenant)).doesNotContain(EventType.CLUSTER_DEGRADED)
        .filteredOn(EventType.TENANT_READY::equals).hasSize(1);
  }

  @Test
  void aControlPlaneThatNeverGetsReadyIsDegradedWithTheReasonAndReadyOnceItsPodsComeUp() {
    String tenant = tenant("never");
    faults.inject(tenant, new Fault.ControlPlaneNeverReady());
    request(TenantRequest.create(tenant, "ops", ClusterSpec.UNCHANGED));

    await().atMost(PATIENCE).until(() -> types(tenant).contains(EventType.CLUSTER_DEGRADED));
    TenantEvent degraded = only(tenant, EventType.CLUSTER_DEGRADED);
    assertThat(degraded.data().path("reason").asText()).startsWith("control plane 0/3 ready for ")
        .contains("Available False");
    assertThat(degraded.data().path("stage").asText()).isEqualTo("control-plane");
    assertThat(types(tenant)).contains(EventType.CLUSTER_PROVISIONED)
        .doesNotContain(EventType.CLUSTER_CONTROLPLANE_READY);

    faults.clear(tenant);
    restartControlPlanePods(tenant);
    await().atMost(PATIENCE).until(() -> types(tenant).contains(EventType.TENANT_READY));
    assertThat(only(tenant, EventType.TENANT_READY).data().has("readySeconds")).isTrue();
    assertThat(HashChain.verify(events(tenant))).isEmpty();
  }

  @Test
  void aReadyTenantWhoseControlPlaneFallsBackIsDegradedAndRecoversWhenItComesBack() {
    String tenant = tenant("fall");
    request(TenantRequest.create(tenant, "ops", ClusterSpec.UNCHANGED));
    await().atMost(PATIENCE).until(() -> types(tenant).contains(EventType.TENANT_READY));

    faults.inject(tenant, new Fault.ControlPlaneNeverReady());
    deletePod(tenant, new TenantNames(tenant).controlPlaneStatefulSet() + "-1");
    await().atMost(PATIENCE).until(() -> types(tenant).contains(EventType.CLUSTER_DEGRADED));
    // Whichever the watcher sees first: the pod gone from Running, or the control plane's count going down.
    TenantEvent degraded = only(tenant, EventType.CLUSTER_DEGRADED);
    assertThat(degraded.data().path("reason").asText())
        .matches("(control plane 2/3 ready|2/3 k0s and 3/3 etcd pods Running) for \\d+s.*");
    assertThat(degraded.data().path("stage").asText()).isEqualTo("control-plane");

    faults.clear(tenant);
    deletePod(tenant, new TenantNames(tenant).controlPlaneStatefulSet() + "-1");
    await().atMost(PATIENCE).until(() -> types(tenant).stream().filter(EventType.TENANT_READY::equals).count() == 2);
    TenantEvent recovered = events(tenant).stream().filter(e -> e.type() == EventType.TENANT_READY)
        .reduce((first, second) -> second).orElseThrow();
    assertThat(recovered.data().path("recovered").asBoolean()).isTrue();
    assertThat(recovered.data().path("degradedSeconds").decimalValue()).isNotNegative();
  }

  @Test
  void aWorkerThatFailsFailsTheClusterWithTheMachinesMessage() {
    String tenant = tenant("worker");
    faults.inject(tenant, new Fault.WorkerFails());
    request(TenantRequest.create(tenant, "ops", ClusterSpec.UNCHANGED));

    await().atMost(PATIENCE).until(() -> types(tenant).contains(EventType.CLUSTER_FAILED));
    TenantEvent failed = only(tenant, EventType.CLUSTER_FAILED);
    assertThat(failed.data().path("reason").asText()).startsWith("Machine " + tenant + "-md-0-").contains("failed");
    assertThat(failed.data().path("stage").asText()).isEqualTo("workers");
    TenantState state = join(watcher.state(tenant)).orElseThrow();
    assertThat(state.phase()).isEqualTo(TenantPhase.FAILED);
  }

  @Test
  void aTenantWhoseApiCallsFailNowAndThenGetsItsWholeLifeOnceThroughRetries() {
    String tenant = tenant("flaky");
    faults.inject(tenant, new Fault.ApiErrors(0.3));
    int refusedBefore = refusedCalls.get();
    try {
      request(TenantRequest.create(tenant, "ops", ClusterSpec.UNCHANGED));
      await().atMost(PATIENCE).until(() -> types(tenant).contains(EventType.TENANT_READY));
    } finally {
      faults.clear(tenant);
    }

    assertThat(refusedCalls.get()).as("calls refused by the fault").isGreaterThan(refusedBefore);
    List<TenantEvent> chain = events(tenant);
    assertThat(chain).extracting(TenantEvent::type).doesNotHaveDuplicates().contains(EventType.TENANT_ACCEPTED,
        EventType.CLUSTER_APPLIED, EventType.CLUSTER_PROVISIONED, EventType.CLUSTER_CONTROLPLANE_READY,
        EventType.CLUSTER_CNI_APPLIED, EventType.CLUSTER_WORKERS_READY, EventType.TENANT_READY);
    assertThat(chain).extracting(TenantEvent::sequence)
        .containsExactlyElementsOf(LongStream.rangeClosed(1, chain.size()).boxed().toList());
    assertThat(HashChain.verify(chain)).isEmpty();
  }

  @Test
  void aTenantWhoseApiCallsAllFailIsFailedWithTheApisMessageAndNothingIsDerivedForIt() {
    String tenant = tenant("down");
    faults.inject(tenant, new Fault.ApiErrors(1.0));
    try {
      request(TenantRequest.create(tenant, "ops", ClusterSpec.UNCHANGED));
      await().atMost(PATIENCE).until(() -> types(tenant).contains(EventType.CLUSTER_FAILED));
    } finally {
      faults.clear(tenant);
    }

    TenantEvent failed = only(tenant, EventType.CLUSTER_FAILED);
    assertThat(failed.data().path("reason").asText()).contains("503", "the API server is unavailable");
    assertThat(failed.data().path("stage").asText()).isEqualTo("apply");
    await().during(Duration.ofSeconds(3)).atMost(PATIENCE).until(() -> types(tenant).equals(
        List.of(EventType.TENANT_ACCEPTED, EventType.CLUSTER_FAILED)));
  }

  @Test
  void aWatcherStoppedWhileTenantsProvisionEmitsWhatTheChainsLackAfterItsRestartAndNothingTwice() {
    List<String> tenants = IntStream.range(0, 10).mapToObj(i -> tenant("restart")).toList();
    tenants.forEach(tenant -> request(TenantRequest.create(tenant, "ops", ClusterSpec.UNCHANGED)));
    await().atMost(PATIENCE).until(() -> tenants.stream().anyMatch(t -> types(t).size() > 2));
    join(vertx.undeploy(watcher.deploymentId()));
    try {
      await().atMost(PATIENCE).until(() -> tenants.stream().allMatch(t -> types(t).contains(
          EventType.CLUSTER_APPLIED)));
    } finally {
      watcher = deployWatcher();
    }
    await().atMost(PATIENCE).until(() -> tenants.stream().allMatch(t -> types(t).contains(EventType.TENANT_READY)));
    Watcher second = deployWatcher();
    try {
      // Over two resyncs of both watchers, whatever they derive the chains hold already.
      await().during(Duration.ofSeconds(5)).atMost(PATIENCE)
          .until(() -> tenants.stream().allMatch(t -> types(t).size() == 7));
      for (String tenant : tenants) {
        List<TenantEvent> chain = events(tenant);
        assertThat(chain).extracting(TenantEvent::type).as(tenant).doesNotHaveDuplicates();
        assertThat(HashChain.verify(chain)).as(tenant).isEmpty();
      }
    } finally {
      join(vertx.undeploy(second.deploymentId()));
    }
  }

  private Watcher deployWatcher() {
    return join(Watcher.deploy(vertx, WatcherConfig.defaults()
        .withState(new StateConfig(DEGRADED_AFTER, Duration.ZERO))
        .withDebounce(Duration.ofMillis(20))
        .withTick(Duration.ofMillis(100))
        .withResync(Duration.ofSeconds(2)), kube.client(), ledger));
  }

  /** What an operator does once the cause is fixed: the StatefulSet brings the pods back, now able to get ready. */
  private void restartControlPlanePods(String tenant) {
    TenantNames names = new TenantNames(tenant);
    kube.client().pods().inNamespace(names.namespace()).withLabel("cluster.x-k8s.io/control-plane", "true").delete();
  }

  private void deletePod(String tenant, String pod) {
    kube.client().pods().inNamespace(new TenantNames(tenant).namespace()).withName(pod).delete();
  }

  private void request(TenantRequest request) {
    try {
      producer.send(new ProducerRecord<>(Topics.REQUESTS.name(), request.tenant(), codec.encodeRequest(request)))
          .get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError("cannot produce to " + Topics.REQUESTS.name(), e);
    }
  }

  private TenantEvent only(String tenant, EventType type) {
    List<TenantEvent> found = events(tenant).stream().filter(e -> e.type() == type).toList();
    assertThat(found).as(type + " of " + tenant).hasSize(1);
    return found.get(0);
  }

  private List<TenantEvent> events(String tenant) {
    return TopicReader.readAll(kafka.bootstrapServers(), Topics.EVENTS.name()).stream()
        .filter(r -> tenant.equals(r.key())).map(r -> codec.decodeEvent(r.value())).toList();
  }

  private List<EventType> types(String tenant) {
    return events(tenant).stream().map(TenantEvent::type).toList();
  }

  private static String tenant(String prefix) {
    return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  private static <T> T join(Future<T> future) {
    try {
      return future.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }
}
