package dev.tenantplatform.bench;

import dev.tenantplatform.events.CloudEventCodec;
import dev.tenantplatform.events.TenantEvent;
import dev.tenantplatform.events.Topics;
import dev.tenantplatform.support.KafkaClients;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads {@code tenant.events} from its beginning, as any consumer of the platform's events would, and hands
 * each decoded event to the current listener with the moment its poll returned it.
 */
final class EventFeed implements AutoCloseable {

  /** Hears one event of the log; runs on the feed's thread. */
  @FunctionalInterface
  interface Listener {
    void heard(TenantEvent event, long nanoTime);
  }

  private static final Logger LOG = LoggerFactory.getLogger(EventFeed.class);
  private static final Listener NOBODY = (event, at) -> { };

  private final KafkaConsumer<String, byte[]> consumer;
  private final CloudEventCodec codec = new CloudEventCodec();
  private final Thread thread;
  private volatile Listener listener = NOBODY;
  private volatile boolean closed;

  private EventFeed(String bootstrapServers) {
    consumer = new KafkaConsumer<>(KafkaClients.logReader(bootstrapServers));
    List<TopicPartition> partitions = consumer.partitionsFor(Topics.EVENTS.name()).stream()
        .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
    if (partitions.isEmpty()) {
      consumer.close();
      throw new BenchException("the broker at " + bootstrapServers + " has no topic " + Topics.EVENTS.name());
    }
    consumer.assign(partitions);
    consumer.seekToBeginning(partitions);
    thread = new Thread(this::poll, "bench-events");
    thread.setDaemon(true);
  }

  static EventFeed start(String bootstrapServers) {
    EventFeed feed = new EventFeed(bootstrapServers);
    feed.thread.start();
    return feed;
  }

  /** From now on, events go to {@code next}; null stops handing them on. */
  void listen(Listener next) {
    listener = next == null ? NOBODY : next;
  }

  private void poll() {
    try {
      while (!closed) {
        var records = consumer.poll(Duration.ofMillis(200));
        long at = System.nanoTime();
        for (ConsumerRecord<String, byte[]> record : records) {
          hand(record, at);
        }
      }
    } catch (WakeupException e) {
      // close() woke the poll up
    } finally {
      consumer.close();
    }
  }

  private void hand(ConsumerRecord<String, byte[]> record, long at) {
    TenantEvent event;
    try {
      event = codec.decodeEvent(record.value());
    } catch (RuntimeException e) {
      LOG.warn("{}-{}@{} is not an event the benchmark can read, skipped: {}", record.topic(), record.partition(),
          record.offset(), e.getMessage());
      return;
    }
    listener.heard(event, at);
  }

  @Override
  public void close() {
    closed = true;
    consumer.wakeup();
    try {
      thread.join(Duration.ofSeconds(10).toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
