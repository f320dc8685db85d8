package dev.tenantplatform.support;

import dev.tenantplatform.events.TenantEvent;
import io.vertx.core.Future;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The single writer of each tenant's event chain, as the other components see it: they hand it
 * unsealed events, it seals them (sequence, previous hash, hash) and answers once Kafka has
 * acknowledged them. Components never produce to {@code tenant.events} themselves.
 */
public interface TenantLedger {

  /**
   * Appends events to the tenant's chain, in order, and completes with them sealed after Kafka's ack.
   * An append whose {@link Entry#onceKey()} the chain already holds is left out (and not returned), so a
   * redelivered request or a re-derived transition is recorded once.
   */
  Future<List<TenantEvent>> append(String tenant, List<Entry> entries);

  /**
   * Calls {@code listener} with the tenant's name each time events of it are appended through this ledger, once
   * Kafka has acknowledged them, from whichever thread completed the append: so that what depends on a chain (the
   * watcher's transitions) is derived again when only the chain changed. Answers what stops the calls.
   */
  Runnable onAppended(Consumer<String> listener);

  /** What the log says about a tenant now, or empty when the log has never heard of it. */
  Future<Optional<TenantRecord>> record(String tenant);

  /** Whether the tenant's chain holds an event appended with {@code onceKey} (see {@link Entry#once}). */
  Future<Boolean> holds(String tenant, String onceKey);

  /** Tenants that exist (accepted and not deleted), from the log. */
  Future<Integer> liveTenants();

  /**
   * Whether this instance writes the tenant's chain now: it owns the tenant's partition. A ledger of a single
   * instance writes every chain. Safe from any thread.
   */
  default boolean writes(String tenant) {
    return true;
  }

  /**
   * Stops writing the chains of these partitions (numbers of {@code tenant.events}, the same as those of
   * {@code tenant.requests}) because another instance takes them over: appends of their tenants fail from now
   * on, and the answer comes once the appends already sending are acknowledged or failed.
   */
  default Future<Void> handOver(Set<Integer> partitions) {
    return Future.succeededFuture();
  }

  /**
   * Reads the chains of these partitions again from the log (another instance may have written them) and
   * writes them from then on; appends of their tenants wait until it is done.
   */
  default Future<Void> takeOver(Set<Integer> partitions) {
    return Future.succeededFuture();
  }

  /**
   * One event to append.
   *
   * @param unsealed built with {@link TenantEvent#unsealed}
   * @param onceKey null to always append; otherwise e.g. {@code requestId + "/" + type}: appended once per chain
   */
  record Entry(TenantEvent unsealed, String onceKey) {

    public static Entry always(TenantEvent unsealed) {
      return new Entry(unsealed, null);
    }

    public static Entry once(TenantEvent unsealed) {
      return new Entry(unsealed, onceKey(unsealed.requestId(), unsealed.type()));
    }

    public static String onceKey(String requestId, dev.tenantplatform.events.EventType type) {
      return requestId + "/" + type.eventName();
    }
  }
}
