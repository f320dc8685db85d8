package dev.tenantplatform.watcher.state;

import dev.tenantplatform.events.TenantEvent;

/**
 * An event the log does not hold yet.
 *
 * @param event unsealed, for the ledger to seal
 * @param onceKey the key under which the ledger appends it at most once
 */
public record Transition(TenantEvent event, String onceKey) {
}
