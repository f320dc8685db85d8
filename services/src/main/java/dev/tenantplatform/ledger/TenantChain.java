package dev.tenantplatform.ledger;

import dev.tenantplatform.events.ChainHead;
import dev.tenantplatform.events.TenantEvent;
import dev.tenantplatform.support.TenantRecord;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the ledger keeps of one tenant: its record (head, spec, lifecycle), where in {@code tenant.events} its
 * head is, and the once-keys of its most recent events. Not the events themselves: memory stays bounded by
 * the number of tenants. Not thread-safe: owned by the ledger's context, or by the one thread restoring it.
 */
final class TenantChain {

  private final int partition;
  private final Map<String, Boolean> onceKeys;
  private TenantRecord record;
  private long headOffset = -1;
  private boolean unsure;

  /**
   * @param partition the tenant's partition of {@code tenant.events}
   * @param keyCapacity how many once-keys to remember; the oldest are forgotten first
   */
  TenantChain(String tenant, int partition, int keyCapacity) {
    this.partition = partition;
    this.record = LedgerFold.empty(tenant);
    this.onceKeys = new LinkedHashMap<>(16, 0.75f, false) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
        return size() > keyCapacity;
      }
    };
  }

  /** The once-key a recorded event stands for: the form of {@code TenantLedger.Entry.once}. */
  static String onceKeyOf(TenantEvent event) {
    return event.requestId() + "/" + event.type().eventName();
  }

  String tenant() {
    return record.tenant();
  }

  TenantRecord record() {
    return record;
  }

  ChainHead head() {
    return record.head();
  }

  int partition() {
    return partition;
  }

  /** Offset of the head's record in the tenant's partition; -1 while the chain is empty or unknown. */
  long headOffset() {
    return headOffset;
  }

  boolean holds(String onceKey) {
    return onceKeys.containsKey(onceKey);
  }

  /**
   * Takes in {@code event}, found at {@code offset} of the tenant's partition.
   *
   * @param entryKey the once-key it was appended under, when it differs from the one it stands for; null
   *     otherwise
   */
  void accept(TenantEvent event, String entryKey, long offset) {
    long before = record.head().sequence();
    record = LedgerFold.apply(record, event);
    if (record.head().sequence() > before) {
      headOffset = offset;
    }
    onceKeys.put(onceKeyOf(event), Boolean.TRUE);
    if (entryKey != null) {
      onceKeys.put(entryKey, Boolean.TRUE);
    }
  }

  /**
   * Whether an append failed since the head was last known for sure: the log may hold events the ledger
   * never saw acknowledged, so the next append reads the partition after the head first.
   */
  boolean unsure() {
    return unsure;
  }

  void unsure(boolean value) {
    unsure = value;
  }

  /** Why an append stopped at {@code sealed}: {@code before} of its {@code of} entries were written. */
  IllegalStateException notWritten(TenantEvent sealed, int before, int of, Throwable cause) {
    return new IllegalStateException("event " + sealed.sequence() + " (" + sealed.type() + ") of "
        + tenant() + " was not acknowledged by Kafka: " + cause.getMessage() + "; the chain stays at"
        + " sequence " + head().sequence() + (before > 0 ? " with " + before + " event(s) of this append"
        + " written" : "") + ", and the " + (of - before) + " entr" + (of - before == 1 ? "y" : "ies")
        + " from this one on were not written: append them again (once-entries already in the chain are"
        + " skipped)", cause);
  }
}
