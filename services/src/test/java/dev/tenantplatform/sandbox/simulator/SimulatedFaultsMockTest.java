package dev.tenantplatform.sandbox.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tenantplatform.kube.Kinds;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The unhappy paths the simulator plays: injected faults and a NodePort collision, with the status real controllers show. */
class SimulatedFaultsMockTest extends SimulatorMockTestSupport {

  @Test
  void aControlPlaneThatNeverGetsReadyStaysUnavailableWithTheReasonsARealControllerGives() {
    simulator = ManagementClusterSimulator.start(client, SimulatorProfile.INSTANT,
        new Faults().inject("acme", new Fault.ControlPlaneNeverReady()));
    new SeedCluster("acme").apply(client);

    await().atMost(PATIENCE).until(() -> podPhase("kmc-acme-0").equals("Running")
        && "Provisioned".equals(get(Kinds.CLUSTER, "acme").get("status", "phase")));
    await().during(Duration.ofMillis(700)).atMost(PATIENCE).until(() -> !podReady("kmc-acme-0"));

    assertThat(client.pods().inNamespace("tenant-acme").withName("kmc-acme-1").get()).isNull();
    assertThat(client.secrets().inNamespace("tenant-acme").withName("acme-kubeconfig").get()).isNull();
    GenericKubernetesResource kcp = get(Kinds.K0SMOTRON_CONTROL_PLANE, "acme-cp");
    assertThat(kcp.<Map<String, Object>>get("status")).containsEntry("replicas", 1).containsEntry("readyReplicas", 0)
        .containsEntry("version", "");
    assertThat(kcp.<Boolean>get("status", "initialization", "controlPlaneInitialized")).isFalse();
    assertThat(Conditions.get(kcp, "Available").reason()).isEqualTo("ClusterClientCreationFailed");
    GenericKubernetesResource cluster = get(Kinds.CLUSTER, "acme");
    assertThat(Conditions.get(cluster, "ControlPlaneInitialized").reason()).isEqualTo("NotInitialized");
    assertThat(Conditions.get(cluster, "ControlPlaneAvailable").reason()).isEqualTo("ClusterClientCreationFailed");
    assertThat(list(Kinds.MACHINE)).allSatisfy(m -> assertThat(m.<String>get("status", "phase")).isEqualTo("Pending"));
  }

  @Test
  void theFaultAnnotationOnAClusterMakesOneOfItsWorkersFail() {
    simulate();
    SeedCluster seed = new SeedCluster("acme");
    seed.workers = 3;
    seed.fault = "worker-fails";
    seed.apply(client);

    await().atMost(PATIENCE).until(() -> {
      List<GenericKubernetesResource> machines = list(Kinds.MACHINE);
      return machines.size() == 3 && machines.stream().filter(m -> Conditions.isTrue(m, "Ready")).count() == 2
          && machines.stream().anyMatch(m -> "Failed".equals(m.get("status", "phase")))
          && mdStatus("readyReplicas") == 2;
    });
    GenericKubernetesResource failed = list(Kinds.MACHINE).stream()
        .filter(m -> "Failed".equals(m.get("status", "phase"))).findFirst().orElseThrow();
    assertThat(failed.<String>get("status", "deprecated", "v1beta1", "failureReason")).isEqualTo("CreateError");
    assertThat(failed.<String>get("status", "deprecated", "v1beta1", "failureMessage"))
        .contains("DockerMachine", failed.getMetadata().getName());
    assertThat(failed.<Object>get("status", "nodeRef")).isNull();
    assertThat(Conditions.get(failed, "InfrastructureReady").status()).isEqualTo("False");
    GenericKubernetesResource md = get(Kinds.MACHINE_DEPLOYMENT, "acme-md-0");
    assertThat(md.<Map<String, Object>>get("status")).containsEntry("replicas", 3).containsEntry("availableReplicas", 2);
    assertThat(Conditions.get(md, "Available").reason()).isEqualTo("NotAvailable");
    assertThat(Conditions.isTrue(get(Kinds.CLUSTER, "acme"), "WorkersAvailable")).isFalse();
  }

  @Test
  void theApiFaultAnnotationsMakeTheTenantsCallsFailInEachWayAndAnswerTheRestLate() throws Exception {
    simulator = ManagementClusterSimulator.start(client, SimulatorProfile.INSTANT,
        new Faults(new SplittableRandom(7), Duration.ofSeconds(4)));
    SeedCluster seed = new SeedCluster("acme");
    seed.fault = "api-errors:0.5,api-latency:300ms";
    seed.apply(client);
    await().atMost(PATIENCE).until(() -> simulator.faults().apiErrorRate("acme") == 0.5);
    Faults faults = simulator.faults();
    simulator.close();
    simulator = null;
    kubernetes.injectFaults(faults.apiFaultSource());

    List<Answer> answers = callsAtOnce(60, "tenant-acme");

    Map<String, Long> byKind = answers.stream().collect(Collectors.groupingBy(Answer::what, Collectors.counting()));
    assertThat(byKind).containsOnlyKeys("200", "500", "503", "429 Retry-After 1", "timed out");
    // The API counts at least the answers the client saw: the JDK client sends a GET again when its pooled
    // connection turns out closed, so a fault may reach the API and not the caller. A timeout is not counted
    // against the API: on a loaded machine a late answer may outlast the client's wait too.
    Faults.Injected injected = faults.injected();
    assertThat(injected.serverErrors()).isGreaterThanOrEqualTo(byKind.get("500") + byKind.get("503"));
    assertThat(injected.throttled()).isGreaterThanOrEqualTo(byKind.get("429 Retry-After 1"));
    assertThat(injected.unanswered()).isPositive();
    assertThat(answers).filteredOn(a -> a.what().equals("200"))
        .allSatisfy(a -> assertThat(a.took()).isGreaterThanOrEqualTo(Duration.ofMillis(300)));
    assertThat(callsAtOnce(20, "tenant-other")).allSatisfy(a -> assertThat(a.what()).isEqualTo("200"));
  }

  /** What a call came back with ({@code 200}, {@code 429 Retry-After 1}, {@code timed out}…) and how long it took. */
  private record Answer(String what, Duration took) {
  }

  /**
   * Lists the namespace's ConfigMaps {@code calls} times at once (fewer than the front's 64 connections to the
   * API), each waiting up to two seconds for its answer.
   */
  private List<Answer> callsAtOnce(int calls, String namespace) {
    HttpClient http = HttpClient.newHttpClient();
    HttpRequest list = HttpRequest.newBuilder(URI.create(kubernetes.url() + "/api/v1/namespaces/" + namespace
        + "/configmaps")).timeout(Duration.ofSeconds(2)).build();
    List<CompletableFuture<Answer>> answers = IntStream.range(0, calls).mapToObj(i -> {
      long sent = System.nanoTime();
      return http.sendAsync(list, HttpResponse.BodyHandlers.discarding()).handle((answer, error) -> {
        Duration took = Duration.ofNanos(System.nanoTime() - sent);
        if (error != null) {
          return new Answer(error.getCause() instanceof HttpTimeoutException ? "timed out" : error.toString(), took);
        }
        String retryAfter = answer.headers().firstValue("Retry-After").map(s -> " Retry-After " + s).orElse("");
        return new Answer(answer.statusCode() + retryAfter, took);
      });
    }).toList();
    return answers.stream().map(CompletableFuture::join).toList();
  }

  @Test
  void aNodePortAlreadyAllocatedToAnotherTenantKeepsTheSecondControlPlaneFromEverGettingReady() {
    simulate();
    new SeedCluster("first").apply(client);
    await().atMost(PATIENCE).until(() -> client.services().inNamespace("tenant-first")
        .withName("kmc-first-nodeport").get() != null);
    new SeedCluster("second").apply(client);

    await().atMost(PATIENCE).until(() -> "Failed reconciling services".equals(Fields.string(
        getIn("tenant-second", Kinds.K0SMOTRON_CLUSTER, "second"), "status", "deprecated", "v1beta1",
        "reconciliationStatus")));
    await().atMost(PATIENCE).until(() -> Conditions.isTrue(getIn("tenant-first", Kinds.CLUSTER, "first"), "Available"));

    assertThat(client.services().inNamespace("tenant-second").list().getItems()).isEmpty();
    assertThat(client.apps().statefulSets().inNamespace("tenant-second").list().getItems()).isEmpty();
    GenericKubernetesResource kcp = getIn("tenant-second", Kinds.K0SMOTRON_CONTROL_PLANE, "second-cp");
    assertThat(Conditions.get(kcp, "Available").reason()).isEqualTo("ClusterClientCreationFailed");
    assertThat(kcp.<Boolean>get("status", "initialization", "controlPlaneInitialized")).isFalse();
    assertThat(getIn("tenant-second", Kinds.CLUSTER, "second").<String>get("status", "phase"))
        .isEqualTo("Provisioning");
  }
}
