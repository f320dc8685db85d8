package dev.tenantplatform.cli;

import dev.tenantplatform.audit.fold.AuditLog;
import dev.tenantplatform.events.CloudEventCodec;
import dev.tenantplatform.events.TenantEvent;
import dev.tenantplatform.events.TenantRequest;
import dev.tenantplatform.events.Topics;
import dev.tenantplatform.sandbox.EmbeddedKafka;
import dev.tenantplatform.support.KafkaClients;
import dev.tenantplatform.support.KafkaTopics;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import picocli.CommandLine;

/**
 * The replay's benchmark, run on demand (not a test): N lifecycle events (1,000,000 by default, seven per
 * tenant, each tenant's create request beside them) in the embedded broker, then, side by side in one run, a
 * bare consumer that only reads every record of the three topics and {@code tenant-platform replay --verify}
 * writing its report to a file. Prints records/s and events/s of both and their ratio (target: the replay at
 * least half the bare consumer's rate, and under 60 s).
 *
 * <p>Run it from the repository's root (the test class path is written once by the dependency plugin):
 * <pre>
 * ./mvnw -B -o -q test-compile -pl services -am
 * ./mvnw -B -o -q -pl services dependency:build-classpath -Dmdep.includeScope=test \
 *     -Dmdep.outputFile=target/test-classpath.txt
 * java -Xmx6g -cp events/target/classes:services/target/test-classes:services/target/classes:$(cat \
 *     services/target/test-classpath.txt) dev.tenantplatform.cli.ReplayBench [EVENTS]
 * </pre>
 * The broker runs in the same JVM and on the same cores as both sides, as the embedded broker of local mode does.
 * Beside the wall clock, each side's CPU time (the whole process's, broker included) is shown: on a machine
 * busy with other work, it moves less than the wall clock; and, of that, what the JIT compilers and the garbage
 * collectors took. The ratio is the first replay's, the one a person gets from a fresh JVM; the same replay
 * run a second time, in a JVM whose JIT compiled its code already, shows what the warm-up costs.
 *
 * <p>Two floors run in the same JVM, read as the replay reads (the three topics to their end, on as many threads
 * as the replay folds on): every record's bytes hashed with SHA-256, and nothing else; and every record's JSON
 * tokenized and its bytes hashed, the least a replay that verifies must do (the hash is over the canonical form,
 * which takes every value of the record), with no fold, no check and no report. The second runs again after the
 * replays, its code compiled. Where the replay's own time goes is {@link ReplayFloorBench}'s to show, on one
 * thread and without Kafka.
 */
public final class ReplayBench {

  private static final int EVENTS_PER_TENANT = 7;
  private static final int PARTITIONS = 3;

  private ReplayBench() {
  }

  public static void main(String[] args) throws Exception {
    // The broker's routine messages would drown the figures.
    System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
    int events = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
    int tenants = events / EVENTS_PER_TENANT;
    Path dir = Files.createTempDirectory("replay-bench-");
    try (EmbeddedKafka kafka = EmbeddedKafka.start(dir.resolve("kafka"))) {
      String bootstrap = kafka.bootstrapServers();
      KafkaTopics.ensure(bootstrap, PARTITIONS);
      long written = write(bootstrap, tenants);
      System.out.printf(Locale.ROOT, "log: %,d records (%,d tenants, %,d events and %,d requests)%n", written,
          tenants, (long) tenants * EVENTS_PER_TENANT, tenants);

      Side bare = bare(bootstrap);
      Side hashing = verifyFloor(bootstrap, false);
      Side verifying = verifyFloor(bootstrap, true);
      Side replay = replay(bootstrap, dir.resolve("report.txt"));
      Side replayAgain = replay(bootstrap, dir.resolve("report.txt")).named("replay again (warm JIT)");
      Side bareAgain = bare(bootstrap);
      Side verifyingAgain = verifyFloor(bootstrap, true).named("read, tokenize, SHA-256 again");

      System.out.printf(Locale.ROOT, "%-30s %12s %10s %14s %14s %10s %10s %10s%n", "side", "records", "seconds",
          "records/s", "events/s", "cpu s", "jit s", "gc s");
      for (Side side : List.of(bare, hashing, verifying, replay, replayAgain, bareAgain,
          verifyingAgain)) {
        System.out.printf(Locale.ROOT, "%-30s %,12d %10.2f %,14.0f %,14.0f %10.2f %10.2f %10.2f%n", side.name(),
            side.records(), side.seconds(), side.records() / side.seconds(),
            tenants * (double) EVENTS_PER_TENANT / side.seconds(), side.cost().cpu(), side.cost().jit(),
            side.cost().gc());
      }
      double floor = Math.max(bare.records() / bare.seconds(), bareAgain.records() / bareAgain.seconds());
      double ratio = replay.records() / replay.seconds() / floor;
      System.out.printf(Locale.ROOT, "replay --verify / bare consumer (the faster of its two runs): %.2f x"
          + " (target >= 0.50 x); replay took %.1f s (target < 60 s); report %,d bytes%n", ratio, replay.seconds(),
          Files.size(dir.resolve("report.txt")));
      System.out.printf(Locale.ROOT, "reading and hashing every record, nothing else: %.2f x of the bare consumer in"
          + " %.1f s%n", hashing.records() / hashing.seconds() / floor, hashing.seconds());
      System.out.printf(Locale.ROOT, "no replay that verifies goes below reading, tokenizing and hashing every record:"
          + " %.2f x of the bare consumer in %.1f s, %.2f x in %.1f s the second time%n",
          verifying.records() / verifying.seconds() / floor, verifying.seconds(),
          verifyingAgain.records() / verifyingAgain.seconds() / floor, verifyingAgain.seconds());
      System.out.printf(Locale.ROOT, "the same replay again, its code compiled: %.2f x in %.1f s%n",
          replayAgain.records() / replayAgain.seconds() / floor, replayAgain.seconds());
    } finally {
      deleteTree(dir);
    }
  }

  /** Every tenant's create request and its seven onboarding events, sealed, produced as fast as the broker takes. */
  private static long write(String bootstrap, int tenants) throws Exception {
    CloudEventCodec codec = new CloudEventCodec();
    Instant start = Instant.now().minus(Duration.ofDays(1));
    Map<String, Object> config = new HashMap<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
        ProducerConfig.LINGER_MS_CONFIG, 20, ProducerConfig.BATCH_SIZE_CONFIG, 512 * 1024,
        ProducerConfig.ACKS_CONFIG, "1", ProducerConfig.BUFFER_MEMORY_CONFIG, 256L * 1024 * 1024));
    long count = 0;
    try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(config, new StringSerializer(),
        new ByteArraySerializer())) {
      int chunk = 10_000;
      for (int from = 0; from < tenants; from += chunk) {
        int to = Math.min(tenants, from + chunk);
        // Sealing hashes every event: spread it over the cores, produce in order.
        List<List<ProducerRecord<String, byte[]>>> lives = IntStream.range(from, to).parallel()
            .mapToObj(i -> life(codec, "tenant-" + i, start.plusMillis(i))).toList();
        for (List<ProducerRecord<String, byte[]>> life : lives) {
          for (ProducerRecord<String, byte[]> record : life) {
            producer.send(record);
            count++;
          }
        }
      }
      producer.flush();
    }
    return count;
  }

  static List<ProducerRecord<String, byte[]>> life(CloudEventCodec codec, String tenant, Instant at) {
    TenantRequest create = AuditLog.createRequest(tenant);
    List<ProducerRecord<String, byte[]>> records = new ArrayList<>();
    records.add(new ProducerRecord<>(Topics.REQUESTS.name(), null, at.toEpochMilli(), tenant,
        codec.encodeRequest(create, URI.create("/tenant-platform/api"), at)));
    for (TenantEvent event : AuditLog.onboarding(create, at)) {
      records.add(new ProducerRecord<>(Topics.EVENTS.name(), null, event.time().toEpochMilli(), tenant,
          codec.encodeEvent(event)));
    }
    return records;
  }

  /** Reads every record of the three topics to their end and does nothing with them but count their bytes. */
  private static Side bare(String bootstrap) throws InterruptedException {
    Cost before = Cost.now();
    long started = System.nanoTime();
    long[] counted = new long[2];
    readAll(bootstrap, polled -> {
      for (ConsumerRecord<String, byte[]> record : polled) {
        counted[0]++;
        counted[1] += record.value().length;
      }
    });
    double seconds = (System.nanoTime() - started) / 1e9;
    System.out.printf(Locale.ROOT, "bare consumer: %,d records, %,d bytes of values%n", counted[0], counted[1]);
    return new Side("bare consumer", counted[0], seconds, Cost.now().since(before));
  }

  /** What is done with each poll's records. */
  private interface Polled {
    void accept(ConsumerRecords<String, byte[]> records) throws InterruptedException;
  }

  /** Every record of the three topics, from their beginning to their end as they are now, a poll at a time. */
  private static void readAll(String bootstrap, Polled each) throws InterruptedException {
    Map<String, Object> config = new HashMap<>(KafkaClients.logReader(bootstrap));
    config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5_000);
    config.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 8 * 1024 * 1024);
    try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config)) {
      List<TopicPartition> partitions = new ArrayList<>();
      for (var topic : Topics.ALL) {
        consumer.partitionsFor(topic.name()).forEach(p -> partitions.add(new TopicPartition(p.topic(),
            p.partition())));
      }
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
      while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
        each.accept(consumer.poll(Duration.ofMillis(200)));
      }
    }
  }

  /**
   * A floor, read as the replay reads: every record of the three topics read to its end, each poll's records of
   * a partition handed to one of as many threads as the replay folds on here, which hashes each record's bytes
   * with SHA-256 and, when {@code tokenize}, first reads its JSON token by token, each value's text taken (what
   * no replay that verifies can skip) — nothing kept, nothing checked, nothing written.
   */
  private static Side verifyFloor(String bootstrap, boolean tokenize) throws Exception {
    int threads = PARTITIONS;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    // As the replay's folds: a few batches waiting per thread, no more.
    Semaphore queued = new Semaphore(8 * threads);
    ThreadLocal<MessageDigest> sha256 = ThreadLocal.withInitial(() -> {
      try {
        return MessageDigest.getInstance("SHA-256");
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException(e);
      }
    });
    LongAdder hashed = new LongAdder();
    Cost before = Cost.now();
    long started = System.nanoTime();
    long[] records = new long[1];
    List<Future<?>> work = new ArrayList<>();
    try {
      readAll(bootstrap, polled -> {
        for (TopicPartition partition : polled.partitions()) {
          List<ConsumerRecord<String, byte[]>> share = polled.records(partition);
          records[0] += share.size();
          queued.acquire();
          work.add(pool.submit(() -> {
            try {
              MessageDigest digest = sha256.get();
              for (ConsumerRecord<String, byte[]> record : share) {
                if (tokenize) {
                  ReplayFloorBench.tokens(record.value());
                }
                digest.digest(record.value());
                hashed.increment();
              }
            } finally {
              queued.release();
            }
          }));
        }
      });
      for (Future<?> done : work) {
        done.get();
      }
    } finally {
      pool.shutdownNow();
    }
    double seconds = (System.nanoTime() - started) / 1e9;
    if (hashed.sum() != records[0]) {
      throw new IllegalStateException("hashed " + hashed.sum() + " of " + records[0] + " records");
    }
    return new Side(tokenize ? "read, tokenize, SHA-256" : "read, SHA-256", records[0], seconds,
        Cost.now().since(before));
  }

  /** {@code tenant-platform replay --verify --out FILE}, as a person would run it. */
  private static Side replay(String bootstrap, Path report) {
    StringWriter err = new StringWriter();
    CommandLine cli = Main.commandLine();
    cli.setErr(new PrintWriter(err, true));
    Cost before = Cost.now();
    long started = System.nanoTime();
    int exitCode = cli.execute("replay", "--kafka", bootstrap, "--verify", "--out", report.toString());
    double seconds = (System.nanoTime() - started) / 1e9;
    Cost used = Cost.now().since(before);
    System.out.print(err);
    if (exitCode != 0) {
      throw new IllegalStateException("replay exited with " + exitCode);
    }
    String summary = err.toString();
    long records = Long.parseLong(summary.replaceAll("(?s).*replayed ([0-9,]+) records.*", "$1").replace(",", ""));
    return new Side("replay --verify --out FILE", records, seconds, used);
  }

  private static void deleteTree(Path dir) throws Exception {
    try (var paths = Files.walk(dir)) {
      paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  /**
   * What the process spent, in seconds: its CPU time (the broker's included), a figure that other work on the
   * machine hardly moves; the time the JIT compilers spent compiling, as the JVM counts it (elapsed, summed over
   * the compiler threads, so it grows when they wait for a core); and the time the collectors report.
   */
  private record Cost(double cpu, double jit, double gc) {

    static Cost now() {
      double cpu = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
          .getProcessCpuTime() / 1e9;
      double jit = ManagementFactory.getCompilationMXBean().getTotalCompilationTime() / 1e3;
      double gc = ManagementFactory.getGarbageCollectorMXBeans().stream()
          .mapToLong(GarbageCollectorMXBean::getCollectionTime).sum() / 1e3;
      return new Cost(cpu, jit, gc);
    }

    Cost since(Cost before) {
      return new Cost(cpu - before.cpu, jit - before.jit, gc - before.gc);
    }
  }

  /** @param cost what the process spent while the side ran (the broker's share included) */
  private record Side(String name, long records, double seconds, Cost cost) {

    Side named(String other) {
      return new Side(other, records, seconds, cost);
    }
  }
}
