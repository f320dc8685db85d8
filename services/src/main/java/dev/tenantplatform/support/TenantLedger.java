package dev.tenantplatform.support;

import dev.tenantplatform.events.TenantEvent;
import io.vertx.core.Future;
import java.util.List;
import java.util.Optional;

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

  /** What the log says about a tenant now, or empty when the log has never heard of it. */
  Future<Optional<TenantRecord>> record(String tenant);

  /** Whether the tenant's chain holds an event appended with {@code onceKey} (see {@link Entry#once}). */
  Future<Boolean> holds(String tenant, String onceKey);

  /** Tenants that exist (accepted and not deleted), from the log. */
  Future<Integer> liveTenants();

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
