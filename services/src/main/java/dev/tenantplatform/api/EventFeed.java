package dev.tenantplatform.api;

import dev.tenantplatform.events.CloudEventCodec;
import dev.tenantplatform.events.CodecException;
import dev.tenantplatform.events.Topics;
import dev.tenantplatform.support.KafkaClients;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Feeds the {@link TenantView} with every record of {@code tenant.events}, from the first, and then as they
 * come: all partitions assigned, no consumer group, nothing committed, so every instance folds the whole log.
 * It runs on a thread of its own (a Kafka consumer blocks in poll) and never touches an event loop.
 */
final class EventFeed implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(EventFeed.class);
  private static final Duration POLL = Duration.ofMillis(200);
  private static final Duration METADATA = Duration.ofSeconds(30);

  private final KafkaConsumer<String, byte[]> consumer;
  private final TenantView view;
  private final CloudEventCodec codec = new CloudEventCodec();
  private final Promise<Void> caughtUp = Promise.promise();
  private final Context context;
  private final Thread thread;
  private volatile boolean running = true;

  private EventFeed(Context context, String bootstrapServers, TenantView view) {
    this.context = context;
    this.consumer = new KafkaConsumer<>(KafkaClients.logReader(bootstrapServers));
    this.view = view;
    this.thread = new Thread(this::run, "tenant-platform-api-events");
    this.thread.setDaemon(true);
  }

  /** Starts reading; the future completes once the view holds the log as it was at start. */
  static EventFeed start(Vertx vertx, String bootstrapServers, TenantView view) {
    EventFeed feed = new EventFeed(vertx.getOrCreateContext(), bootstrapServers, view);
    feed.thread.start();
    return feed;
  }

  Future<Void> caughtUp() {
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
      LOG.error("the tenant view stopped reading {}: {}", Topics.EVENTS.name(), e.toString());
      settle(e);
    } finally {
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

  /** Completes {@link #caughtUp()} on the context that started the feed, not on the feed's own thread. */
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
    try {
      view.apply(codec.decodeEvent(record.value()));
    } catch (CodecException | IllegalArgumentException e) {
      // The ledger writes only valid events; anything else was written by someone else and says nothing.
      LOG.warn("skipped an unreadable record of {} at partition {} offset {}: {}", record.topic(),
          record.partition(), record.offset(), e.getMessage());
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
