package dev.tenantplatform.testing;

import dev.tenantplatform.events.HashChain;
import dev.tenantplatform.events.TenantEvent;
import dev.tenantplatform.ledger.LedgerFold;
import dev.tenantplatform.support.TenantLedger;
import dev.tenantplatform.support.TenantRecord;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/** The ledger's contract in memory, folded as the real one folds: for tests that need no broker. */
public final class MemoryLedger implements TenantLedger {

  private final Map<String, List<TenantEvent>> chains = new HashMap<>();
  private final Map<String, TenantRecord> records = new HashMap<>();
  private final Set<String> onceKeys = new HashSet<>();
  private final List<Consumer<String>> appended = new CopyOnWriteArrayList<>();

  @Override
  public Future<List<TenantEvent>> append(String tenant, List<Entry> entries) {
    List<TenantEvent> written = seal(tenant, entries);
    if (!written.isEmpty()) {
      appended.forEach(listener -> listener.accept(tenant));
    }
    return Future.succeededFuture(written);
  }

  @Override
  public Runnable onAppended(Consumer<String> listener) {
    appended.add(listener);
    return () -> appended.remove(listener);
  }

  private synchronized List<TenantEvent> seal(String tenant, List<Entry> entries) {
    List<TenantEvent> written = new ArrayList<>();
    for (Entry entry : entries) {
      if (entry.onceKey() != null && !onceKeys.add(tenant + "|" + entry.onceKey())) {
        continue;
      }
      TenantRecord record = records.getOrDefault(tenant, LedgerFold.empty(tenant));
      TenantEvent sealed = HashChain.next(record.head(), entry.unsealed());
      records.put(tenant, LedgerFold.apply(record, sealed));
      chains.computeIfAbsent(tenant, t -> new ArrayList<>()).add(sealed);
      written.add(sealed);
    }
    return written;
  }

  @Override
  public synchronized Future<Optional<TenantRecord>> record(String tenant) {
    return Future.succeededFuture(Optional.ofNullable(records.get(tenant)));
  }

  @Override
  public synchronized Future<Boolean> holds(String tenant, String onceKey) {
    return Future.succeededFuture(onceKeys.contains(tenant + "|" + onceKey));
  }

  @Override
  public synchronized Future<Integer> liveTenants() {
    return Future.succeededFuture((int) records.values().stream().filter(TenantRecord::live).count());
  }

  public synchronized List<TenantEvent> events(String tenant) {
    return List.copyOf(chains.getOrDefault(tenant, List.of()));
  }
}
