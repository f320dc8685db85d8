package dev.tenantplatform.audit;

import dev.tenantplatform.audit.fold.LogRecord;
import dev.tenantplatform.audit.fold.Window;
import dev.tenantplatform.support.KafkaClients;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.LongConsumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;

/**
 * Reads a window of the log, read-only: partitions are assigned (no consumer group, so nothing can be committed
 * and no one else's reading is disturbed), a window's start is found with offsets-for-times rather than by
 * reading from the beginning, and reading stops at the window's end or at the end offsets taken when the scan
 * was planned, so records written meanwhile are not waited for.
 *
 * <p>Blocking, and not thread-safe: one scan per thread, closed after use.
 */
public final class LogScan implements AutoCloseable {

  private static final Duration POLL = Duration.ofMillis(200);

  private final KafkaConsumer<String, byte[]> consumer;
  private final String bootstrapServers;
  private final Duration timeout;

  public LogScan(String bootstrapServers, Duration timeout) {
    Map<String, Object> config = new HashMap<>(KafkaClients.logReader(bootstrapServers));
    config.put(ConsumerConfig.CLIENT_ID_CONFIG, "tenant-platform-replay");
    // Larger fetches than a service's: a replay reads a long stretch of log in one go.
    config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5_000);
    config.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 8 * 1024 * 1024);
    if (config.containsKey(ConsumerConfig.GROUP_ID_CONFIG)) {
      throw new IllegalStateException("a replay reads without a consumer group, so that it can commit nothing");
    }
    this.consumer = new KafkaConsumer<>(config);
    this.bootstrapServers = bootstrapServers;
    this.timeout = timeout;
  }

  /**
   * The offsets to read, per partition of {@code topics}: from the first record stamped at or after the
   * window's start (or the partition's beginning) to the first stamped after its end (or the partition's end
   * now).
   *
   * @throws IllegalStateException when a topic does not exist or Kafka does not answer in time
   */
  public ScanPlan plan(List<String> topics, Window window) {
    List<TopicPartition> partitions = new ArrayList<>();
    for (String topic : topics) {
      partitions.addAll(partitionsOf(topic));
    }
    try {
      Map<TopicPartition, Long> begin = consumer.beginningOffsets(partitions, timeout);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions, timeout);
      Map<TopicPartition, Long> from = window.from() == null ? begin : offsetsAt(partitions, window.from(), end);
      Map<TopicPartition, Long> to = window.to() == null ? end : offsetsAt(partitions, window.to().plusMillis(1), end);
      Map<TopicPartition, ScanPlan.Range> ranges = new HashMap<>();
      for (TopicPartition tp : partitions) {
        long start = Math.max(begin.get(tp), from.get(tp));
        ranges.put(tp, new ScanPlan.Range(start, Math.max(start, Math.min(end.get(tp), to.get(tp)))));
      }
      return new ScanPlan(ranges);
    } catch (KafkaException e) {
      throw unreachable("the offsets of " + String.join(", ", topics), e);
    }
  }

  /**
   * Hands every record of {@code plan} to {@code sink}, a batch per poll, in log order per partition, and the
   * running count to {@code progress} after every batch.
   *
   * @return how many records were read
   */
  public long read(ScanPlan plan, Consumer<List<LogRecord>> sink, LongConsumer progress) {
    Map<TopicPartition, Long> ends = new HashMap<>();
    plan.ranges().forEach((tp, range) -> {
      if (!range.isEmpty()) {
        ends.put(tp, range.end());
      }
    });
    consumer.assign(ends.keySet());
    ends.keySet().forEach(tp -> consumer.seek(tp, plan.ranges().get(tp).start()));
    Set<TopicPartition> open = new HashSet<>(ends.keySet());
    long count = 0;
    long stalledSince = System.nanoTime();
    while (!open.isEmpty()) {
      if (System.nanoTime() - stalledSince > timeout.toNanos()) {
        throw new IllegalStateException("reading stalled for " + timeout.toSeconds() + " s before the end of "
            + open.stream().map(TopicPartition::toString).sorted().toList() + " on " + bootstrapServers
            + " (is Kafka still reachable?)");
      }
      ConsumerRecords<String, byte[]> batch = poll();
      List<LogRecord> records = new ArrayList<>(batch.count());
      for (TopicPartition tp : batch.partitions()) {
        long end = ends.get(tp);
        for (ConsumerRecord<String, byte[]> record : batch.records(tp)) {
          if (record.offset() >= end) {
            break;
          }
          records.add(toLogRecord(record));
        }
      }
      if (!records.isEmpty()) {
        sink.accept(records);
        count += records.size();
      }
      if (!batch.isEmpty()) {
        stalledSince = System.nanoTime();
        progress.accept(count);
      }
      closeFinished(open, ends);
    }
    return count;
  }

  @Override
  public void close() {
    consumer.close(Duration.ofSeconds(5));
  }

  /** Pauses the partitions read to their end, so that their later records are not fetched for nothing. */
  private void closeFinished(Set<TopicPartition> open, Map<TopicPartition, Long> ends) {
    List<TopicPartition> finished = new ArrayList<>();
    for (TopicPartition tp : open) {
      if (consumer.position(tp, timeout) >= ends.get(tp)) {
        finished.add(tp);
      }
    }
    if (!finished.isEmpty()) {
      consumer.pause(finished);
      finished.forEach(open::remove);
    }
  }

  private ConsumerRecords<String, byte[]> poll() {
    try {
      return consumer.poll(POLL);
    } catch (KafkaException e) {
      throw unreachable("the log", e);
    }
  }

  private List<TopicPartition> partitionsOf(String topic) {
    List<PartitionInfo> infos;
    try {
      infos = consumer.partitionsFor(topic, timeout);
    } catch (KafkaException e) {
      throw unreachable("the partitions of " + topic, e);
    }
    if (infos == null || infos.isEmpty()) {
      throw new IllegalStateException("topic " + topic + " does not exist on " + bootstrapServers + ": is this"
          + " the platform's Kafka? (a copy of the log under other names is replayed with --requests-topic,"
          + " --events-topic and --dlq-topic)");
    }
    return infos.stream().map(p -> new TopicPartition(topic, p.partition())).toList();
  }

  /** The first offset stamped at or after {@code time} per partition; the end where there is none. */
  private Map<TopicPartition, Long> offsetsAt(List<TopicPartition> partitions, Instant time,
      Map<TopicPartition, Long> end) {
    Map<TopicPartition, Long> query = new HashMap<>();
    partitions.forEach(tp -> query.put(tp, time.toEpochMilli()));
    Map<TopicPartition, OffsetAndTimestamp> found = consumer.offsetsForTimes(query, timeout);
    Map<TopicPartition, Long> offsets = new HashMap<>();
    for (TopicPartition tp : partitions) {
      OffsetAndTimestamp at = found.get(tp);
      offsets.put(tp, at == null ? end.get(tp) : at.offset());
    }
    return offsets;
  }

  private static LogRecord toLogRecord(ConsumerRecord<String, byte[]> record) {
    Map<String, String> headers = Map.of();
    Header[] all = record.headers().toArray();
    if (all.length > 0) {
      headers = new HashMap<>();
      for (Header header : all) {
        headers.put(header.key(), header.value() == null ? "" : new String(header.value(), StandardCharsets.UTF_8));
      }
    }
    return new LogRecord(record.topic(), record.partition(), record.offset(), record.timestamp(), record.key(),
        record.value(), headers);
  }

  private IllegalStateException unreachable(String what, KafkaException e) {
    return new IllegalStateException("cannot read " + what + " from " + bootstrapServers + " within "
        + timeout.toSeconds() + " s: " + e.getMessage() + " (is Kafka reachable at that address?)", e);
  }
}
