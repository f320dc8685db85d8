package dev.tenantplatform.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tenantplatform.events.CloudEventCodec;
import dev.tenantplatform.events.ClusterSpec;
import dev.tenantplatform.events.EventType;
import dev.tenantplatform.events.HashChain;
import dev.tenantplatform.events.TenantEvent;
import dev.tenantplatform.events.TenantRequest;
import dev.tenantplatform.events.Topics;
import dev.tenantplatform.kube.Kinds;
import dev.tenantplatform.kube.TenantNames;
import dev.tenantplatform.sandbox.simulator.Fault;
import dev.tenantplatform.sandbox.simulator.Faults;
import dev.tenantplatform.testing.TopicReader;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Three platform processes ({@code local --instances 3}) on one broker and one API while tenants onboard, each
 * scenario with a fault in the middle: every tenant reaches Ready, each object exists once, every chain verifies
 * and holds each event once, and the surviving instances answer reads throughout. The tenant count per scenario is
 * {@code -Dfaults.tenants=N} (300 for the figures in the README, fewer by default to keep CI short).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ScaleOutFaultsIT {

  private static final Logger LOG = LoggerFactory.getLogger(ScaleOutFaultsIT.class);
  private static final int TENANTS = Integer.getInteger("faults.tenants", 12);
  /** How long a scenario may take to bring all its tenants to Ready: longer with more tenants to onboard. */
  private static final Duration RECOVERY = Duration.ofMinutes(6).compareTo(Duration.ofSeconds(2L * TENANTS)) > 0
      ? Duration.ofMinutes(6) : Duration.ofSeconds(2L * TENANTS);
  /**
   * The flaky API's bound: a third of its failures are calls that get no answer, and a local instance waits a
   * minute for each (its request timeout, see LocalInstances), so a tenant that meets several in a row is late
   * by as many minutes (5 min for one tenant seen in CI, against 1 to 3 min most runs).
   */
  private static final Duration FLAKY_RECOVERY = RECOVERY.plus(Duration.ofMinutes(3));
  /** Added to every answer of the flaky API that does not fail. */
  private static final Duration LATENCY = Duration.ofMillis(100);
  private final CloudEventCodec codec = new CloudEventCodec();
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  /** Under target/, not a temporary folder, so that the instances' logs are there to read after a failure. */
  private final Path dataDir = Path.of("target", "scale-out-faults").toAbsolutePath();
  private LocalMode local;
  private KubernetesClient kube;
  private KafkaProducer<String, byte[]> producer;
  private final List<Reads> readers = new ArrayList<>();

  @BeforeAll
  void start() throws Exception {
    local = LocalMode.start(new LocalOptions(dataDir, 0, "instant", true, 6, 3));
    kube = new KubernetesClientBuilder().withConfig(Config.fromKubeconfig(
        Files.readString(local.info().kubeconfig()))).build();
    producer = new KafkaProducer<>(Map.of("bootstrap.servers", local.info().kafka(), "acks", "all"),
        new StringSerializer(), new ByteArraySerializer());
  }

  /** A scenario that failed before it stopped its reads: they would go on reading, and failing, in the next. */
  @AfterEach
  void stopReads() {
    readers.forEach(reads -> reads.timer.shutdownNow());
    readers.clear();
  }

  @AfterAll
  void stop() {
    if (producer != null) {
      producer.close();
    }
    if (kube != null) {
      kube.close();
    }
    if (local != null) {
      local.close();
    }
  }

  @Test
  @Timeout(value = 10, unit = TimeUnit.MINUTES)
  void anInstanceKilledHardLosesNoTenantAndForksNoChain() {
    List<String> tenants = onboard("kill");
    awaitReady(tenants, TENANTS / 3);
    long fault = System.nanoTime();
    local.instances().kill(1);
    Reads reads = readsOn(List.of(0, 2), tenants.get(0));
    awaitReady(tenants, TENANTS);
    report("one of three instances killed (SIGKILL)", tenants, fault, reads.stop());
    local.instances().restart(1);
  }

  @Test
  @Timeout(value = 10, unit = TimeUnit.MINUTES)
  void aBrokerRestartLosesNothing() throws InterruptedException {
    List<String> tenants = onboard("broker");
    awaitReady(tenants, TENANTS / 3);
    Reads reads = readsOn(List.of(0, 1, 2), tenants.get(0));
    long fault = System.nanoTime();
    local.restartBroker(Duration.ofSeconds(5)).orTimeout(2, TimeUnit.MINUTES).join();
    awaitReady(tenants, TENANTS);
    report("the Kafka broker stopped for 5 s, then started again", tenants, fault, reads.stop());
  }

  @Test
  @Timeout(value = 15, unit = TimeUnit.MINUTES)
  void aFlakyApiLosesNothingAndRetriesEndTheWork() {
    List<String> names = names("flaky");
    names.forEach(t -> local.faults().inject(t, new Fault.ApiErrors(0.2)).inject(t, new Fault.ApiLatency(LATENCY)));
    Faults.Injected before = local.faults().injected();
    try {
      long fault = System.nanoTime();
      List<String> tenants = send(names);
      Reads reads = readsOn(List.of(0, 1, 2), tenants.get(0));
      awaitReady(tenants, TENANTS, FLAKY_RECOVERY);
      Faults.Injected after = local.faults().injected();
      Faults.Injected injected = after.since(before);
      // the checks' own calls are for these tenants too
      names.forEach(local.faults()::clear);
      report("20% of the platform's API calls failed: " + injected + ", the others answered "
          + LATENCY.toMillis() + " ms late", tenants, fault, reads.stop());
    } finally {
      names.forEach(local.faults()::clear);
    }
  }

  @Test
  @Timeout(value = 12, unit = TimeUnit.MINUTES)
  void aRollingRestartOfAllThreeLosesNothing() {
    List<String> tenants = onboard("roll");
    long fault = System.nanoTime();
    for (int i = 0; i < 3; i++) {
      int stopped = i;
      Reads reads = readsOn(IntStream.range(0, 3).filter(j -> j != stopped).boxed().toList(), tenants.get(0));
      assertThat(local.instances().stop(i)).as("instance %d stops gracefully with exit code 0", i + 1).isZero();
      local.instances().restart(i);
      assertThat(reads.stop()).as("failed reads on the other instances").isZero();
    }
    awaitReady(tenants, TENANTS);
    report("rolling restart (SIGTERM, start again) of all three", tenants, fault, 0);
  }

  private List<String> onboard(String scenario) {
    return send(names(scenario));
  }

  private List<String> names(String scenario) {
    String prefix = scenario + "-" + UUID.randomUUID().toString().substring(0, 6) + "-";
    return IntStream.range(0, TENANTS).mapToObj(i -> prefix + i).toList();
  }

  private List<String> send(List<String> tenants) {
    tenants.forEach(t -> producer.send(new ProducerRecord<>(Topics.REQUESTS.name(), t,
        codec.encodeRequest(TenantRequest.create(t, "ops", ClusterSpec.UNCHANGED)))));
    producer.flush();
    return tenants;
  }

  private void awaitReady(List<String> tenants, int atLeast) {
    awaitReady(tenants, atLeast, RECOVERY);
  }

  private void awaitReady(List<String> tenants, int atLeast, Duration patience) {
    await().atMost(patience).pollInterval(Duration.ofSeconds(1)).until(() -> chains(tenants).values().stream()
        .filter(chain -> chain.stream().anyMatch(e -> e.type() == EventType.TENANT_READY)).count() >= atLeast);
  }

  /** Checks every tenant and logs the scenario's figures. */
  private void report(String faults, List<String> tenants, long faultAt, int failedReads) {
    double recovery = (System.nanoTime() - faultAt) / 1e9;
    Map<String, List<TenantEvent>> chains = chains(tenants);
    long duplicated = 0;
    for (String tenant : tenants) {
      List<TenantEvent> chain = chains.get(tenant);
      assertThat(HashChain.verify(chain)).as("chain of %s", tenant).isEmpty();
      duplicated += chain.size() - chain.stream().map(TenantEvent::id).distinct().count();
      duplicated += chain.size() - chain.stream().map(TenantEvent::type).distinct().count();
      assertThat(kube.genericKubernetesResources(Kinds.CLUSTER.context())
          .inNamespace(new TenantNames(tenant).namespace()).list().getItems()).as("Clusters of %s", tenant)
          .hasSize(1);
    }
    long lost = tenants.size() - chains.values().stream()
        .filter(c -> c.stream().anyMatch(e -> e.type() == EventType.TENANT_READY)).count();
    LOG.info("FAULTS scenario: {} | tenants {} | lost {} | duplicated events {} | failed reads {} | fault to all"
        + " Ready {} s", faults, tenants.size(), lost, duplicated, failedReads, String.format("%.1f", recovery));
    assertThat(lost).as("tenants lost").isZero();
    assertThat(duplicated).as("events duplicated").isZero();
    assertThat(failedReads).as("reads that failed on the surviving instances").isZero();
  }

  private Map<String, List<TenantEvent>> chains(List<String> tenants) {
    String prefix = tenants.get(0).substring(0, tenants.get(0).lastIndexOf('-') + 1);
    return TopicReader.readAll(local.info().kafka(), Topics.EVENTS.name()).stream()
        .filter(r -> r.key() != null && r.key().startsWith(prefix))
        .map(r -> codec.decodeEvent(r.value()))
        .collect(Collectors.groupingBy(TenantEvent::tenant, Collectors.mapping(Function.identity(),
            Collectors.toList())));
  }

  /** Reads one tenant from the given instances every 200 ms until stopped, counting the answers other than 200. */
  private Reads readsOn(List<Integer> instances, String tenant) {
    Reads reads = new Reads();
    readers.add(reads);
    instances.forEach(i -> reads.timer.scheduleWithFixedDelay(() -> {
      URI uri = URI.create(local.info().instances().get(i).http() + "/api/v1/tenants/" + tenant);
      try {
        int status = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10))
            .header("Authorization", "Bearer " + local.info().adminToken()).build(),
            HttpResponse.BodyHandlers.discarding()).statusCode();
        if (status != 200 && status != 404) {
          reads.failed(i, "HTTP " + status);
        }
      } catch (Exception e) {
        reads.failed(i, e.toString());
      }
    }, 0, 200, TimeUnit.MILLISECONDS));
    return reads;
  }

  private static final class Reads {
    final ScheduledExecutorService timer = Executors.newScheduledThreadPool(2);
    final AtomicInteger failed = new AtomicInteger();

    void failed(int instance, String what) {
      failed.incrementAndGet();
      LOG.warn("FAULTS read on instance {} failed: {}", instance + 1, what);
    }

    /** Lets the reads under way finish: one interrupted here is not a read that failed. */
    int stop() {
      timer.shutdown();
      try {
        assertThat(timer.awaitTermination(15, TimeUnit.SECONDS)).as("the last reads end").isTrue();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted while the last reads end", e);
      }
      return failed.get();
    }
  }
}
