package dev.tenantplatform.bench;

import dev.tenantplatform.events.ClusterSpec;
import dev.tenantplatform.sandbox.EmbeddedKafka;
import dev.tenantplatform.support.KafkaTopics;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * Onboards the same number of tenants on two sides in one JVM, each into a fresh embedded Kubernetes API of
 * its own: the floor (the objects created by a bare client) and the platform (requests through Kafka,
 * provisioner and ledger), with the same concurrency, the same objects and, if asked for, the same simulated
 * controllers. A few warm-up tenants go first on each side and are not counted; then the sides take turns,
 * a share of the tenants each time. One Kafka broker serves the run; only the platform uses it.
 */
public final class Bench {

  private Bench() {
  }

  /**
   * Runs the benchmark; blocking, for minutes with the defaults.
   *
   * @param progress hears what the run is doing, a line at a time
   */
  public static BenchReport run(BenchOptions options, Consumer<String> progress) throws InterruptedException {
    Path dir = dataDir(options.dataDir());
    try {
      return runIn(dir, options, progress);
    } finally {
      if (options.dataDir() == null) {
        delete(dir, progress);
      }
    }
  }

  private static BenchReport runIn(Path dir, BenchOptions options, Consumer<String> progress)
      throws InterruptedException {
    progress.accept("starting a Kafka broker, log in " + dir);
    try (EmbeddedKafka kafka = EmbeddedKafka.start(dir.resolve("kafka"));
        BenchCluster floorApi = BenchCluster.start(options.simulator());
        BenchCluster platformApi = BenchCluster.start(options.simulator())) {
      KafkaTopics.ensure(kafka.bootstrapServers(), options.partitions());
      // A create that names only the service type: the platform fills in the rest, the floor does the same.
      ClusterSpec requested = new ClusterSpec(null, null, null, null, null, options.serviceType(), null);
      try (Side floor = new FloorSide(floorApi.client(), requested.withDefaults(), options.concurrency());
          Side platform = PlatformSide.start(kafka.bootstrapServers(), platformApi.client(), requested,
              options.concurrency())) {
        warmUp("floor", floor, options, progress);
        warmUp("platform", platform, options, progress);
        return measure(options, new Contender("floor", floor, floorApi, tenants("floor", options.tenants())),
            new Contender("platform", platform, platformApi, tenants("platform", options.tenants())), progress);
      }
    }
  }

  private static void warmUp(String name, Side side, BenchOptions options, Consumer<String> progress)
      throws InterruptedException {
    List<String> warm = tenants(name + "-warm", options.warmup());
    if (warm.isEmpty()) {
      return;
    }
    progress.accept(name + ": warming up with " + warm.size() + " tenants");
    Onboarding warmed = side.onboard(warm);
    if (!warmed.failures().isEmpty()) {
      var first = warmed.failures().entrySet().iterator().next();
      throw new BenchException("the " + name + " side could not onboard " + warmed.failures().size()
          + " of its warm-up tenants, e.g. " + first.getKey() + ": " + first.getValue());
    }
  }

  /** The sides take turns, each round with the other first, so a busy spell of the machine hits both. */
  private static BenchReport measure(BenchOptions options, Contender floor, Contender platform,
      Consumer<String> progress) throws InterruptedException {
    floor.api().takeCalls();
    platform.api().takeCalls();
    BrokerRequests broker = new BrokerRequests();
    Onboarding floorRun = Onboarding.NONE;
    Onboarding platformRun = Onboarding.NONE;
    SideResult.Spent[] spent = {SideResult.Spent.NOTHING, SideResult.Spent.NOTHING};
    for (int round = 0; round < options.rounds(); round++) {
      int from = options.tenants() * round / options.rounds();
      int to = options.tenants() * (round + 1) / options.rounds();
      boolean floorFirst = round % 2 == 0;
      long[] cpu = new long[2];
      Onboarding f = floorFirst ? timed(() -> floor.onboard(from, to), cpu, 0, broker, spent) : null;
      Onboarding p = timed(() -> platform.onboard(from, to), cpu, 1, broker, spent);
      if (!floorFirst) {
        f = timed(() -> floor.onboard(from, to), cpu, 0, broker, spent);
      }
      floorRun = floorRun.plus(f);
      platformRun = platformRun.plus(p);
      progress.accept(String.format(Locale.ROOT, "round %d of %d: %d tenants each, floor %.2f s, platform %.2f s;"
          + " processor time per tenant: floor %.1f ms, platform %.1f ms", round + 1, options.rounds(), to - from,
          f.wallNanos() / 1e9, p.wallNanos() / 1e9, cpu[0] / 1e6 / (to - from), cpu[1] / 1e6 / (to - from)));
    }
    Machine machine = Machine.now();
    return BenchReport.of(options, floor.result(floorRun, spent[0]), platform.result(platformRun, spent[1]),
        machine);
  }

  private interface Turn {
    Onboarding run() throws InterruptedException;
  }

  /**
   * Runs one side's turn, noting the processor time the JVM used meanwhile in {@code cpu[side]} and adding it,
   * with the broker's requests, to {@code spent[side]}.
   */
  private static Onboarding timed(Turn turn, long[] cpu, int side, BrokerRequests broker, SideResult.Spent[] spent)
      throws InterruptedException {
    broker.take();
    long before = Machine.processCpuNanos();
    Onboarding done = turn.run();
    cpu[side] = before < 0 ? 0 : Machine.processCpuNanos() - before;
    spent[side] = spent[side].plus(cpu[side], broker.take());
    return done;
  }

  /** One side in the measured rounds: its tenants, and the API it writes them to. */
  private record Contender(String name, Side side, BenchCluster api, List<String> tenants) {

    Onboarding onboard(int from, int to) throws InterruptedException {
      return side.onboard(tenants.subList(from, to));
    }

    /** The figures of {@code run}, with the calls the side made since the rounds began and what it spent. */
    SideResult result(Onboarding run, SideResult.Spent spent) {
      Map<String, Long> calls = api.takeCalls();
      return SideResult.of(name, tenants, run, api.clustersOf(tenants), calls, spent);
    }
  }

  /** Distinct per side and per phase, and valid tenant names: {@code floor-00001}, {@code platform-warm-00001}. */
  static List<String> tenants(String prefix, int count) {
    return IntStream.rangeClosed(1, count).mapToObj(i -> String.format(Locale.ROOT, "%s-%05d", prefix, i))
        .toList();
  }

  private static Path dataDir(Path given) {
    try {
      if (given == null) {
        return Files.createTempDirectory("tenant-platform-bench-");
      }
      if (Files.isDirectory(given)) {
        try (Stream<Path> entries = Files.list(given)) {
          if (entries.findAny().isPresent()) {
            throw new BenchException("--data " + given + " is not empty: the benchmark needs a fresh broker log;"
                + " give an empty or new folder, or leave --data out for a temporary one");
          }
        }
      }
      return Files.createDirectories(given);
    } catch (IOException e) {
      throw new BenchException("cannot prepare the data folder " + (given == null ? "(temporary)" : given)
          + ": " + e.getMessage(), e);
    }
  }

  private static void delete(Path dir, Consumer<String> progress) {
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    } catch (IOException e) {
      progress.accept("could not delete the temporary folder " + dir + ": " + e.getMessage());
    }
  }
}
