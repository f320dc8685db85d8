package dev.tenantplatform.bench;

import dev.tenantplatform.events.ChainHead;
import dev.tenantplatform.events.CloudEventCodec;
import dev.tenantplatform.events.ClusterSpec;
import dev.tenantplatform.events.EventData;
import dev.tenantplatform.events.EventType;
import dev.tenantplatform.events.HashChain;
import dev.tenantplatform.events.RequestEnvelope;
import dev.tenantplatform.events.TenantEvent;
import dev.tenantplatform.events.TenantRequest;
import dev.tenantplatform.kube.NodePortRange;
import dev.tenantplatform.ledger.Ledger;
import dev.tenantplatform.provisioner.blueprint.BlueprintConfig;
import dev.tenantplatform.provisioner.blueprint.ClusterBlueprint;
import dev.tenantplatform.provisioner.blueprint.NodePorts;
import dev.tenantplatform.provisioner.blueprint.TenantObjects;
import dev.tenantplatform.sandbox.EmbeddedKafka;
import dev.tenantplatform.support.KafkaClients;
import dev.tenantplatform.support.KafkaTopics;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;

/**
 * How close to the floor any platform that keeps the contract can come on this machine, run on demand (not a
 * test). The sides take turns in one JVM, each writing into an embedded Kubernetes API of its own with the
 * simulator (instant profile) on it, one broker serving them, as {@code tenant-platform bench} runs its two:
 * <ul>
 * <li><b>floor</b>: the bench's floor, the tenant's objects created by a bare fabric8 client;</li>
 * <li><b>contract floor</b>: the same creates, plus only the Kafka work the contract asks of any platform —
 * the request produced to a requests topic and read from it; {@code tenant.accepted} before the objects and
 * {@code cluster.applied} after them, each sealed on the tenant's hash chain and written in a transaction of its
 * partition's transactional producer (the fence that keeps one writer per chain), the events that wait while
 * one commits sharing the next; {@code cluster.applied} read back, read committed. No provisioner, no ledger,
 * no validation, no retries, no NodePort table, no offsets committed: less than a platform does. It has topics
 * of its own, so the platform's provisioner reads none of it;</li>
 * <li>with {@code --with-platform}, <b>platform</b>: the bench's platform side, in a third API.</li>
 * </ul>
 * The contract floor's share of the floor's throughput is what the Kafka work alone leaves to a platform, the
 * broker sharing the machine's processors with everything else, as in the bench. Without {@code
 * --with-platform} the run holds what the bench's does (two APIs, two simulators), so its ratio reads beside the
 * bench's; {@code --no-simulator} leaves the simulators out, whose backlog takes whatever the sides leave (they
 * bring a tenant to Ready far slower than the sides apply one); {@code --no-transactions} writes the contract
 * floor's events with an idempotent producer instead, unfenced, to show what the fence costs; {@code
 * --one-producer} writes them with one transactional producer for every partition, so that one transaction
 * holds the events of whatever tenants wait together, to show what a fence by the consumer group's generation
 * (one producer per instance) would cost.
 *
 * <p>Run it as {@code dev.tenantplatform.cli.ReplayBench} is run (its javadoc), with {@code
 * dev.tenantplatform.bench.ContractFloorBench [TENANTS [CONCURRENCY]] [--no-simulator] [--with-platform]
 * [--no-transactions | --one-producer]}
 * (1,000 tenants, 16 in flight by default).
 */
public final class ContractFloorBench {

  private static final int PARTITIONS = BenchOptions.DEFAULT_PARTITIONS;
  private static final int ROUNDS = BenchOptions.DEFAULT_ROUNDS;
  private static final int WARMUP = BenchOptions.DEFAULT_WARMUP;
  /** The contract floor's own topics, made as the platform's are: the platform's provisioner reads none of it. */
  private static final String REQUESTS = "contract-floor.requests";
  private static final String EVENTS = "contract-floor.events";

  private ContractFloorBench() {
  }

  /** One side's turn: onboards the tenants and answers once each is done. */
  private interface Turn {
    Onboarding onboard(List<String> tenants) throws InterruptedException;
  }

  public static void main(String[] args) throws Exception {
    System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
    List<String> flags = List.of(args).stream().filter(a -> a.startsWith("--")).toList();
    List<String> numbers = List.of(args).stream().filter(a -> !a.startsWith("--")).toList();
    int tenants = numbers.size() > 0 ? Integer.parseInt(numbers.get(0)) : BenchOptions.DEFAULT_TENANTS;
    int concurrency = numbers.size() > 1 ? Integer.parseInt(numbers.get(1)) : BenchOptions.DEFAULT_CONCURRENCY;
    boolean simulator = !flags.contains("--no-simulator");
    boolean withPlatform = flags.contains("--with-platform");
    boolean fenced = !flags.contains("--no-transactions");
    ClusterSpec requested = new ClusterSpec(null, null, null, null, null, BenchOptions.NODE_PORT, null);
    Path dir = Files.createTempDirectory("contract-floor-bench-");
    try (EmbeddedKafka kafka = EmbeddedKafka.start(dir.resolve("kafka"))) {
      String bootstrap = kafka.bootstrapServers();
      KafkaTopics.ensure(bootstrap, PARTITIONS);
      try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
        admin.createTopics(List.of(new NewTopic(REQUESTS, PARTITIONS, (short) 1),
            new NewTopic(EVENTS, PARTITIONS, (short) 1))).all().get();
      }
      // The sides and their APIs, closed before the broker they use.
      List<AutoCloseable> open = new ArrayList<>();
      try {
        Map<String, Turn> sides = new LinkedHashMap<>();
        FloorSide floor = new FloorSide(api(simulator, open).client(), requested.withDefaults(), concurrency);
        open.add(floor);
        sides.put("floor", floor::onboard);
        ContractSide contract = new ContractSide(bootstrap, api(simulator, open).client(), requested.withDefaults(),
            concurrency, fenced, flags.contains("--one-producer"));
        open.add(contract);
        sides.put(!fenced ? "unfenced floor" : flags.contains("--one-producer") ? "one-producer floor"
            : "contract floor", contract::onboard);
        if (withPlatform) {
          PlatformSide platform = PlatformSide.start(bootstrap, api(simulator, open).client(), requested,
              concurrency);
          open.add(platform);
          sides.put("platform", platform::onboard);
        }
        for (var side : sides.entrySet()) {
          side.getValue().onboard(Bench.tenants(side.getKey().replace(' ', '-') + "-warm", WARMUP));
        }
        run(sides, tenants, concurrency, simulator);
        idle();
      } finally {
        for (int i = open.size() - 1; i >= 0; i--) {
          open.get(i).close();
        }
      }
    } finally {
      try (var paths = Files.walk(dir)) {
        paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  /** A side's embedded API, with the simulator if asked for, closed with the rest. */
  private static BenchCluster api(boolean simulator, List<AutoCloseable> open) {
    BenchCluster api = BenchCluster.start(simulator);
    open.add(api);
    return api;
  }

  /**
   * What the process spends once no side onboards any more: the simulators still bringing the tenants to Ready
   * (they fall behind the sides), the APIs, the broker. Measured over five seconds, busiest threads first.
   */
  private static void idle() throws InterruptedException {
    var threads = java.lang.management.ManagementFactory.getThreadMXBean();
    Map<Long, Long> before = new HashMap<>();
    for (long id : threads.getAllThreadIds()) {
      before.put(id, threads.getThreadCpuTime(id));
    }
    long cpu = Machine.processCpuNanos();
    long wall = System.nanoTime();
    // A window to measure over, not a wait for anything: whatever runs in it is what is reported.
    Thread.sleep(5_000);
    double seconds = (System.nanoTime() - wall) / 1e9;
    System.out.printf(Locale.ROOT, "after the rounds, no side onboarding: %.0f ms of processor time per second%n",
        (Machine.processCpuNanos() - cpu) / 1e6 / seconds);
    Map<String, Double> busiest = new HashMap<>();
    for (long id : threads.getAllThreadIds()) {
      var info = threads.getThreadInfo(id);
      long now = threads.getThreadCpuTime(id);
      if (info != null && now > 0) {
        busiest.merge(info.getThreadName().replaceAll("[0-9]+", "N"), (now - before.getOrDefault(id, 0L)) / 1e6
            / seconds, Double::sum);
      }
    }
    busiest.entrySet().stream().sorted(Map.Entry.<String, Double>comparingByValue().reversed()).limit(8)
        .forEach(e -> System.out.printf(Locale.ROOT, "  %6.0f ms/s %s%n", e.getValue(), e.getKey()));
  }

  /** The sides take turns, each round in another order, as the bench's two do. */
  private static void run(Map<String, Turn> sides, int tenants, int concurrency, boolean simulator)
      throws InterruptedException {
    List<String> names = new ArrayList<>(sides.keySet());
    Map<String, long[]> spent = new HashMap<>();
    names.forEach(name -> spent.put(name, new long[3]));
    for (int round = 0; round < ROUNDS; round++) {
      int from = tenants * round / ROUNDS;
      int to = tenants * (round + 1) / ROUNDS;
      for (int i = 0; i < names.size(); i++) {
        String name = names.get((round + i) % names.size());
        List<String> batch = Bench.tenants(name.replace(' ', '-'), tenants).subList(from, to);
        long cpu = Machine.processCpuNanos();
        Onboarding done = sides.get(name).onboard(batch);
        long[] total = spent.get(name);
        total[0] += done.wallNanos();
        total[1] += Machine.processCpuNanos() - cpu;
        total[2] += done.latencyNanos().size();
        if (!done.failures().isEmpty()) {
          throw new IllegalStateException(name + " failed " + done.failures().size() + " tenants, e.g. "
              + done.failures().entrySet().iterator().next());
        }
      }
    }
    double floorRate = spent.get("floor")[2] / (spent.get("floor")[0] / 1e9);
    System.out.printf(Locale.ROOT, "%-16s %8s %8s %10s %12s %10s%n", "side", "tenants", "wall s", "tenants/s",
        "cpu ms/tenant", "x floor");
    for (String name : names) {
      long[] total = spent.get(name);
      double rate = total[2] / (total[0] / 1e9);
      System.out.printf(Locale.ROOT, "%-16s %8d %8.2f %10.1f %12.1f %10.2f%n", name, total[2], total[0] / 1e9,
          rate, total[1] / 1e6 / total[2], rate / floorRate);
    }
    System.out.printf(Locale.ROOT, "%d tenants per side, %d in flight, %d partitions, NodePort, %s;"
        + " %s%n", tenants, concurrency, PARTITIONS, simulator ? "simulator instant" : "no simulator", Machine.now());
  }

  /** The floor's creates and the contract's Kafka work, nothing else. */
  private static final class ContractSide implements AutoCloseable {

    private final KubernetesClient client;
    private final ClusterSpec spec;
    private final CloudEventCodec codec = new CloudEventCodec();
    private final ClusterBlueprint blueprint = new ClusterBlueprint(BlueprintConfig.defaults());
    private final AtomicInteger pairs = new AtomicInteger();
    private final KafkaProducer<String, byte[]> requests;
    private final List<PartitionTxn> writers = new ArrayList<>();
    private final ExecutorService workers;
    /** Whether one transactional producer writes every partition, its transactions shared by all. */
    private final boolean shared;
    /** An idempotent producer for the events when the writes are not fenced, else null. */
    private final KafkaProducer<String, byte[]> unfenced;
    private final List<Thread> readers = new ArrayList<>();
    private final Semaphore window;
    private volatile boolean closed;
    private volatile Batch batch;

    /** One batch's bookkeeping. */
    private record Batch(Map<String, Long> sentAt, Map<String, Long> latencies, Map<String, String> failures,
        Completion completion) {
    }

    /**
     * @param fenced whether each partition's events go in transactions of its transactional producer (what the
     *     contract's single writer per chain takes), or are only acknowledged by an idempotent producer (the
     *     price of the fence, measured by its absence)
     * @param shared whether one transactional producer writes every partition (one transaction holding the
     *     events of any tenants that wait together: a fence by the consumer group's generation, as Kafka's
     *     {@code sendOffsetsToTransaction} gives, not by a producer per partition), else one per partition
     */
    ContractSide(String bootstrap, KubernetesClient client, ClusterSpec spec, int concurrency, boolean fenced,
        boolean shared) {
      this.shared = shared;
      this.client = client;
      this.spec = spec;
      this.window = new Semaphore(concurrency);
      this.requests = new KafkaProducer<>(new HashMap<>(KafkaClients.idempotentProducer(bootstrap,
          Map.of("client.id", "contract-floor", "linger.ms", "0"))));
      this.unfenced = fenced ? null : new KafkaProducer<>(new HashMap<>(KafkaClients.idempotentProducer(bootstrap,
          Map.of("client.id", "contract-floor-events", "linger.ms", "0"))));
      for (int p = 0; fenced && p < (shared ? 1 : PARTITIONS); p++) {
        Map<String, Object> settings = new HashMap<>(KafkaClients.idempotentProducer(bootstrap, Map.of()));
        settings.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "contract-floor-" + p);
        settings.put(ProducerConfig.CLIENT_ID_CONFIG, "contract-floor-" + p);
        KafkaProducer<String, byte[]> producer = new KafkaProducer<>(settings);
        producer.initTransactions();
        writers.add(new PartitionTxn(producer));
      }
      this.workers = Executors.newFixedThreadPool(concurrency);
      KafkaConsumer<String, byte[]> requestConsumer = atEnd(bootstrap, REQUESTS);
      KafkaConsumer<String, byte[]> eventConsumer = atEnd(bootstrap, EVENTS);
      readers.add(reader("contract-floor-requests", requestConsumer, record -> workers.execute(() ->
          handle(record))));
      readers.add(reader("contract-floor-events", eventConsumer, this::heard));
    }

    private static KafkaConsumer<String, byte[]> atEnd(String bootstrap, String topic) {
      KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(KafkaClients.logReader(bootstrap));
      List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
          .map(p -> new TopicPartition(topic, p.partition())).toList();
      consumer.assign(partitions);
      consumer.seekToEnd(partitions);
      partitions.forEach(consumer::position);
      return consumer;
    }

    private Thread reader(String name, KafkaConsumer<String, byte[]> consumer,
        Consumer<ConsumerRecord<String, byte[]>> each) {
      Thread thread = new Thread(() -> {
        try (consumer) {
          while (!closed) {
            consumer.poll(Duration.ofMillis(100)).forEach(each);
          }
        }
      }, name);
      thread.setDaemon(true);
      thread.start();
      return thread;
    }

    Onboarding onboard(List<String> tenants) throws InterruptedException {
      Batch current = new Batch(new ConcurrentHashMap<>(), new ConcurrentHashMap<>(), new ConcurrentHashMap<>(),
          new Completion("contract floor", tenants.size()));
      batch = current;
      long started = System.nanoTime();
      for (String tenant : tenants) {
        if (!window.tryAcquire(Completion.STALL.toSeconds(), TimeUnit.SECONDS)) {
          throw new BenchException("the contract floor is stuck");
        }
        current.sentAt().put(tenant, System.nanoTime());
        requests.send(new ProducerRecord<>(REQUESTS, tenant,
            codec.encodeRequest(TenantRequest.create(tenant, "contract-floor", spec))));
      }
      current.completion().await();
      return new Onboarding(System.nanoTime() - started, current.latencies(), current.failures());
    }

    /** A request read: accepted, the objects, applied; a failure gives the tenant up. */
    private void handle(ConsumerRecord<String, byte[]> record) {
      try {
        handle(((RequestEnvelope) codec.decodeRequestRecord(record.value())).request());
      } catch (RuntimeException e) {
        Batch current = batch;
        if (current != null && current.completion().finish(record.key(), () -> current.failures().put(record.key(),
            String.valueOf(e)))) {
          window.release();
        }
      }
    }

    private void handle(TenantRequest request) {
      String tenant = request.tenant();
      TenantEvent accepted = HashChain.next(ChainHead.genesis(tenant), TenantEvent.unsealed(
          EventType.TENANT_ACCEPTED, tenant, request.requestId(), Instant.now(), EventData.accepted(request, spec)));
      write(tenant, accepted);
      TenantObjects objects = blueprint.desired(tenant, spec, Optional.of(nextPorts()));
      List<String> names = new ArrayList<>();
      for (HasMetadata object : objects.inApplyOrder()) {
        FloorSide.create(client, object);
        names.add(object.getKind() + "/" + object.getMetadata().getName());
      }
      TenantEvent applied = HashChain.next(ChainHead.of(accepted), TenantEvent.unsealed(EventType.CLUSTER_APPLIED,
          tenant, request.requestId(), Instant.now(), EventData.applied(objects.inApplyOrder().get(0).getMetadata()
              .getName(), names)));
      write(tenant, applied);
    }

    private void write(String tenant, TenantEvent event) {
      int partition = Ledger.partitionOf(tenant, PARTITIONS);
      ProducerRecord<String, byte[]> record = new ProducerRecord<>(EVENTS, partition, tenant,
          codec.encodeEvent(event));
      if (unfenced == null) {
        writers.get(shared ? 0 : partition).write(record);
        return;
      }
      try {
        unfenced.send(record).get();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      } catch (ExecutionException e) {
        throw new IllegalStateException(e.getCause());
      }
    }

    /** An event read back: a tenant of the batch is done at its cluster.applied. */
    private void heard(ConsumerRecord<String, byte[]> record) {
      TenantEvent event = codec.decodeEvent(record.value());
      Batch current = batch;
      Long sent = current == null ? null : current.sentAt().get(event.tenant());
      if (sent == null || event.type() != EventType.CLUSTER_APPLIED) {
        return;
      }
      long at = System.nanoTime();
      if (current.completion().finish(event.tenant(), () -> current.latencies().put(event.tenant(), at - sent))) {
        window.release();
      }
    }

    private NodePorts nextPorts() {
      int first = NodePortRange.DEFAULT.first() + 2 * pairs.getAndIncrement();
      return new NodePorts(first, first + 1);
    }

    @Override
    public void close() throws InterruptedException {
      closed = true;
      for (Thread reader : readers) {
        reader.join();
      }
      workers.shutdownNow();
      requests.close();
      writers.forEach(w -> w.producer.close());
      if (unfenced != null) {
        unfenced.close();
      }
    }
  }

  /**
   * A partition's transactional producer: a write waits until a transaction holding its record is committed;
   * the writes that wait while one commits share the next transaction, as the ledger's do.
   */
  private static final class PartitionTxn {

    private record Pending(ProducerRecord<String, byte[]> record, CompletableFuture<Void> done) {
    }

    private final KafkaProducer<String, byte[]> producer;
    private final ConcurrentLinkedQueue<Pending> waiting = new ConcurrentLinkedQueue<>();
    private final ReentrantLock committing = new ReentrantLock();

    PartitionTxn(KafkaProducer<String, byte[]> producer) {
      this.producer = producer;
    }

    void write(ProducerRecord<String, byte[]> record) {
      Pending mine = new Pending(record, new CompletableFuture<>());
      waiting.add(mine);
      while (!mine.done().isDone()) {
        committing.lock();
        try {
          List<Pending> batch = new ArrayList<>();
          for (Pending p = waiting.poll(); p != null; p = waiting.poll()) {
            batch.add(p);
          }
          if (!batch.isEmpty()) {
            producer.beginTransaction();
            batch.forEach(p -> producer.send(p.record()));
            producer.commitTransaction();
            batch.forEach(p -> p.done().complete(null));
          }
        } finally {
          committing.unlock();
        }
      }
    }
  }
}
