package dev.tenantplatform.provisioner;

import dev.tenantplatform.events.EventType;
import dev.tenantplatform.events.TenantEvent;
import dev.tenantplatform.support.TenantLedger;
import dev.tenantplatform.support.TenantRecord;
import io.vertx.core.Future;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The real ledger, seen from the provisioner's side: which of the test's tenants (those named with its prefix)
 * are being worked on at once, from the first read of a request to its last event, the most there ever were, and
 * how often partitions were taken over. Other tests' requests on the shared broker also pass through; they count
 * against the provisioner's bound but not here, so the figure never overstates what is in work.
 */
final class WatchedLedger implements TenantLedger {

  private static final Set<EventType> LAST = Set.of(EventType.CLUSTER_APPLIED, EventType.CLUSTER_FAILED,
      EventType.TENANT_REJECTED, EventType.TENANT_DELETED);

  private final TenantLedger ledger;
  private final String prefix;
  private final Set<String> working = ConcurrentHashMap.newKeySet();
  private final AtomicInteger most = new AtomicInteger();
  final AtomicInteger takeOvers = new AtomicInteger();

  WatchedLedger(TenantLedger ledger, String prefix) {
    this.ledger = ledger;
    this.prefix = prefix;
  }

  int mostAtOnce() {
    return most.get();
  }

  @Override
  public Future<List<TenantEvent>> append(String tenant, List<Entry> entries) {
    return ledger.append(tenant, entries).onSuccess(written -> {
      if (entries.stream().anyMatch(e -> LAST.contains(e.unsealed().type()))) {
        working.remove(tenant);
      }
    });
  }

  @Override
  public Runnable onAppended(java.util.function.Consumer<String> listener) {
    return ledger.onAppended(listener);
  }

  @Override
  public Future<Optional<TenantRecord>> record(String tenant) {
    if (tenant.startsWith(prefix)) {
      working.add(tenant);
      most.accumulateAndGet(working.size(), Math::max);
    }
    return ledger.record(tenant);
  }

  @Override
  public Future<Boolean> holds(String tenant, String onceKey) {
    return ledger.holds(tenant, onceKey);
  }

  @Override
  public Future<Integer> liveTenants() {
    return ledger.liveTenants();
  }

  @Override
  public boolean writes(String tenant) {
    return ledger.writes(tenant);
  }

  @Override
  public Future<Void> handOver(Set<Integer> partitions) {
    return ledger.handOver(partitions);
  }

  @Override
  public Future<Void> takeOver(Set<Integer> partitions) {
    takeOvers.incrementAndGet();
    return ledger.takeOver(partitions);
  }
}
