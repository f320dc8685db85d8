package dev.tenantplatform.watcher;

import dev.tenantplatform.events.TenantPhase;
import dev.tenantplatform.watcher.state.TenantObservation;
import dev.tenantplatform.watcher.state.TenantState;

/** What the watcher holds of one tenant. Owned by the watcher's context: never touched from another thread. */
final class TenantSlot {

  TenantObservation observation;
  /** The last derived state; null before the first derivation, or while the chain does not know the tenant. */
  TenantState state;
  /** A derivation (record, derive, append) is running: the next one waits for it, so two never race. */
  boolean running;
  /** The tenant changed while a derivation was running: derive again when it is done. */
  boolean again;

  TenantSlot(String tenant) {
    this.observation = TenantObservation.empty(tenant);
  }

  /** Nothing of the tenant exists and the chain has nothing more to hear from the watcher: the slot can go. */
  boolean finished() {
    return !running && observation.isEmpty()
        && (state == null || state.phase() == TenantPhase.DELETED);
  }
}
