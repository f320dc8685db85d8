package dev.tenantplatform.kube;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.tenantplatform.sandbox.EmbeddedKubernetes;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** NodePort pairs allocated in the management cluster, against the embedded API. */
@ExtendWith(VertxExtension.class)
class NodePortAllocatorMockTest {

  private static final String PLATFORM = NodePortAllocator.DEFAULT_NAMESPACE;
  /** Losing a write to the other instance is routine here: plenty of quick tries. */
  private static final RetryPolicy CONTENDED = new RetryPolicy(40, Duration.ofMillis(2), Duration.ofMillis(50));

  private final List<KubernetesClient> clients = new ArrayList<>();
  private final List<NodePortAllocator> allocators = new ArrayList<>();
  private Vertx vertx;
  private EmbeddedKubernetes api;
  private NodePortAllocator allocator;

  @BeforeEach
  void start(Vertx vertx) {
    this.vertx = vertx;
    api = EmbeddedKubernetes.start(null);
    allocator = allocator(NodePortRange.DEFAULT);
  }

  @AfterEach
  void stop() {
    allocators.forEach(NodePortAllocator::close);
    clients.forEach(KubernetesClient::close);
    api.close();
  }

  @Test
  void fiftyTenantsGetAHundredDistinctPortsInTheRange() throws Exception {
    List<NodePortAllocation> allocations = allocateAll(allocator, tenants("t", 50));

    assertThat(ports(allocations)).hasSize(100).allMatch(NodePortRange.DEFAULT::contains);
    assertThat(stored()).hasSize(50);
  }

  @Test
  void aTenantKeepsItsPairWhenAskedAgain() throws Exception {
    NodePortAllocation first = allocator.allocate("acme").await(10, SECONDS);
    allocator.allocate("beta").await(10, SECONDS);

    assertThat(allocator.allocate("acme").await(10, SECONDS)).isEqualTo(first);
    assertThat(allocator.lookup("acme").await(10, SECONDS)).contains(first);
    assertThat(stored()).containsEntry("acme", first.apiPort() + "," + first.konnectivityPort()).hasSize(2);
  }

  @Test
  void aReleasedPairGoesToTheNextTenantButAPairStillLiveInAServiceDoesNot() throws Exception {
    NodePortAllocation acme = allocator.allocate("acme").await(10, SECONDS);
    NodePortAllocation beta = allocator.allocate("beta").await(10, SECONDS);
    NodePortAllocation gamma = allocator.allocate("gamma").await(10, SECONDS);
    controlPlaneService("acme", acme);
    controlPlaneService("gamma", gamma);

    assertThat(allocator.release("beta").await(10, SECONDS)).contains(beta);
    NodePortAllocation delta = allocator.allocate("delta").await(10, SECONDS);
    // gamma is deleted, but k0smotron has not removed its Service yet
    assertThat(allocator.release("gamma").await(10, SECONDS)).contains(gamma);
    NodePortAllocation epsilon = allocator.allocate("epsilon").await(10, SECONDS);

    assertThat(List.of(delta.apiPort(), delta.konnectivityPort()))
        .containsExactly(beta.apiPort(), beta.konnectivityPort());
    assertThat(ports(List.of(epsilon))).doesNotContainAnyElementsOf(ports(List.of(acme, gamma, delta)));
    assertThat(stored()).containsOnlyKeys("acme", "delta", "epsilon");
    assertThat(allocator.release("beta").await(10, SECONDS)).as("nothing left to release").isEmpty();
  }

  @Test
  void aPortOfAForeignNodePortServiceIsSkipped() throws Exception {
    api.client().services().inNamespace("monitoring").resource(new ServiceBuilder().withNewMetadata()
        .withName("grafana").withNamespace("monitoring").endMetadata().withNewSpec().withType("NodePort")
        .addNewPort().withName("http").withPort(3000).withNodePort(30001).endPort().endSpec().build()).create();

    NodePortAllocation acme = allocator.allocate("acme").await(10, SECONDS);

    assertThat(acme).isEqualTo(new NodePortAllocation("acme", 30000, 30002));
  }

  @Test
  void anExhaustedRangeIsRefusedWithAReasonAndNothingIsStored() throws Exception {
    NodePortAllocator small = allocator(new NodePortRange(30000, 30004));
    allocateAll(small, List.of("acme", "beta"));

    assertThatThrownBy(() -> small.allocate("gamma").await(10, SECONDS))
        .isInstanceOf(NodePortsExhaustedException.class)
        .hasMessage("no NodePort pair left in 30000-30004: 2 tenants hold one; "
            + "widen the range or use serviceType ClusterIP/LoadBalancer");
    assertThat(stored()).containsOnlyKeys("acme", "beta");
  }

  @Test
  void tenantsAskingTogetherShareOneWriteAndNothingIsReadPerTenant() throws Exception {
    allocator.start().await(10, SECONDS);
    AtomicInteger serviceReads = new AtomicInteger();
    AtomicInteger configMapReads = new AtomicInteger();
    AtomicInteger writes = new AtomicInteger();
    api.failWhen(call -> {
      // the watches themselves, once started, are not reads
      if (call.method().equals("GET") && !call.isWatch() && call.path().equals("/api/v1/services")) {
        serviceReads.incrementAndGet();
      } else if (call.method().equals("GET") && !call.isWatch() && call.path().contains("/configmaps")) {
        configMapReads.incrementAndGet();
      } else if (call.isWrite() && call.path().contains("/configmaps")) {
        writes.incrementAndGet();
      }
      return false;
    });

    List<NodePortAllocation> allocations = allocateAll(allocator, tenants("t", 30));
    api.failWhen(call -> false);

    assertThat(ports(allocations)).hasSize(60);
    assertThat(stored()).hasSize(30);
    // the Services and the ConfigMap are watched since the start: an allocation reads neither (the first one
    // reads the ConfigMap once, as the watch may not have reported it yet)
    assertThat(serviceReads.get()).as("Service reads").isZero();
    assertThat(configMapReads.get()).as("ConfigMap reads").isLessThanOrEqualTo(1);
    // the first tenant's write runs alone, the other 29 wait for it and go together
    assertThat(writes.get()).as("ConfigMap writes").isLessThan(5);
  }

  @Test
  void aNodePortServiceCreatedOutsideThePlatformAfterTheStartIsNeverHandedOut() throws Exception {
    NodePortAllocation acme = allocator.allocate("acme").await(10, SECONDS);
    foreignService("grafana", 30002, 30003);
    foreignService("ingress", 30005, 30006);
    await().atMost(Duration.ofSeconds(10)).until(() -> allocator.portsInUse().containsAll(
        List.of(30002, 30003, 30005, 30006)));

    List<NodePortAllocation> next = allocateAll(allocator, List.of("beta", "gamma"));

    assertThat(acme).isEqualTo(new NodePortAllocation("acme", 30000, 30001));
    assertThat(next).containsExactly(new NodePortAllocation("beta", 30004, 30007),
        new NodePortAllocation("gamma", 30008, 30009));
  }

  @Test
  void aPortFreedByADeletedServiceCanBeHandedOutAgain() throws Exception {
    allocator.start().await(10, SECONDS);
    foreignService("grafana", 30000, 30001);
    await().atMost(Duration.ofSeconds(10)).until(() -> allocator.portsInUse().contains(30000));
    api.client().services().inNamespace("monitoring").withName("grafana").delete();
    await().atMost(Duration.ofSeconds(10)).until(() -> !allocator.portsInUse().contains(30000));

    assertThat(allocator.allocate("acme").await(10, SECONDS)).isEqualTo(new NodePortAllocation("acme", 30000, 30001));
  }

  @Test
  void twoInstancesThatHaveBothSeenTheTableRaceWithoutHandingOutTheSamePort() throws Exception {
    NodePortAllocator one = allocator(NodePortRange.DEFAULT);
    NodePortAllocator other = allocator(NodePortRange.DEFAULT);
    // both copies of the table are filled and current: each now believes the same ports are free
    one.allocate("warm-one").await(10, SECONDS);
    other.allocate("warm-other").await(10, SECONDS);
    List<Future<NodePortAllocation>> pending = new ArrayList<>();
    for (int round = 0; round < 10; round++) {
      for (String tenant : tenants("r" + round + "-t", 4)) {
        pending.add((pending.size() % 2 == 0 ? one : other).allocate(tenant));
      }
    }

    List<NodePortAllocation> allocations = Future.all(pending).await(60, SECONDS).list();

    assertThat(ports(allocations)).hasSize(80);
    Map<String, String> stored = stored();
    assertThat(stored).as("no write was lost").hasSize(42);
    allocations.forEach(a -> assertThat(stored).containsEntry(a.tenant(), a.apiPort() + "," + a.konnectivityPort()));
    assertThat(one.lookup("r9-t3").await(10, SECONDS)).as("what the other instance wrote")
        .isEqualTo(other.lookup("r9-t3").await(10, SECONDS));
  }

  @Test
  void aTableDeletedByHandIsMadeAgainByTheNextAllocation() throws Exception {
    allocator.allocate("acme").await(10, SECONDS);
    api.client().configMaps().inNamespace(PLATFORM).withName(NodePortAllocator.CONFIG_MAP).delete();

    NodePortAllocation beta = allocator.allocate("beta").await(10, SECONDS);

    assertThat(stored()).containsOnlyKeys("beta").containsEntry("beta", beta.encode());
  }

  @Test
  void aFullRangeRefusesOnlyTheTenantsItHasNoPairForAndAReleaseAskedBeforeFreesOne() throws Exception {
    NodePortAllocator small = allocator(new NodePortRange(30000, 30004));
    NodePortAllocation acme = small.allocate("acme").await(10, SECONDS);

    Future<NodePortAllocation> beta = small.allocate("beta");
    Future<Optional<NodePortAllocation>> released = small.release("acme");
    Future<NodePortAllocation> gamma = small.allocate("gamma");
    Future<NodePortAllocation> delta = small.allocate("delta");
    // join waits for all four, and fails because delta does: that failure is looked at below
    Future.join(beta, released, gamma, delta).otherwiseEmpty().await(10, SECONDS);

    assertThat(released.result()).contains(acme);
    assertThat(List.of(beta.succeeded(), gamma.succeeded(), delta.succeeded())).containsExactly(true, true, false);
    assertThat(ports(List.of(gamma.result()))).containsExactlyInAnyOrderElementsOf(ports(List.of(acme)));
    assertThat(delta.cause()).isInstanceOf(NodePortsExhaustedException.class);
    assertThat(stored()).containsOnlyKeys("beta", "gamma");
  }

  @Test
  void twoInstancesAllocatingAtOnceNeverHandOutTheSamePort() throws Exception {
    NodePortAllocator one = allocator(NodePortRange.DEFAULT);
    NodePortAllocator other = allocator(NodePortRange.DEFAULT);
    List<Future<NodePortAllocation>> pending = new ArrayList<>();
    for (String tenant : tenants("t", 40)) {
      pending.add((pending.size() % 2 == 0 ? one : other).allocate(tenant));
    }

    List<NodePortAllocation> allocations = Future.all(pending).await(60, SECONDS).list();

    assertThat(ports(allocations)).hasSize(80);
    Map<String, String> stored = stored();
    assertThat(stored).as("no write was lost").hasSize(40);
    allocations.forEach(a -> assertThat(stored).containsEntry(a.tenant(), a.apiPort() + "," + a.konnectivityPort()));
  }

  @Test
  void aRestartedInstanceSeesTheAllocationsAlreadyMade() throws Exception {
    List<NodePortAllocation> before = allocateAll(allocator, List.of("acme", "beta"));

    NodePortAllocator restarted = allocator(NodePortRange.DEFAULT);

    assertThat(restarted.lookup("acme").await(10, SECONDS)).contains(before.get(0));
    assertThat(restarted.allocate("beta").await(10, SECONDS)).isEqualTo(before.get(1));
    assertThat(ports(List.of(restarted.allocate("gamma").await(10, SECONDS))))
        .doesNotContainAnyElementsOf(ports(before));
  }

  @Test
  void aNameThatCannotBeATenantIsRefused() {
    assertThatThrownBy(() -> allocator.allocate("Acme_Corp").await(10, SECONDS))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'Acme_Corp' is not a tenant name");
    assertThat(api.client().configMaps().inNamespace(PLATFORM).withName(NodePortAllocator.CONFIG_MAP).get()).isNull();
  }

  /** Each allocator with its own client, as separate platform instances would have. */
  private NodePortAllocator allocator(NodePortRange range) {
    KubernetesClient client = new KubernetesClientBuilder().withConfig(api.client().getConfiguration()).build();
    clients.add(client);
    NodePortAllocator allocator = new NodePortAllocator(vertx, client, PLATFORM, range, CONTENDED);
    allocators.add(allocator);
    return allocator;
  }

  private static List<NodePortAllocation> allocateAll(NodePortAllocator allocator, List<String> tenants)
      throws Exception {
    List<Future<NodePortAllocation>> pending = tenants.stream().map(allocator::allocate).toList();
    return Future.all(pending).await(60, SECONDS).list();
  }

  private static List<String> tenants(String prefix, int count) {
    return IntStream.rangeClosed(1, count).mapToObj(i -> prefix + i).toList();
  }

  private static Set<Integer> ports(List<NodePortAllocation> allocations) {
    Set<Integer> ports = new HashSet<>();
    allocations.forEach(a -> {
      ports.add(a.apiPort());
      ports.add(a.konnectivityPort());
    });
    return ports;
  }

  private Map<String, String> stored() {
    ConfigMap map = api.client().configMaps().inNamespace(PLATFORM).withName(NodePortAllocator.CONFIG_MAP).get();
    return Optional.ofNullable(map).map(ConfigMap::getData).orElse(Map.of());
  }

  private void foreignService(String name, int... nodePorts) {
    var spec = new ServiceBuilder().withNewMetadata().withName(name).withNamespace("monitoring").endMetadata()
        .withNewSpec().withType("NodePort");
    for (int port : nodePorts) {
      spec = spec.addNewPort().withName("p" + port).withPort(port).withNodePort(port).endPort();
    }
    api.client().services().inNamespace("monitoring").resource(spec.endSpec().build()).create();
  }

  /** The Service k0smotron creates for a NodePort control plane: {@code kmc-<tenant>-nodeport}. */
  private void controlPlaneService(String tenant, NodePortAllocation ports) {
    String namespace = new TenantNames(tenant).namespace();
    api.client().services().inNamespace(namespace).resource(new ServiceBuilder().withNewMetadata()
        .withName("kmc-" + tenant + "-nodeport").withNamespace(namespace).endMetadata().withNewSpec()
        .withType("NodePort")
        .addNewPort().withName("api").withPort(ports.apiPort()).withNodePort(ports.apiPort()).endPort()
        .addNewPort().withName("konnectivity").withPort(ports.konnectivityPort())
        .withNodePort(ports.konnectivityPort()).endPort()
        .endSpec().build()).create();
  }
}
