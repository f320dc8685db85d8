package dev.tenantplatform.ledger;

import dev.tenantplatform.support.Telemetry;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.WorkerExecutor;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.errors.InvalidProducerEpochException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The only writer of one partition of {@code tenant.events}: a transactional producer whose transactional id is
 * the partition's, the same on every instance. Opening it ({@code initTransactions}) makes the broker fence off
 * the producer any earlier owner of the partition still holds, and abort its transaction under way; from then
 * on that producer cannot write a record there, even if its instance never heard that the partition moved.
 * So two instances cannot both extend a chain, whatever their consumer groups believe.
 *
 * <p>Each record is sent in a transaction; the records that come while one commits share the next one, so a busy
 * partition costs one commit per batch, not per event. A record is acknowledged once its transaction is
 * committed. Readers of {@code tenant.events} read committed records only ({@code KafkaClients.logReader}).
 *
 * <p>Used on the ledger's context only.
 */
final class PartitionWriter {

  private static final Logger LOG = LoggerFactory.getLogger(PartitionWriter.class);

  private record Pending(ProducerRecord<String, byte[]> record, Promise<RecordMetadata> acked) {
  }

  private final String topic;
  private final int partition;
  private final KafkaProducer<String, byte[]> producer;
  /** Where the producer's blocking calls run: one transaction at a time per partition. */
  private final WorkerExecutor worker;
  private final Telemetry.Registration meters;
  private List<Pending> waiting = new ArrayList<>();
  private boolean committing;
  private boolean fenced;
  private volatile boolean broken;
  private boolean closed;

  private PartitionWriter(String topic, int partition, KafkaProducer<String, byte[]> producer,
      WorkerExecutor worker, Telemetry.Registration meters) {
    this.topic = topic;
    this.partition = partition;
    this.producer = producer;
    this.worker = worker;
    this.meters = meters;
  }

  /** The transactional id of a partition: one per partition of the topic, whichever instance writes it. */
  static String transactionalId(String topic, int partition) {
    return "tenant-platform-ledger-" + topic + "-" + partition;
  }

  /** Opens the partition's producer and fences off every earlier one; answers once that is done. */
  static Future<PartitionWriter> open(WorkerExecutor worker, Map<String, String> producerSettings, String topic,
      int partition, Telemetry telemetry) {
    Map<String, Object> settings = new HashMap<>(producerSettings);
    settings.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId(topic, partition));
    settings.put(ProducerConfig.CLIENT_ID_CONFIG, settings.getOrDefault(ProducerConfig.CLIENT_ID_CONFIG,
        "tenant-platform-ledger") + "-" + partition);
    return worker.executeBlocking(() -> {
      KafkaProducer<String, byte[]> producer = new KafkaProducer<>(settings);
      try {
        producer.initTransactions();
        return producer;
      } catch (RuntimeException e) {
        producer.close(Duration.ZERO);
        throw new IllegalStateException("cannot open the writer of " + topic + "-" + partition + " ("
            + transactionalId(topic, partition) + "): " + e.getMessage(), e);
      }
    }, false).map(producer -> new PartitionWriter(topic, partition, producer, worker,
        telemetry.kafkaClient(producer)));
  }

  int partition() {
    return partition;
  }

  /** True once another instance opened this partition's writer: this one writes nothing any more. */
  boolean fenced() {
    return fenced;
  }

  /**
   * True when a transaction could be neither committed nor aborted: the producer is unusable, and the next
   * write opens the partition's writer again (which aborts what this one left open).
   */
  boolean broken() {
    return broken;
  }

  /** Answers with the record's place once the transaction that holds it is committed. */
  Future<RecordMetadata> send(ProducerRecord<String, byte[]> record) {
    if (fenced || closed || broken) {
      return Future.failedFuture(refusal());
    }
    Promise<RecordMetadata> acked = Promise.promise();
    waiting.add(new Pending(record, acked));
    if (!committing) {
      commitNext();
    }
    return acked.future();
  }

  /** Waits for the transaction under way and closes the producer; records sent later are refused. */
  Future<Void> close() {
    closed = true;
    meters.close();
    List<Pending> left = waiting;
    waiting = new ArrayList<>();
    left.forEach(p -> p.acked().tryFail(refusal()));
    return worker.executeBlocking(() -> {
      producer.close(Duration.ofSeconds(30));
      return null;
    }, false);
  }

  private void commitNext() {
    List<Pending> batch = waiting;
    waiting = new ArrayList<>();
    committing = true;
    // One trip to a worker per transaction: the sends go out at once, and the commit flushes them.
    worker.executeBlocking(() -> transact(batch), false).onComplete(result -> {
      // Still committing while the batch hears: the sends its acks start wait for the next transaction.
      for (int i = 0; i < batch.size(); i++) {
        if (result.succeeded()) {
          batch.get(i).acked().tryComplete(result.result().get(i));
        } else {
          batch.get(i).acked().tryFail(failure(result.cause()));
        }
      }
      committing = false;
      if (!waiting.isEmpty()) {
        if (fenced || closed || broken) {
          List<Pending> left = waiting;
          waiting = new ArrayList<>();
          left.forEach(p -> p.acked().tryFail(refusal()));
        } else {
          commitNext();
        }
      }
    });
  }

  /** On the worker: the batch in one transaction, committed, or aborted on any failure. */
  private List<RecordMetadata> transact(List<Pending> batch) throws Exception {
    try {
      producer.beginTransaction();
      List<java.util.concurrent.Future<RecordMetadata>> sends = new ArrayList<>();
      for (Pending pending : batch) {
        sends.add(producer.send(pending.record()));
      }
      producer.commitTransaction();
      List<RecordMetadata> acks = new ArrayList<>();
      for (var send : sends) {
        acks.add(send.get());
      }
      return acks;
    } catch (ExecutionException e) {
      throw e.getCause() instanceof Exception cause ? cause : e;
    } catch (RuntimeException e) {
      if (!isFencing(e)) {
        try {
          producer.abortTransaction();
        } catch (RuntimeException abort) {
          broken = !isFencing(abort);
          LOG.warn("the transaction of {}-{} could not be aborted after a failed send: {}", topic, partition,
              abort.toString());
        }
      }
      throw e;
    }
  }

  private Throwable failure(Throwable cause) {
    if (isFencing(cause)) {
      if (!fenced) {
        fenced = true;
        LOG.warn("partition {} of {} is written by another instance now (its writer was opened there): this"
            + " instance writes nothing more to it", partition, topic);
      }
      return refusal();
    }
    return cause;
  }

  private IllegalStateException refusal() {
    return new IllegalStateException(fenced
        ? "partition " + partition + " of " + topic + " has a newer writer on another instance, which fenced"
            + " this one off: this instance appends nothing to it until it takes the partition over again"
        : "the writer of partition " + partition + " of " + topic + " is " + (closed ? "closed" : "being opened"
            + " again after a transaction that could not be ended"));
  }

  private static boolean isFencing(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof ProducerFencedException || t instanceof InvalidProducerEpochException) {
        return true;
      }
    }
    return false;
  }
}
