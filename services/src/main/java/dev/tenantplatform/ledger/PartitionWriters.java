package dev.tenantplatform.ledger;

import dev.tenantplatform.support.Telemetry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntConsumer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link PartitionWriter}s of the partitions this instance writes, opened when it takes partitions over and
 * closed when it hands them over. Used on the ledger's context only.
 */
final class PartitionWriters {

  private static final Logger LOG = LoggerFactory.getLogger(PartitionWriters.class);
  /** Enough for a commit of every partition at once on brokers of usual sizes; more wait their turn. */
  private static final int WORKERS = 16;

  /** The producers' blocking calls: opening, each transaction, closing. */
  private final WorkerExecutor worker;
  private final Map<String, String> settings;
  private final String topic;
  private final Telemetry telemetry;
  /** Told of a partition whose writer was fenced off by another instance's. */
  private final IntConsumer fencedOff;
  private final Map<Integer, Future<PartitionWriter>> writers = new HashMap<>();

  PartitionWriters(Vertx vertx, Map<String, String> settings, String topic, Telemetry telemetry,
      IntConsumer fencedOff) {
    this.worker = vertx.createSharedWorkerExecutor("tenant-platform-ledger", WORKERS);
    this.settings = Map.copyOf(settings);
    this.topic = topic;
    this.telemetry = telemetry;
    this.fencedOff = fencedOff;
  }

  /**
   * Opens the writers of {@code partitions}, each replacing this instance's earlier one, and answers once the
   * broker has fenced off every other: what is read of these partitions from then on is all they will hold
   * before this instance's own writes.
   */
  Future<Void> open(Set<Integer> partitions) {
    List<Future<PartitionWriter>> opened = new ArrayList<>();
    for (int partition : partitions) {
      Future<PartitionWriter> earlier = writers.remove(partition);
      Future<PartitionWriter> writer = (earlier == null ? Future.succeededFuture() : closing(earlier))
          .transform(ignored -> PartitionWriter.open(worker, settings, topic, partition, telemetry));
      writers.put(partition, writer);
      writer.onFailure(e -> writers.remove(partition, writer));
      opened.add(writer);
    }
    return Future.all(opened).mapEmpty();
  }

  /** Closes the writers of {@code partitions}; call it once their appends are done. */
  Future<Void> close(Set<Integer> partitions) {
    List<Future<Void>> closed = new ArrayList<>();
    for (int partition : partitions) {
      Future<PartitionWriter> writer = writers.remove(partition);
      if (writer != null) {
        closed.add(closing(writer));
      }
    }
    return Future.join(closed).mapEmpty();
  }

  /** Closes every writer, then the workers. */
  Future<Void> closeAll() {
    return close(Set.copyOf(writers.keySet())).eventually(worker::close);
  }

  /** Sends {@code record} to its partition in a transaction; answers once that is committed. */
  Future<RecordMetadata> send(int partition, ProducerRecord<String, byte[]> record) {
    Future<PartitionWriter> writer = writers.get(partition);
    if (writer == null) {
      return Future.failedFuture(new IllegalStateException("partition " + partition + " of " + topic
          + " has no writer here: it was not taken over by this instance"));
    }
    if (writer.succeeded() && writer.result().broken()) {
      // Opening again fences off any other writer of the partition. Should this instance have lost the partition
      // unawares as well (two rare faults at once), the rightful owner is fenced off in turn and stops writing
      // it until the group next assigns it: a stall, never a fork.
      LOG.warn("the writer of {}-{} is opened again after a transaction that could not be ended", topic,
          partition);
      open(Set.of(partition));
      writer = writers.get(partition);
    }
    return writer.compose(w -> w.send(record)).onFailure(e -> {
      Future<PartitionWriter> now = writers.get(partition);
      if (now != null && now.succeeded() && now.result().fenced()) {
        writers.remove(partition);
        closing(now);
        fencedOff.accept(partition);
      }
    });
  }

  private static Future<Void> closing(Future<PartitionWriter> writer) {
    return writer.transform(opened -> opened.succeeded() ? opened.result().close() : Future.succeededFuture());
  }
}
