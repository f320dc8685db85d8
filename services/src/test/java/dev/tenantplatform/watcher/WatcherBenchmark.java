package dev.tenantplatform.watcher;

import dev.tenantplatform.events.ClusterSpec;
import dev.tenantplatform.events.EventData;
import dev.tenantplatform.events.EventType;
import dev.tenantplatform.events.TenantEvent;
import dev.tenantplatform.events.TenantPhase;
import dev.tenantplatform.events.TenantRequest;
import dev.tenantplatform.ledger.Ledger;
import dev.tenantplatform.ledger.LedgerConfig;
import dev.tenantplatform.sandbox.EmbeddedKafka;
import dev.tenantplatform.sandbox.EmbeddedKubernetes;
import dev.tenantplatform.support.KafkaTopics;
import dev.tenantplatform.support.TenantLedger;
import dev.tenantplatform.support.TenantRecord;
import dev.tenantplatform.watcher.state.StateConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

/**
 * The watcher's benchmark (not a test): N Ready tenants at rest in the embedded API, their chains in the ledger.
 * Measures the heap the watcher holds after its full sync (bytes per tenant), then, under a steady rate of status
 * changes (a worker Machine's Ready condition going False, later True again: each change one event), the delay
 * from the change's write to the API until its event is acknowledged by Kafka.
 *
 * <p>Run: {@code java -Xmx4g -cp <test classpath> dev.tenantplatform.watcher.WatcherBenchmark [tenants]
 * [changesPerSecond] [seconds]}; defaults 10000, 100, 30.
 */
public final class WatcherBenchmark {

  private static final String[] MILESTONES = {"cluster.applied", "cluster.provisioned",
      "cluster.controlplane.ready", "cluster.cni.applied", "cluster.workers.ready"};

  private WatcherBenchmark() {
  }

  public static void main(String[] args) throws Exception {
    int tenants = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
    int rate = args.length > 1 ? Integer.parseInt(args[1]) : 100;
    int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 30;
    Path dir = Files.createTempDirectory("watcher-bench-");
    try (EmbeddedKafka kafka = EmbeddedKafka.start(dir); EmbeddedKubernetes kube = EmbeddedKubernetes.start(null)) {
      KafkaTopics.ensure(kafka.bootstrapServers(), 3);
      Vertx vertx = Vertx.vertx();
      Ledger ledger = join(Ledger.start(vertx, kafka.bootstrapServers(), LedgerConfig.defaults()));
      TimedLedger timed = new TimedLedger(ledger);
      List<String> names = IntStream.range(0, tenants).mapToObj(i -> "bench-" + i).toList();
      TenantsAtRest atRest = new TenantsAtRest(kube.client());

      long start = System.nanoTime();
      parallel(names, atRest::write);
      report("objects written", tenants * 13 + " objects in " + millis(start) + " ms");
      start = System.nanoTime();
      parallel(names, tenant -> join(ledger.append(tenant, chain(tenant))));
      report("chains written", tenants * 7 + " events in " + millis(start) + " ms");

      Map<String, Long> histogramBefore = histogram();
      long before = usedHeapAfterGc();
      start = System.nanoTime();
      Watcher watcher = join(Watcher.deploy(vertx, WatcherConfig.defaults()
          .withState(new StateConfig(Duration.ofMinutes(10), Duration.ZERO)), kube.client(), timed));
      waitUntilAllReady(watcher, names);
      report("watcher synced", "all " + tenants + " tenants derived Ready in " + millis(start) + " ms");
      // Buffers of the first list calls may still be on their way out: the lower of two looks, seconds apart.
      long after = usedHeapAfterGc();
      TimeUnit.SECONDS.sleep(5);
      after = Math.min(after, usedHeapAfterGc());
      printGrowth(histogramBefore, histogram());
      report("heap", String.format("%d bytes held by the watcher, %d bytes (%.1f KiB) per tenant", after - before,
          (after - before) / tenants, (after - before) / 1024.0 / tenants));
      report("events emitted at sync", timed.acks.size() + " (the chains hold everything already)");

      measureLatency(atRest, timed, names, rate, seconds);
      join(vertx.close());
    }
  }

  private static void measureLatency(TenantsAtRest atRest, TimedLedger timed, List<String> names, int rate,
      int seconds) throws InterruptedException {
    int changes = rate * seconds;
    List<Long> delays = Collections.synchronizedList(new ArrayList<>());
    long period = 1_000_000_000L / rate;
    long begin = System.nanoTime();
    for (int i = 0; i < changes; i++) {
      long due = begin + i * period;
      long wait = due - System.nanoTime();
      if (wait > 0) {
        TimeUnit.NANOSECONDS.sleep(wait);
      }
      String tenant = names.get(i % names.size());
      boolean ready = (i / names.size()) % 2 == 1;
      long written = System.nanoTime();
      timed.expect(tenant, written, delays::add);
      atRest.machineReady(tenant, ready);
    }
    double achieved = changes / ((System.nanoTime() - begin) / 1e9);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (delays.size() < changes && System.nanoTime() < deadline) {
      TimeUnit.MILLISECONDS.sleep(100);
    }
    List<Long> sorted = new ArrayList<>(delays);
    Collections.sort(sorted);
    report("changes", String.format("%d sent at %.1f/s, %d events acknowledged", changes, achieved, sorted.size()));
    if (!sorted.isEmpty()) {
      report("change -> event acked", String.format("p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, max %.1f ms",
          pct(sorted, 0.50), pct(sorted, 0.90), pct(sorted, 0.99), sorted.get(sorted.size() - 1) / 1e6));
      String[] labels = {"change -> watcher derives", "change -> append", "change -> ack"};
      for (int phase = 0; phase < labels.length; phase++) {
        int which = phase;
        List<Long> part = new ArrayList<>(timed.phases.stream().map(p -> p[which]).toList());
        Collections.sort(part);
        report(labels[phase], String.format("p50 %.1f ms, p99 %.1f ms", pct(part, 0.50), pct(part, 0.99)));
      }
    }
  }

  private static double pct(List<Long> sorted, double p) {
    return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p * sorted.size()) - 1)) / 1e6;
  }

  /** What the chain of a Ready tenant holds: its create and every milestone. */
  private static List<TenantLedger.Entry> chain(String tenant) {
    TenantRequest create = TenantRequest.create(tenant, "bench", ClusterSpec.UNCHANGED);
    Instant now = Instant.now();
    List<TenantLedger.Entry> entries = new ArrayList<>();
    entries.add(TenantLedger.Entry.once(TenantEvent.unsealed(EventType.TENANT_ACCEPTED, tenant, create.requestId(),
        now, EventData.accepted(create, ClusterSpec.DEFAULTS))));
    for (String name : MILESTONES) {
      EventType type = EventType.byName(name).orElseThrow();
      entries.add(TenantLedger.Entry.once(TenantEvent.unsealed(type, tenant, create.requestId(), now,
          switch (type) {
            case CLUSTER_APPLIED -> EventData.applied("tenant-" + tenant, List.of());
            case CLUSTER_CONTROLPLANE_READY -> EventData.controlPlaneReady(3, 3, TenantsAtRest.VERSION);
            case CLUSTER_CNI_APPLIED -> EventData.cniApplied("calico", "calico");
            case CLUSTER_WORKERS_READY -> EventData.workersReady(2, 2);
            default -> EventData.provisioned("172.18.0.2", 31443);
          })));
    }
    entries.add(TenantLedger.Entry.once(TenantEvent.unsealed(EventType.TENANT_READY, tenant, create.requestId(), now,
        EventData.ready(Duration.ofSeconds(20), Duration.ofSeconds(10), Duration.ofSeconds(60)))));
    return entries;
  }

  private static void waitUntilAllReady(Watcher watcher, List<String> names) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
    while (System.nanoTime() < deadline) {
      List<Future<Optional<dev.tenantplatform.watcher.state.TenantState>>> states = names.stream()
          .map(watcher::state).toList();
      long ready = states.stream().map(WatcherBenchmark::join)
          .filter(s -> s.isPresent() && s.get().phase() == TenantPhase.READY).count();
      if (ready == names.size()) {
        return;
      }
      TimeUnit.MILLISECONDS.sleep(500);
    }
    throw new IllegalStateException("the watcher did not derive every tenant Ready within 10 minutes");
  }

  private static void parallel(List<String> tenants, java.util.function.Consumer<String> work) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<java.util.concurrent.Future<?>> done = new ArrayList<>();
      for (String tenant : tenants) {
        done.add(pool.submit(() -> work.accept(tenant)));
      }
      for (java.util.concurrent.Future<?> future : done) {
        future.get();
      }
    } finally {
      pool.shutdown();
    }
  }

  private static long usedHeapAfterGc() throws InterruptedException {
    for (int i = 0; i < 4; i++) {
      System.gc();
      TimeUnit.MILLISECONDS.sleep(200);
    }
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }

  /** Bytes of live objects per class, from {@code jcmd GC.class_histogram} (empty when jcmd is not there). */
  private static Map<String, Long> histogram() {
    Map<String, Long> bytes = new java.util.HashMap<>();
    if (!Boolean.getBoolean("bench.histogram")) {
      return bytes;
    }
    try {
      Process jcmd = new ProcessBuilder("jcmd", String.valueOf(ProcessHandle.current().pid()), "GC.class_histogram")
          .redirectErrorStream(true).start();
      for (String line : new String(jcmd.getInputStream().readAllBytes()).split("\n")) {
        String[] f = line.trim().split("\\s+");
        if (f.length >= 4 && f[0].endsWith(":")) {
          bytes.put(f[3], Long.parseLong(f[2]));
        }
      }
      jcmd.waitFor();
    } catch (Exception e) {
      System.out.println("BENCH no histogram: " + e);
    }
    return bytes;
  }

  private static void printGrowth(Map<String, Long> before, Map<String, Long> after) {
    after.entrySet().stream()
        .map(e -> Map.entry(e.getKey(), e.getValue() - before.getOrDefault(e.getKey(), 0L)))
        .sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(12)
        .forEach(e -> report("grew", e.getValue() + " bytes " + e.getKey()));
  }

  private static long millis(long since) {
    return (System.nanoTime() - since) / 1_000_000;
  }

  private static void report(String what, String figures) {
    System.out.println("BENCH " + what + ": " + figures);
  }

  private static <T> T join(Future<T> future) {
    try {
      return future.toCompletionStage().toCompletableFuture().get(5, TimeUnit.MINUTES);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** The ledger, noting when each tenant's next event after a change is acknowledged. */
  private static final class TimedLedger implements TenantLedger {

    private final TenantLedger ledger;
    private final Map<String, Long> acks = new ConcurrentHashMap<>();
    private final Map<String, Expectation> expected = new ConcurrentHashMap<>();

    /** A change waiting for its event, and when the watcher first asked the ledger about the tenant after it. */
    private static final class Expectation {
      final long since;
      final java.util.function.LongConsumer delay;
      volatile long asked;
      volatile long appended;

      Expectation(long since, java.util.function.LongConsumer delay) {
        this.since = since;
        this.delay = delay;
      }
    }

    /** Delays from the change to the watcher's first question, to its append, to the ack; in nanoseconds. */
    final List<long[]> phases = Collections.synchronizedList(new ArrayList<>());

    TimedLedger(TenantLedger ledger) {
      this.ledger = ledger;
    }

    void expect(String tenant, long since, java.util.function.LongConsumer delay) {
      expected.put(tenant, new Expectation(since, delay));
    }

    @Override
    public Runnable onAppended(java.util.function.Consumer<String> listener) {
      return ledger.onAppended(listener);
    }

    @Override
    public Future<List<TenantEvent>> append(String tenant, List<Entry> entries) {
      Expectation pending = expected.get(tenant);
      if (pending != null && pending.appended == 0) {
        pending.appended = System.nanoTime();
      }
      return ledger.append(tenant, entries).onSuccess(written -> {
        long now = System.nanoTime();
        if (!written.isEmpty()) {
          acks.put(tenant + "#" + written.get(0).sequence(), now);
          Expectation waiting = expected.remove(tenant);
          if (waiting != null) {
            waiting.delay.accept(now - waiting.since);
            phases.add(new long[] {waiting.asked - waiting.since, waiting.appended - waiting.since,
                now - waiting.since});
          }
        }
      });
    }

    @Override
    public Future<Optional<TenantRecord>> record(String tenant) {
      Expectation pending = expected.get(tenant);
      if (pending != null && pending.asked == 0) {
        pending.asked = System.nanoTime();
      }
      return ledger.record(tenant);
    }

    @Override
    public Future<Boolean> holds(String tenant, String onceKey) {
      return ledger.holds(tenant, onceKey);
    }

    @Override
    public Future<Integer> liveTenants() {
      return ledger.liveTenants();
    }
  }
}
