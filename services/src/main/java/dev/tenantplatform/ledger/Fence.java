package dev.tenantplatform.ledger;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The partitions of {@code tenant.events} whose chains this instance must not write, because another instance
 * owns them (or is about to). Read from any thread: the watcher asks it from its own context.
 */
final class Fence {

  private final Set<Integer> fenced = ConcurrentHashMap.newKeySet();
  private volatile int partitionCount;

  void partitionCount(int count) {
    partitionCount = count;
  }

  void close(Set<Integer> partitions) {
    fenced.addAll(partitions);
  }

  void open(Set<Integer> partitions) {
    fenced.removeAll(partitions);
  }

  boolean isClosed(int partition) {
    return fenced.contains(partition);
  }

  /** Before the first restore the ledger knows no partition count, and writes nothing yet anyway. */
  boolean writes(String tenant) {
    int count = partitionCount;
    return count > 0 && !fenced.contains(Ledger.partitionOf(tenant, count));
  }

  IllegalStateException refusal(String tenant, int partition) {
    return new IllegalStateException("partition " + partition + " of the events has been handed over to another"
        + " instance, which writes the chain of " + tenant + " from now on; this instance appends nothing to it"
        + " until it takes the partition over again");
  }
}
