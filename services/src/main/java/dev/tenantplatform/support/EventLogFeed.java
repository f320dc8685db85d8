package dev.tenantplatform.support;

import dev.tenantplatform.events.CloudEventCodec;
import dev.tenantplatform.events.CodecException;
import dev.tenantplatform.events.TenantEvent;
import dev.tenantplatform.events.Topics;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands every event of {@code tenant.events} to the folds, from the first, and then as they come: all partitions
 * assigned, no consumer group, nothing committed, so every instance folds the whole log and a restarted one
 * folds it again to the same values. What the API's tenant view, the metrics and the benchmark's platform side
 * are fed by. Runs on a thread of its own (a Kafka consumer blocks in poll); the folds are called from that one
 * thread, in log order per partition.
 */
public final class EventLogFeed implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(EventLogFeed.class);
  private static final Duration POLL = Duration.ofMillis(200);
  private static final Duration METADATA = Duration.ofSeconds(30);

  private final KafkaConsumer<String, byte[]> consumer;
  private final String reader;
  private final Telemetry.Registration consumerMeters;
  private final List<Consumer<TenantEvent>> folds;
  private final CloudEventCodec codec = new CloudEventCodec();
  private final Promise<Void> caughtUp = Promise.promise();
  private final Context context;
  private final Thread thread;
  private volatile boolean running = true;

  /**
   * A feed for {@code reader} ({@code api}, {@code metrics}, {@code bench}), whose Kafka client and thread are named after it;
   * the caught-up future completes on {@code context}.
   */
  public EventLogFeed(Context context, String bootstrapServers, String reader, List<Consumer<TenantEvent>> folds,
      Telemetry telemetry) {
    Map<String, Object> settings = new HashMap<>(KafkaClients.logReader(bootstrapServers));
    settings.put(ConsumerConfig.CLIENT_ID_CONFIG, "tenant-platform-" + reader);
    this.reader = reader;
    this.context = context;
    this.consumer = new KafkaConsumer<>(settings);
    this.consumerMeters = telemetry.kafkaClient(consumer);
    this.folds = List.copyOf(folds);
    this.thread = new Thread(this::run, "tenant-platform-" + reader + "-events");
    this.thread.setDaemon(true);
  }

  /** Starts reading; the future completes on {@code context} once the folds hold the log as it was at start. */
  public Future<Void> start() {
    thread.start();
    return caughtUp.future();
  }

  private void run() {
    try {
      Map<TopicPartition, Long> end = assignAll();
      while (running) {
        for (ConsumerRecord<String, byte[]> record : consumer.poll(POLL)) {
          fold(record);
        }
        if (!end.isEmpty()) {
          end.keySet().removeIf(tp -> consumer.position(tp) >= end.get(tp));
          if (end.isEmpty()) {
            settle(null);
          }
        }
      }
    } catch (WakeupException e) {
      // close() wakes the consumer up to stop it.
    } catch (RuntimeException e) {
      LOG.error("the {} stopped reading {}: {}", reader, Topics.EVENTS.name(), e.toString());
      settle(e);
    } finally {
      consumerMeters.close();
      consumer.close(Duration.ofSeconds(5));
    }
  }

  private Map<TopicPartition, Long> assignAll() {
    List<TopicPartition> partitions;
    try {
      partitions = consumer.partitionsFor(Topics.EVENTS.name(), METADATA).stream()
          .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
    } catch (KafkaException e) {
      throw new IllegalStateException("cannot read the partitions of " + Topics.EVENTS.name() + ": "
          + e.getMessage() + " (is Kafka reachable?)", e);
    }
    if (partitions.isEmpty()) {
      throw new IllegalStateException("topic " + Topics.EVENTS.name() + " does not exist: create the platform's"
          + " topics first (KafkaTopics.ensure)");
    }
    consumer.assign(partitions);
    consumer.seekToBeginning(partitions);
    Map<TopicPartition, Long> end = new HashMap<>(consumer.endOffsets(partitions, METADATA));
    end.keySet().removeIf(tp -> end.get(tp) == 0);
    if (end.isEmpty()) {
      settle(null);
    }
    return end;
  }

  private void settle(Throwable failure) {
    context.runOnContext(v -> {
      if (failure == null) {
        caughtUp.tryComplete();
      } else {
        caughtUp.tryFail(failure);
      }
    });
  }

  private void fold(ConsumerRecord<String, byte[]> record) {
    TenantEvent event;
    try {
      event = codec.decodeEvent(record.value());
    } catch (CodecException | IllegalArgumentException e) {
      // The ledger writes only valid events; anything else was written by someone else and counts for nothing.
      LOG.warn("skipped an unreadable record of {} at partition {} offset {}: {}", record.topic(),
          record.partition(), record.offset(), e.getMessage());
      return;
    }
    for (Consumer<TenantEvent> fold : folds) {
      try {
        fold.accept(event);
      } catch (RuntimeException e) {
        // One fold's bug must not starve the others of the rest of the log.
        LOG.error("a {} fold failed on event {} of {}: {}", reader, event.sequence(), event.tenant(),
            e.toString());
      }
    }
  }

  @Override
  public void close() {
    running = false;
    consumer.wakeup();
    try {
      thread.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
