package dev.tenantplatform.provisioner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tenantplatform.events.ClusterSpec;
import dev.tenantplatform.events.EventType;
import dev.tenantplatform.events.TenantEvent;
import dev.tenantplatform.events.TenantRequest;
import dev.tenantplatform.events.Violation;
import dev.tenantplatform.kube.Applier;
import dev.tenantplatform.kube.Kinds;
import dev.tenantplatform.kube.RetryPolicy;
import dev.tenantplatform.kube.TenantNames;
import dev.tenantplatform.provisioner.blueprint.BlueprintConfig;
import dev.tenantplatform.provisioner.blueprint.ClusterBlueprint;
import dev.tenantplatform.provisioner.blueprint.NodePorts;
import dev.tenantplatform.sandbox.EmbeddedKubernetes;
import dev.tenantplatform.support.Telemetry;
import dev.tenantplatform.testing.MemoryLedger;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A NodePort tenant whose pair looked free when its request came, but which another instance took before this
 * one could write it down: the namespace and Calico resources applied meanwhile are removed again, and the
 * tenant is refused without ever having been accepted.
 */
class TenantReconcilerMockTest {

  private static final Duration PATIENCE = Duration.ofSeconds(30);
  private static final String ACME = "acme";
  private static final ClusterSpec NODE_PORT = ClusterSpec.DEFAULTS.withWorkers(1);
  private final TenantNames names = new TenantNames(ACME);
  private final MemoryLedger ledger = new MemoryLedger();
  private Vertx vertx;
  private EmbeddedKubernetes kube;
  private KubernetesClient client;

  @BeforeEach
  void start() {
    vertx = Vertx.vertx();
    kube = EmbeddedKubernetes.start(null);
    client = kube.client();
  }

  @AfterEach
  void stop() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    kube.close();
  }

  @Test
  void aPairTakenWhileTheGroundworkIsOnItsWayLeavesNothingBehind() {
    Future<Void> handled = reconciler(new TakenPair(Future.failedFuture(taken()))).handle(create());

    assertRefusedAndClean(handled);
  }

  @Test
  void aPairTakenOnceTheGroundworkIsInPlaceLeavesNothingBehind() {
    Promise<NodePorts> pair = Promise.promise();
    Future<Void> handled = reconciler(new TakenPair(pair.future())).handle(create());
    await().atMost(PATIENCE).until(() -> groundworkLeft() == 3);

    pair.fail(taken());

    assertRefusedAndClean(handled);
  }

  private void assertRefusedAndClean(Future<Void> handled) {
    await().atMost(PATIENCE).until(handled::isComplete);
    assertThat(handled.cause()).isInstanceOf(RequestRefusedException.class)
        .hasMessageContaining("no free pair");
    await().atMost(PATIENCE).untilAsserted(() -> assertThat(groundworkLeft()).as("namespace, Calico ConfigMap"
        + " and ClusterResourceSet still in the API").isZero());
    assertThat(ledger.events(ACME)).extracting(TenantEvent::type).doesNotContain(EventType.TENANT_ACCEPTED);
    assertThat(client.genericKubernetesResources(Kinds.CLUSTER.context()).inAnyNamespace().list().getItems())
        .isEmpty();
  }

  private long groundworkLeft() {
    long left = 0;
    left += client.namespaces().withName(names.namespace()).get() == null ? 0 : 1;
    left += client.resources(ConfigMap.class).inNamespace(names.namespace()).withName(names.calicoConfigMap())
        .get() == null ? 0 : 1;
    left += client.genericKubernetesResources(Kinds.CLUSTER_RESOURCE_SET.context()).inNamespace(names.namespace())
        .withName(names.calicoResourceSet()).get() == null ? 0 : 1;
    return left;
  }

  private TenantReconciler reconciler(PortBook ports) {
    Applier applier = new Applier(vertx, client, RetryPolicy.DEFAULT);
    Offboarding offboarding = new Offboarding(vertx, client, applier, Duration.ofSeconds(30),
        Duration.ofMillis(50));
    return new TenantReconciler(applier, ports, new ClusterBlueprint(BlueprintConfig.defaults()), ledger,
        offboarding, Telemetry.NOOP);
  }

  private static Verdict.Create create() {
    return new Verdict.Create(TenantRequest.create(ACME, "alice", NODE_PORT), NODE_PORT, Instant.now());
  }

  private static RequestRefusedException taken() {
    return new RequestRefusedException(new Violation("cluster.serviceType", "no free pair of node ports is left"
        + " in 30000-30001: another instance took the last one"));
  }

  /** The book as this instance saw it: room for the tenant; the API's answer, when it comes: no pair left. */
  private static final class TakenPair extends PortBook {
    private final Future<NodePorts> answer;

    TakenPair(Future<NodePorts> answer) {
      super(null);
      this.answer = answer;
    }

    @Override
    boolean likelyAllocates(String tenant) {
      return true;
    }

    @Override
    Future<NodePorts> allocate(String tenant) {
      return answer;
    }
  }
}
