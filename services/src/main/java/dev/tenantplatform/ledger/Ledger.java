package dev.tenantplatform.ledger;

import dev.tenantplatform.events.ChainVerifier;
import dev.tenantplatform.events.CloudEventCodec;
import dev.tenantplatform.events.HashChain;
import dev.tenantplatform.events.TenantEvent;
import dev.tenantplatform.support.KafkaClients;
import dev.tenantplatform.support.Telemetry;
import dev.tenantplatform.support.TenantLedger;
import dev.tenantplatform.support.TenantRecord;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.utils.Utils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The single writer of the tenants' event chains on {@code tenant.events} (see the package documentation for
 * the guarantees and their reasons). A verticle: every tenant's state is owned by its context, and calls from
 * any thread are carried over to it; answers come back on the caller's context.
 */
public final class Ledger extends VerticleBase implements TenantLedger {

  private static final Logger LOG = LoggerFactory.getLogger(Ledger.class);

  private final String bootstrapServers;
  private final LedgerConfig config;
  private final Telemetry telemetry;
  private final CloudEventCodec codec = new CloudEventCodec();
  private final Map<String, TenantChain> chains = new HashMap<>();
  /** Each tenant's last append still running: the next one starts after it. */
  private final Map<String, Future<?>> tails = new HashMap<>();
  /** Partitions whose restore failed: their tenants' heads cannot be trusted, so they get no appends. */
  private final Set<Integer> unrestored = new HashSet<>();
  private final Fence fence = new Fence();
  private final List<Consumer<String>> appended = new CopyOnWriteArrayList<>();
  /** Whether it writes every partition from the start, or none until it takes partitions over. */
  private final boolean sole;
  private Future<?> restoring = Future.succeededFuture();
  private PartitionWriters writers;
  private int partitionCount;
  private boolean closed;

  private Ledger(String bootstrapServers, LedgerConfig config, Telemetry telemetry, boolean sole) {
    this.bootstrapServers = Objects.requireNonNull(bootstrapServers, "bootstrapServers");
    this.config = Objects.requireNonNull(config, "config");
    this.telemetry = Objects.requireNonNull(telemetry, "telemetry");
    this.sole = sole;
  }

  /**
   * Deploys the sole writer of every partition: it fences off any other writer, then answers once it has
   * restored every tenant of every partition from the log.
   */
  public static Future<Ledger> start(Vertx vertx, String bootstrapServers, LedgerConfig config) {
    return start(vertx, bootstrapServers, config, Telemetry.NOOP);
  }

  /** The sole writer, publishing the producers' metrics through {@code telemetry}. */
  public static Future<Ledger> start(Vertx vertx, String bootstrapServers, LedgerConfig config,
      Telemetry telemetry) {
    Ledger ledger = new Ledger(bootstrapServers, config, telemetry, true);
    return vertx.deployVerticle(ledger).map(id -> ledger);
  }

  /**
   * Deploys a ledger of one instance among several: it restores every tenant from the log, but writes no chain
   * (and fences off nobody) until partitions are {@link #takeOver taken over}, since it does not know yet which
   * tenants are its own.
   */
  public static Future<Ledger> startShared(Vertx vertx, String bootstrapServers, LedgerConfig config,
      Telemetry telemetry) {
    Ledger ledger = new Ledger(bootstrapServers, config, telemetry, false);
    return vertx.deployVerticle(ledger).map(id -> ledger);
  }

  /**
   * The partition of {@code tenant.events} that holds {@code tenant}'s chain: the one the producer's default
   * partitioner picks for the key, murmur2 of the name's UTF-8 bytes. {@code tenant.requests} is keyed the
   * same way, so while both topics have the same partition count a tenant's requests and its events are on
   * partitions of the same number, and the owner of a partition of requests knows which partitions of events
   * to {@link #restore(Set)}. Adding partitions to either topic would move tenants: never do it.
   */
  public static int partitionOf(String tenant, int partitions) {
    return Utils.toPositive(Utils.murmur2(tenant.getBytes(StandardCharsets.UTF_8))) % partitions;
  }

  @Override
  public Future<?> start() {
    Map<String, String> settings = new HashMap<>(
        KafkaClients.idempotentProducer(bootstrapServers, config.producer()));
    // Named, so that its metrics say whose they are.
    settings.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, "tenant-platform-ledger");
    writers = new PartitionWriters(vertx, settings, config.topic(), telemetry, this::fencedOff);
    return restoreNow(null).recover(failure -> stop().transform(ignored -> Future.failedFuture(failure)));
  }

  @Override
  public Future<?> stop() {
    closed = true;
    return Future.join(new ArrayList<>(tails.values()))
        .transform(ignored -> writers == null ? Future.succeededFuture() : writers.closeAll());
  }

  /** Waits for the appends in flight, then closes the producer; later calls fail. */
  public Future<Void> close() {
    return onContext(() -> {
      if (closed) {
        return Future.succeededFuture();
      }
      closed = true;
      return vertx.undeploy(deploymentID());
    });
  }

  @Override
  public Future<List<TenantEvent>> append(String tenant, List<Entry> entries) {
    try {
      LedgerFold.checkAppend(tenant, entries);
    } catch (IllegalArgumentException e) {
      return Future.failedFuture(e);
    }
    List<Entry> copy = List.copyOf(entries);
    return onContext(() -> enqueue(tenant, copy)).onSuccess(written -> {
      if (!written.isEmpty()) {
        appended.forEach(listener -> listener.accept(tenant));
      }
    });
  }

  @Override
  public Runnable onAppended(Consumer<String> listener) {
    appended.add(listener);
    return () -> appended.remove(listener);
  }

  @Override
  public Future<Optional<TenantRecord>> record(String tenant) {
    return onContext(() -> Future.succeededFuture(Optional.ofNullable(chains.get(tenant))
        .map(TenantChain::record)
        .filter(r -> r.head().sequence() > 0)));
  }

  @Override
  public Future<Boolean> holds(String tenant, String onceKey) {
    return onContext(() -> Future.succeededFuture(
        Optional.ofNullable(chains.get(tenant)).map(chain -> chain.holds(onceKey)).orElse(false)));
  }

  @Override
  public Future<Integer> liveTenants() {
    return onContext(() -> Future.succeededFuture(
        (int) chains.values().stream().filter(c -> c.record().live()).count()));
  }

  @Override
  public boolean writes(String tenant) {
    return fence.writes(tenant);
  }

  /** Closes the fence first, so nothing new starts; then waits for what is sending already. */
  @Override
  public Future<Void> handOver(Set<Integer> partitions) {
    Set<Integer> which = Set.copyOf(partitions);
    return onContext(() -> {
      fence.close(which);
      LOG.info("partitions {} of {} handed over: their chains are written elsewhere now", which.stream().sorted()
          .toList(), config.topic());
      return Future.join(new ArrayList<>(tails.values())).transform(ignored -> writers.close(which));
    });
  }

  /** Another instance opened the writer of {@code partition}: it owns the partition now, whatever we heard. */
  private void fencedOff(int partition) {
    fence.close(Set.of(partition));
  }

  @Override
  public Future<Void> takeOver(Set<Integer> partitions) {
    return restore(partitions);
  }

  /**
   * Forgets the tenants of {@code partitions} of {@code tenant.events} and reads them again from the log: what
   * an instance does when it takes these partitions over from another; it writes them from then on. Appends wait
   * until it is done; if it fails, the tenants of those partitions get no appends until a restore succeeds.
   */
  public Future<Void> restore(Set<Integer> partitions) {
    Set<Integer> which = Set.copyOf(partitions);
    return onContext(() -> {
      List<Integer> unknown = which.stream().filter(p -> p < 0 || p >= partitionCount).sorted().toList();
      if (!unknown.isEmpty()) {
        // Refused before anything is forgotten: the tenants the ledger holds stay as they are.
        return Future.failedFuture(new IllegalArgumentException("partitions " + unknown + " are not partitions"
            + " of " + config.topic() + ", which has " + partitionCount + " (0 to " + (partitionCount - 1) + ")"));
      }
      return restoreNow(which);
    });
  }

  private Future<List<TenantEvent>> enqueue(String tenant, List<Entry> entries) {
    if (closed) {
      return Future.failedFuture(new IllegalStateException("the ledger is closed: no events of " + tenant
          + " can be appended; start a new one"));
    }
    Future<?> previous = tails.getOrDefault(tenant, Future.succeededFuture());
    // transform, not compose: a failed append must not block the tenant's next one.
    Future<List<TenantEvent>> mine = Future.join(previous, restoring).transform(ignored -> write(tenant, entries));
    tails.put(tenant, mine);
    mine.onComplete(ignored -> tails.remove(tenant, mine));
    return mine;
  }

  private Future<List<TenantEvent>> write(String tenant, List<Entry> entries) {
    TenantChain chain = chains.computeIfAbsent(tenant,
        t -> new TenantChain(t, partitionOf(t, partitionCount), config.onceKeysPerTenant()));
    if (fence.isClosed(chain.partition())) {
      return Future.failedFuture(fence.refusal(tenant, chain.partition()));
    }
    if (unrestored.contains(chain.partition())) {
      return Future.failedFuture(new IllegalStateException("partition " + chain.partition() + " of "
          + config.topic() + " could not be restored, so the head of " + tenant + " is unknown: restore the"
          + " partition before appending"));
    }
    Future<Void> ready = chain.unsure() ? catchUp(chain) : Future.succeededFuture();
    return ready.compose(v -> send(chain, entries, 0, new ArrayList<>()));
  }

  /**
   * Seals and sends {@code entries} from {@code next} on, one at a time: each is sealed on the head the previous
   * ack left, and nothing is sent after a failure (see the package documentation).
   */
  private Future<List<TenantEvent>> send(TenantChain chain, List<Entry> entries, int next,
      List<TenantEvent> written) {
    if (next == entries.size()) {
      return Future.succeededFuture(written);
    }
    Entry entry = entries.get(next);
    if (entry.onceKey() != null && chain.holds(entry.onceKey())) {
      LOG.debug("tenant {}: {} is in the chain already, left out", chain.tenant(), entry.onceKey());
      return send(chain, entries, next + 1, written);
    }
    TenantEvent sealed = HashChain.next(chain.head(), entry.unsealed());
    // The partition the default partitioner would pick too (partitionOf), named: its writer writes no other.
    ProducerRecord<String, byte[]> record = new ProducerRecord<>(config.topic(), chain.partition(), chain.tenant(),
        codec.encodeEvent(sealed));
    return writers.send(chain.partition(), record).transform(ack -> {
      if (ack.failed()) {
        chain.unsure(true);
        return Future.failedFuture(chain.notWritten(sealed, written.size(), entries.size(), ack.cause()));
      }
      chain.accept(sealed, entry.onceKey(), ack.result().offset());
      written.add(sealed);
      LOG.debug("tenant {}: event {} ({}) written at {}-{}@{}", chain.tenant(), sealed.sequence(), sealed.type(),
          config.topic(), ack.result().partition(), ack.result().offset());
      return send(chain, entries, next + 1, written);
    });
  }

  /**
   * After a failed send the record may still have reached the log (the broker wrote it, the ack was lost):
   * reads the tenant's partition after the head and takes in whatever of the tenant is there, so the next
   * event goes after it instead of beside it.
   */
  private Future<Void> catchUp(TenantChain chain) {
    String tenant = chain.tenant();
    int partition = chain.partition();
    long from = chain.headOffset() + 1;
    return vertx.executeBlocking(() -> LogReader.tail(bootstrapServers, config.topic(),
        config.readTimeout(), tenant, partition, from), false).map(records -> {
      ChainVerifier verifier = new ChainVerifier();
      verifier.resume(chain.head());
      long before = chain.head().sequence();
      for (ConsumerRecord<String, byte[]> record : records) {
        TenantEvent event = RestoredLog.decode(codec, record);
        if (event != null && event.tenant().equals(tenant)) {
          verifier.accept(event).ifPresent(found -> LOG.error("the chain of tenant {} is broken at sequence {}"
              + " ({}): {}", tenant, found.sequence(), found.kind(), found.message()));
          chain.accept(event, null, record.offset());
        }
      }
      if (chain.head().sequence() > before) {
        LOG.warn("tenant {}: {} reached {} although its append failed; the chain goes on after it", tenant,
            chain.head().sequence() == before + 1 ? "event " + (before + 1)
                : "events " + (before + 1) + " to " + chain.head().sequence(), config.topic());
      }
      chain.unsure(false);
      return null;
    });
  }

  /**
   * Restores {@code which} partitions, or all when null, once the appends in flight are done. The writers of
   * the partitions this instance is to write are opened first, so that the log read is the whole of what any
   * earlier writer could put there.
   */
  private Future<Void> restoreNow(Set<Integer> which) {
    Future<?> quiet = Future.join(new ArrayList<>(tails.values()));
    Future<Void> done = quiet
        .transform(ignored -> which != null ? Future.succeededFuture(which) : sole
            ? vertx.executeBlocking(this::allPartitions, false) : Future.succeededFuture(Set.<Integer>of()))
        .compose(writing -> writers.open(writing).map(writing))
        .compose(writing -> vertx.executeBlocking(() -> readLog(which), false).map(log -> install(log, writing)))
        .recover(failure -> {
          if (which != null) {
            unrestored.addAll(which);
          }
          return Future.failedFuture(new IllegalStateException("cannot restore the tenants of " + config.topic()
              + ": " + failure.getMessage(), failure));
        });
    restoring = done;
    return done;
  }

  private RestoredLog readLog(Set<Integer> which) {
    try (LogReader reader = new LogReader(bootstrapServers, config.topic(), config.readTimeout())) {
      int count = reader.partitionCount();
      Set<Integer> partitions = which != null ? which
          : IntStream.range(0, count).boxed().collect(Collectors.toUnmodifiableSet());
      List<Integer> unknown = partitions.stream().filter(p -> p < 0 || p >= count).sorted().toList();
      if (!unknown.isEmpty()) {
        throw new IllegalArgumentException("partitions " + unknown + " are not partitions of " + config.topic()
            + ", which has " + count + " (0 to " + (count - 1) + ")");
      }
      RestoredLog log = new RestoredLog(config.topic(), count, partitions, config.onceKeysPerTenant());
      reader.read(partitions.stream().collect(Collectors.toMap(Function.identity(), p -> 0L)), log::accept);
      log.finish();
      return log;
    }
  }

  private Set<Integer> allPartitions() {
    try (LogReader reader = new LogReader(bootstrapServers, config.topic(), config.readTimeout())) {
      return IntStream.range(0, reader.partitionCount()).boxed().collect(Collectors.toUnmodifiableSet());
    }
  }

  private Void install(RestoredLog log, Set<Integer> writing) {
    partitionCount = log.partitionCount();
    fence.partitionCount(partitionCount);
    fence.close(log.partitions().stream().filter(p -> !writing.contains(p)).collect(Collectors.toSet()));
    fence.open(writing);
    chains.values().removeIf(chain -> log.partitions().contains(chain.partition()));
    chains.putAll(log.chains());
    unrestored.removeAll(log.partitions());
    LOG.info("restored {} tenant(s) from {} event(s) of {} (partitions {} of {})", log.chains().size(),
        log.events(), config.topic(), log.partitions().stream().sorted().toList(), log.partitionCount());
    return null;
  }

  /** Runs {@code work} on the ledger's context and answers on the caller's (or at once, off Vert.x). */
  private <T> Future<T> onContext(Supplier<Future<T>> work) {
    Context caller = Vertx.currentContext();
    if (caller == context) {
      return guarded(work);
    }
    Promise<T> answer = Promise.promise();
    context.runOnContext(v -> guarded(work).onComplete(result -> {
      if (caller == null) {
        answer.handle(result);
      } else {
        caller.runOnContext(x -> answer.handle(result));
      }
    }));
    return answer.future();
  }

  private static <T> Future<T> guarded(Supplier<Future<T>> work) {
    try {
      return work.get();
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
  }
}
