package dev.tenantplatform.ledger;

import dev.tenantplatform.events.Action;
import dev.tenantplatform.events.ClusterSpec;
import dev.tenantplatform.events.EventType;
import dev.tenantplatform.events.TenantEvent;
import dev.tenantplatform.support.TenantRecord.Progress;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@link Progress} part of the fold: which request is current, and what the chain holds since the tenant's
 * create. A create starts a new life; an update or a delete starts a new request within it; every other event
 * is noted under the time it first appeared, and under the current request when that request caused it.
 */
final class ProgressFold {

  private ProgressFold() {
  }

  /** After {@code tenant.accepted} of {@code action}, which turned the spec {@code before} into {@code after}. */
  static Progress accepted(Progress progress, TenantEvent event, Action action, ClusterSpec before,
      ClusterSpec after) {
    if (action == Action.CREATE) {
      return new Progress(event.requestId(), action, event.time(), List.of(), event.time(), Map.of(), Set.of(), 0,
          null);
    }
    if (action == null) {
      return progress;
    }
    List<String> changed = action == Action.UPDATE && before != null && after != null
        ? after.changesFrom(before) : List.of();
    return new Progress(event.requestId(), action, event.time(), changed, progress.createdAt(), progress.reached(),
        Set.of(), progress.degradedEpisodes(), progress.degradedSince());
  }

  /** After any event but {@code tenant.accepted}. */
  static Progress other(Progress progress, TenantEvent event) {
    if (progress.requestId() == null) {
      return progress;
    }
    EventType type = event.type();
    Map<EventType, Instant> reached = progress.reached();
    if (!reached.containsKey(type)) {
      reached = new HashMap<>(reached);
      reached.put(type, event.time());
    }
    Set<EventType> since = progress.sinceRequest();
    if (event.requestId().equals(progress.requestId()) && !since.contains(type)) {
      since = new HashSet<>(since);
      since.add(type);
    }
    int episodes = progress.degradedEpisodes();
    Instant degradedSince = progress.degradedSince();
    if (type == EventType.CLUSTER_DEGRADED) {
      episodes++;
      degradedSince = degradedSince == null ? event.time() : degradedSince;
    } else if (type == EventType.TENANT_READY) {
      degradedSince = null;
    }
    return new Progress(progress.requestId(), progress.action(), progress.acceptedAt(), progress.changed(),
        progress.createdAt(), reached, since, episodes, degradedSince);
  }
}
