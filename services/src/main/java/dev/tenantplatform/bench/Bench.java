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
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * Onboards the same number of tenants twice in one JVM, each time into a fresh embedded Kubernetes API: first
 * the floor (the objects created by a bare client), then the platform (requests through Kafka, provisioner and
 * ledger), with the same concurrency, the same objects and, if asked for, the same simulated controllers. A
 * few warm-up tenants go first on each side and are not counted. One Kafka broker serves the run; only the
 * platform uses it.
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
    try (EmbeddedKafka kafka = EmbeddedKafka.start(dir.resolve("kafka"))) {
      KafkaTopics.ensure(kafka.bootstrapServers(), options.partitions());
      // A create that names only the service type: the platform fills in the rest, the floor does the same.
      ClusterSpec requested = new ClusterSpec(null, null, null, null, null, options.serviceType(), null);
      SideResult floor = measure("floor", options, progress,
          cluster -> new FloorSide(cluster.client(), requested.withDefaults(), options.concurrency()));
      SideResult platform = measure("platform", options, progress,
          cluster -> PlatformSide.start(kafka.bootstrapServers(), cluster.client(), requested,
              options.concurrency()));
      return BenchReport.of(options, floor, platform);
    }
  }

  private static SideResult measure(String name, BenchOptions options, Consumer<String> progress,
      Function<BenchCluster, Side> starter) throws InterruptedException {
    List<String> warm = tenants(name + "-warm", options.warmup());
    List<String> measured = tenants(name, options.tenants());
    try (BenchCluster cluster = BenchCluster.start(options.simulator()); Side side = starter.apply(cluster)) {
      if (!warm.isEmpty()) {
        progress.accept(name + ": warming up with " + warm.size() + " tenants");
        Onboarding warmed = side.onboard(warm);
        if (!warmed.failures().isEmpty()) {
          var first = warmed.failures().entrySet().iterator().next();
          throw new BenchException("the " + name + " side could not onboard " + warmed.failures().size()
              + " of its warm-up tenants, e.g. " + first.getKey() + ": " + first.getValue());
        }
      }
      progress.accept(name + ": onboarding " + measured.size() + " tenants, " + options.concurrency()
          + " at a time");
      Onboarding run = side.onboard(measured);
      SideResult result = SideResult.of(name, measured, run, cluster.clustersOf(measured));
      progress.accept(String.format(Locale.ROOT, "%s: %d of %d applied in %.2f s, %.1f tenants/s", name,
          result.applied(), result.tenants(), result.wallSeconds(), result.tenantsPerSecond()));
      return result;
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
