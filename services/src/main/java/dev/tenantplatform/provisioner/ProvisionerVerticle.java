package dev.tenantplatform.provisioner;

import dev.tenantplatform.events.Topics;
import dev.tenantplatform.support.KafkaClients;
import dev.tenantplatform.support.Telemetry;
import dev.tenantplatform.support.TenantLedger;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.kafka.client.common.TopicPartition;
import io.vertx.kafka.client.consumer.KafkaConsumer;
import io.vertx.kafka.client.consumer.KafkaConsumerRecord;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Consumes {@code tenant.requests} in group {@code tenant-platform-provisioner}. One tenant's requests run
 * one after the other; tenants run side by side, even within a partition, so a slow offboarding holds up
 * nobody else. A partition's offset is committed only past records whose events are acknowledged.
 *
 * <p>Bounded: at most {@link ProvisionerConfig#maxInFlight()} records are worked on at once; at the bound the
 * partitions are paused (the consumer keeps polling, so its group membership holds) and resumed as records
 * finish. One writer per tenant: a partition is handed over only after its records in work have finished (or
 * the hand-over time ran out), its chains are fenced off in the ledger and its offset is committed; a partition
 * taken over is read back into the ledger before its first record.
 */
public final class ProvisionerVerticle extends VerticleBase implements HandOverConsumer.Rebalance {

  public static final String GROUP = "tenant-platform-provisioner";
  private static final Logger LOG = LoggerFactory.getLogger(ProvisionerVerticle.class);
  /** Beyond the hand-over itself: the ledger's fence waits for the sends under way. */
  private static final Duration REBALANCE_MARGIN = Duration.ofSeconds(30);

  private final ProvisionerConfig config;
  private final TenantLedger ledger;
  private final RequestHandler handler;
  private final Telemetry telemetry;
  private final Consumer<Set<Integer>> tookOver;
  private final InFlight<KafkaConsumerRecord<String, byte[]>> inFlight;
  private final Map<String, Future<Void>> tails = new HashMap<>();
  private final Set<TopicPartition> paused = new HashSet<>();
  private final List<Runnable> onFinish = new ArrayList<>();
  private KafkaConsumer<String, byte[]> consumer;
  private OffsetCommits commits;
  /** The stop has begun: no record starts any more. */
  private volatile boolean stopping;
  /** The consumer is being closed: nothing may call it any more. */
  private volatile boolean closed;
  private DeadLetters deadLetters;
  private RequestProcessor requests;
  private Telemetry.Registration consumerMeters = Telemetry.Registration.NONE;

  ProvisionerVerticle(ProvisionerConfig config, TenantLedger ledger, RequestHandler handler, Telemetry telemetry,
      Consumer<Set<Integer>> tookOver) {
    this.config = config;
    this.telemetry = telemetry;
    this.ledger = ledger;
    this.handler = handler;
    this.tookOver = tookOver;
    this.inFlight = new InFlight<>(config.maxInFlight(), config.maxInFlightPerPartition());
  }

  @Override
  public Future<?> start() {
    deadLetters = new DeadLetters(vertx, config.bootstrapServers(), telemetry);
    requests = new RequestProcessor(new RequestTriage(config.codec(), config.validator(), config.maxTenants()),
        ledger, handler, deadLetters, telemetry);
    Map<String, Object> settings = new HashMap<>(KafkaClients.connection(config.bootstrapServers()));
    settings.put("group.id", config.groupId());
    settings.put("client.id", config.groupId() + "-" + deploymentID());
    settings.put("auto.offset.reset", "earliest");
    settings.put("enable.auto.commit", "false");
    // What one poll may bring in after the partitions were paused: the most held beyond the bound.
    settings.put("max.poll.records", String.valueOf(config.maxInFlight()));
    // Only the partitions that move are revoked, so a joining instance does not stop everybody's work.
    settings.put("partition.assignment.strategy", CooperativeStickyAssignor.class.getName());
    // An instance that died without leaving (killed, its node lost) keeps its partitions this long: 10 s, not
    // Kafka's 45, so its tenants move on soon; a live instance heartbeats every 3 s from its own thread.
    settings.put("session.timeout.ms", "10000");
    settings.put("heartbeat.interval.ms", "3000");
    settings.put("key.deserializer", StringDeserializer.class.getName());
    settings.put("value.deserializer", ByteArrayDeserializer.class.getName());
    // Started alongside the consumer, not before it: a request that needs the handler's watches waits for them,
    // and one that fails to start (the API away) is tried again by that request.
    handler.start().onFailure(e -> LOG.warn("the provisioner's watches did not start yet: {}", e.getMessage()));
    return vertx.executeBlocking(() -> new HandOverConsumer(settings, this)).compose(kafka -> {
      consumer = KafkaConsumer.create(vertx, kafka);
      // The hand-over in the close commits what is left: a closed consumer is not called.
      commits = new OffsetCommits(offsets -> closed ? Future.succeededFuture() : consumer.commit(offsets));
      consumerMeters = telemetry.kafkaClient(kafka);
      consumer.exceptionHandler(e -> LOG.warn("tenant.requests consumer: {}", e.toString()));
      consumer.handler(this::take);
      return consumer.subscribe(Topics.REQUESTS.name());
    });
  }

  /**
   * Starts no more records, lets those in work finish (for at most the hand-over time) and commits them while the
   * consumer still heartbeats, then closes it, which hands the partitions over (see {@link #revoking}) and leaves
   * the group. Work left to finish inside the close would outlast the session: Kafka stops the heartbeats as the
   * close begins, and then refuses the commit.
   */
  @Override
  public Future<?> stop() {
    consumerMeters.close();
    Future<?> handedOver = consumer == null ? Future.succeededFuture() : handOverAndClose();
    return handedOver.eventually(deadLetters::close)
        // closing a watch waits for the API server's answer: not on the event loop
        .eventually(() -> vertx.executeBlocking(() -> {
          handler.close();
          return null;
        }));
  }

  private Future<?> handOverAndClose() {
    stopping = true;
    Set<TopicPartition> held = inFlight.partitions();
    inFlight.leaving(held);
    return drained(held, System.nanoTime() + config.handOver().toNanos())
        .transform(ignored -> {
          // From here on the consumer is not called: vertx-kafka-client would start a closed one again, on a
          // second thread that then keeps the close from taking the consumer.
          closed = true;
          return consumer.close();
        });
  }

  @Override
  public Map<org.apache.kafka.common.TopicPartition, OffsetAndMetadata> revoking(
      Set<org.apache.kafka.common.TopicPartition> partitions) {
    Set<TopicPartition> mine = ours(partitions);
    Map<TopicPartition, Long> offsets = await("hand-over of " + mine, onContext(() -> handOver(mine)),
        config.handOver().plus(REBALANCE_MARGIN));
    Map<org.apache.kafka.common.TopicPartition, OffsetAndMetadata> commit = new HashMap<>();
    (offsets == null ? Map.<TopicPartition, Long>of() : offsets).forEach((p, offset) -> commit.put(
        new org.apache.kafka.common.TopicPartition(p.getTopic(), p.getPartition()), new OffsetAndMetadata(offset)));
    return commit;
  }

  @Override
  public void assigned(Set<org.apache.kafka.common.TopicPartition> partitions) {
    Set<Integer> numbers = partitions.stream().map(p -> p.partition()).collect(Collectors.toSet());
    Set<TopicPartition> mine = ours(partitions);
    // The chains first: the records of these partitions may come only once their heads are known.
    Future<Void> ready = ledger.takeOver(numbers)
        .onFailure(e -> LOG.error("partitions {} taken over, but their chains could not be read back; their"
            + " requests wait: {}", numbers, e.getMessage()))
        .transform(ignored -> onContext(() -> {
          inFlight.assigned(mine);
          if (stopping) {
            inFlight.leaving(mine);
          }
          return Future.succeededFuture();
        }));
    await("take-over of " + mine, ready, REBALANCE_MARGIN.multipliedBy(3));
    LOG.info("partitions {} of {} taken over", numbers.stream().sorted().toList(), Topics.REQUESTS.name());
    tookOver.accept(numbers);
  }

  @Override
  public void lost(Set<org.apache.kafka.common.TopicPartition> partitions) {
    Set<TopicPartition> mine = ours(partitions);
    LOG.warn("partitions {} were lost without a hand-over (this instance fell out of the group): their records"
        + " in work are abandoned and nothing is committed", mine);
    await("fence of " + mine, ledger.handOver(numbers(mine)).transform(ignored -> onContext(() -> {
      inFlight.release(mine);
      commits.forget(mine);
      return Future.succeededFuture();
    })), REBALANCE_MARGIN);
  }

  /** On the context: no new starts, the running records finish (within bounds), the ledger is fenced. */
  private Future<Map<TopicPartition, Long>> handOver(Set<TopicPartition> partitions) {
    inFlight.leaving(partitions);
    int running = inFlight.running(partitions);
    return drained(partitions, System.nanoTime() + config.handOver().toNanos())
        .compose(v -> ledger.handOver(numbers(partitions)))
        .map(v -> {
          int left = inFlight.running(partitions);
          Map<TopicPartition, Long> offsets = inFlight.release(partitions);
          commits.forget(partitions);
          paused.removeAll(partitions);
          LOG.info("partitions {} handed over: {} record(s) finished here, {} left to the next owner; committed {}",
              partitions, running - left, left, offsets);
          return offsets;
        });
  }

  /** Completes once no record of {@code partitions} runs any more, or at the deadline, whichever comes first. */
  private Future<Void> drained(Set<TopicPartition> partitions, long deadline) {
    Promise<Void> done = Promise.promise();
    Runnable check = new Runnable() {
      @Override
      public void run() {
        if (inFlight.running(partitions) == 0) {
          done.tryComplete();
        } else if (!done.future().isComplete()) {
          onFinish.add(this);
        }
      }
    };
    check.run();
    long timer = vertx.setTimer(Math.max(1, (deadline - System.nanoTime()) / 1_000_000), id -> done.tryComplete());
    return done.future().onComplete(ignored -> vertx.cancelTimer(timer));
  }

  private void take(KafkaConsumerRecord<String, byte[]> record) {
    TopicPartition partition = new TopicPartition(record.topic(), record.partition());
    if (!inFlight.owns(partition)) {
      // Fetched before the partition went to another instance, which reads it again from the commit.
      return;
    }
    InFlight.Held<KafkaConsumerRecord<String, byte[]>> held = new InFlight.Held<>(partition, record.offset(), record);
    if (inFlight.arrived(held)) {
      launch(held);
    }
    throttle();
  }

  private void launch(InFlight.Held<KafkaConsumerRecord<String, byte[]>> held) {
    KafkaConsumerRecord<String, byte[]> record = held.record();
    // Without a key there is no tenant to order by: such records keep their partition's order.
    String lane = record.key() != null ? record.key() : "partition-" + record.partition();
    Future<Void> next = tails.getOrDefault(lane, Future.succeededFuture())
        .transform(ignored -> withRetries(held, 1));
    tails.put(lane, next);
    next.onComplete(done -> {
      if (tails.get(lane) == next) {
        tails.remove(lane);
      }
      finished(held);
    });
  }

  private void finished(InFlight.Held<KafkaConsumerRecord<String, byte[]>> held) {
    long commit = inFlight.finished(held);
    if (commit >= 0) {
      commits.commit(held.partition(), commit);
    }
    for (var next = inFlight.next(); next != null; next = inFlight.next()) {
      launch(next);
    }
    throttle();
    List<Runnable> waiting = new ArrayList<>(onFinish);
    onFinish.clear();
    waiting.forEach(Runnable::run);
  }

  /** Pauses the partitions that are full, resumes the others; the consumer keeps polling either way. */
  private void throttle() {
    if (closed) {
      return;
    }
    Set<TopicPartition> pause = new HashSet<>();
    Set<TopicPartition> resume = new HashSet<>();
    for (TopicPartition partition : inFlight.partitions()) {
      boolean full = inFlight.full(partition);
      if (full && paused.add(partition)) {
        pause.add(partition);
      } else if (!full && paused.remove(partition)) {
        resume.add(partition);
      }
    }
    // A partition revoked meanwhile is refused by the consumer: nothing to do about it then.
    if (!pause.isEmpty()) {
      consumer.pause(pause).onFailure(e -> LOG.debug("pause of {}: {}", pause, e.toString()));
    }
    if (!resume.isEmpty()) {
      consumer.resume(resume).onFailure(e -> LOG.debug("resume of {}: {}", resume, e.toString()));
    }
  }

  /** Kafka or the ledger being away is not the record's fault: try it again, with growing pauses. */
  private Future<Void> withRetries(InFlight.Held<KafkaConsumerRecord<String, byte[]>> held, int attempt) {
    KafkaConsumerRecord<String, byte[]> record = held.record();
    return requests.process(record).recover(e -> {
      if (!inFlight.owns(held.partition())) {
        // Handed over: the new owner has the record again, and this instance may not write the tenant any more.
        LOG.info("request at {}-{} offset {} (tenant {}) left to the partition's new owner", record.topic(),
            record.partition(), record.offset(), record.key());
        return Future.succeededFuture();
      }
      long delay = Math.min(config.maxRetryDelay().toMillis(), 100L << Math.min(attempt, 10));
      LOG.warn("request at {}-{} offset {} (tenant {}) failed, attempt {}, again in {} ms: {}", record.topic(),
          record.partition(), record.offset(), record.key(), attempt, delay, e.toString());
      return vertx.timer(delay).compose(v -> withRetries(held, attempt + 1));
    });
  }

  private static Set<TopicPartition> ours(Set<org.apache.kafka.common.TopicPartition> partitions) {
    return partitions.stream().map(p -> new TopicPartition(p.topic(), p.partition())).collect(Collectors.toSet());
  }

  private static Set<Integer> numbers(Set<TopicPartition> partitions) {
    return partitions.stream().map(TopicPartition::getPartition).collect(Collectors.toSet());
  }

  /** Runs {@code work} on this verticle's context; for the consumer's thread, which must not run it itself. */
  private <T> Future<T> onContext(Supplier<Future<T>> work) {
    Promise<T> answer = Promise.promise();
    context.runOnContext(v -> work.get().onComplete(answer));
    return answer.future();
  }

  /** Blocks the consumer's thread, which Kafka expects of a rebalance listener; null when it took too long. */
  private static <T> T await(String what, Future<T> future, Duration atMost) {
    try {
      return future.toCompletionStage().toCompletableFuture().get(atMost.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    } catch (ExecutionException | TimeoutException e) {
      LOG.warn("{} did not complete within {}: {}", what, atMost, e.toString());
      return null;
    }
  }
}
