package dev.tenantplatform.ledger;

import dev.tenantplatform.events.ChainBreak;
import dev.tenantplatform.events.ChainVerifier;
import dev.tenantplatform.events.CloudEventCodec;
import dev.tenantplatform.events.CodecException;
import dev.tenantplatform.events.TenantEvent;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The tenants of {@code tenant.events} as a read of the log finds them: each record is decoded, checked against
 * its tenant's chain and folded into the tenant's {@link TenantChain}, one record at a time, so that a log far
 * larger than memory can be restored.
 *
 * <p>A broken chain is logged as an ERROR naming the tenant and the sequence, and folded anyway: the head stays
 * at the highest sequence the log holds, so the ledger continues after it and never writes a second event
 * with a sequence already taken (a fork). A record that is not a lifecycle event is logged and skipped.
 *
 * <p>Not thread-safe: fed by the one thread that reads.
 */
final class RestoredLog {

  private static final Logger LOG = LoggerFactory.getLogger(RestoredLog.class);

  private final String topic;
  private final int partitionCount;
  private final Set<Integer> partitions;
  private final int keyCapacity;
  private final CloudEventCodec codec = new CloudEventCodec();
  private final ChainVerifier verifier = new ChainVerifier();
  private final Map<String, TenantChain> chains = new HashMap<>();
  private final Set<String> reported = new HashSet<>();
  private long events;

  /**
   * @param partitionCount how many partitions the topic has
   * @param partitions the partitions read, each from its beginning
   */
  RestoredLog(String topic, int partitionCount, Set<Integer> partitions, int keyCapacity) {
    this.topic = topic;
    this.partitionCount = partitionCount;
    this.partitions = Set.copyOf(partitions);
    this.keyCapacity = keyCapacity;
  }

  /** Folds the next record of a partition. */
  void accept(ConsumerRecord<String, byte[]> record) {
    TenantEvent event = decode(codec, record);
    if (event == null) {
      return;
    }
    verifier.accept(event).ifPresent(found -> report(found, record));
    chains.computeIfAbsent(event.tenant(), t -> new TenantChain(t, record.partition(), keyCapacity))
        .accept(event, null, record.offset());
    events++;
  }

  /** Ends the read: reports what only the end of the log shows (events missing at the end of a gap). */
  void finish() {
    for (ChainBreak found : verifier.finish()) {
      if (reported.add(found.tenant())) {
        LOG.error("the chain of tenant {} is broken at sequence {} ({}): {}; the ledger goes on after sequence {}",
            found.tenant(), found.sequence(), found.kind(), found.message(), chains.get(found.tenant()).head()
                .sequence());
      }
    }
  }

  int partitionCount() {
    return partitionCount;
  }

  Set<Integer> partitions() {
    return partitions;
  }

  Map<String, TenantChain> chains() {
    return chains;
  }

  long events() {
    return events;
  }

  /** The lifecycle event in {@code record}, or null (logged) when it holds none. */
  static TenantEvent decode(CloudEventCodec codec, ConsumerRecord<String, byte[]> record) {
    try {
      return codec.decodeEvent(record.value());
    } catch (CodecException e) {
      LOG.error("record {}-{}@{} (key {}) is not a lifecycle event and is left out of the ledger: {}",
          record.topic(), record.partition(), record.offset(), record.key(), e.getMessage());
      return null;
    }
  }

  private void report(ChainBreak found, ConsumerRecord<String, byte[]> record) {
    reported.add(found.tenant());
    LOG.error("the chain of tenant {} is broken at sequence {} ({}, record {}-{}@{}): {}; the ledger keeps the"
            + " head at the highest sequence of the log and never forks the chain", found.tenant(),
        found.sequence(), found.kind(), topic, record.partition(), record.offset(), found.message());
  }
}
