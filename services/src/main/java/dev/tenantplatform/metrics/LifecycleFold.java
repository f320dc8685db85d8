package dev.tenantplatform.metrics;

import dev.tenantplatform.events.TenantEvent;
import dev.tenantplatform.events.TenantPhase;
import java.util.HashMap;
import java.util.Map;

/**
 * Every tenant's state, folded from its lifecycle events with the rule the API and the replay show them by
 * ({@link TenantPhase#after}). An event at or below a tenant's last folded sequence changes nothing, so the log can be
 * read twice. Not thread-safe: one reader folds.
 */
final class LifecycleFold {

  /** A tenant's state changed; {@code before} is null for a tenant the fold had not counted. */
  record Change(String tenant, TenantPhase before, TenantPhase after) {
  }

  private record Tenant(TenantPhase state, long sequence) {
  }

  private final Map<String, Tenant> tenants = new HashMap<>();

  /**
   * Folds one event. Returns null when the event was folded before; otherwise the change, with
   * {@code before == after} when the state stayed (an event that moves nothing), and an {@code after} of null
   * when the tenant is still unknown (its first event was a rejection).
   */
  Change apply(TenantEvent event) {
    Tenant known = tenants.get(event.tenant());
    if (known != null && event.sequence() <= known.sequence()) {
      return null;
    }
    TenantPhase before = known == null ? null : known.state();
    TenantPhase after = TenantPhase.after(before, event.type(), event.data().path("action").asText());
    tenants.put(event.tenant(), new Tenant(after, event.sequence()));
    return new Change(event.tenant(), before, after);
  }

  int size() {
    return tenants.size();
  }
}
