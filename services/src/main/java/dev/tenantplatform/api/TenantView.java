package dev.tenantplatform.api;

import dev.tenantplatform.events.TenantEvent;
import dev.tenantplatform.metrics.model.SavingsFold;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentNavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.function.Predicate;

/**
 * Every tenant as the log tells it: a projection of {@code tenant.events}, fed by {@link dev.tenantplatform.support.EventLogFeed} in log
 * order and read by the routes from any thread. Each instance folds the whole log, so every instance answers
 * alike once it has read as far.
 *
 * <p>Per tenant it keeps the snapshot and the newest {@code historyLimit} events; older ones are dropped from
 * memory (the {@code replay} command reads the full history from Kafka), and a page that reaches past them says
 * so.
 */
public final class TenantView {

  private final ConcurrentNavigableMap<String, Tenant> tenants = new ConcurrentSkipListMap<>();
  private final int historyLimit;
  private final SavingsFold savings = new SavingsFold();

  public TenantView(int historyLimit) {
    if (historyLimit < 1) {
      throw new IllegalArgumentException("historyLimit " + historyLimit + " must be at least 1");
    }
    this.historyLimit = historyLimit;
  }

  /** Folds one event in; an event already folded in changes nothing. Called from one thread at a time. */
  public void apply(TenantEvent event) {
    tenants.computeIfAbsent(event.tenant(), name -> new Tenant(TenantSnapshot.unknown(name), historyLimit))
        .apply(event);
    savings.apply(event);
  }

  /** The savings' inputs of every tenant, folded from the same events. */
  public SavingsFold savings() {
    return savings;
  }

  /** The tenant as the log tells it, or empty when the log never spoke of it. */
  public Optional<TenantSnapshot> snapshot(String tenant) {
    Tenant found = tenants.get(tenant);
    return found == null ? Optional.empty() : Optional.of(found.snapshot);
  }

  /**
   * Existing tenants in name order after {@code after} (exclusive; null from the first), those that
   * {@code filter} keeps, at most {@code limit}.
   */
  public List<TenantSnapshot> list(String after, int limit, Predicate<TenantSnapshot> filter) {
    ConcurrentNavigableMap<String, Tenant> from = after == null ? tenants : tenants.tailMap(after, false);
    List<TenantSnapshot> page = new ArrayList<>();
    for (Tenant tenant : from.values()) {
      TenantSnapshot snapshot = tenant.snapshot;
      if (snapshot.exists() && filter.test(snapshot)) {
        page.add(snapshot);
        if (page.size() == limit) {
          break;
        }
      }
    }
    return page;
  }

  /** The tenant's events after sequence {@code after}, at most {@code limit}, oldest first. */
  public EventPage events(String tenant, long after, int limit) {
    Tenant found = tenants.get(tenant);
    return found == null ? new EventPage(List.of(), 0, false) : found.page(after, limit);
  }

  /**
   * A page of a tenant's history.
   *
   * @param firstKept the oldest sequence still in memory (0 when none); earlier ones are only in the log
   * @param more whether newer events follow this page
   */
  public record EventPage(List<TenantEvent> events, long firstKept, boolean more) {
  }

  /** One tenant: its snapshot (swapped whole) and a bounded history. */
  private static final class Tenant {
    private volatile TenantSnapshot snapshot;
    private final ArrayDeque<TenantEvent> history = new ArrayDeque<>();
    private final int limit;

    Tenant(TenantSnapshot snapshot, int limit) {
      this.snapshot = snapshot;
      this.limit = limit;
    }

    synchronized void apply(TenantEvent event) {
      TenantSnapshot next = TenantFold.apply(snapshot, event);
      if (next == snapshot) {
        return;
      }
      history.addLast(event);
      if (history.size() > limit) {
        history.removeFirst();
      }
      snapshot = next;
    }

    synchronized EventPage page(long after, int max) {
      List<TenantEvent> page = new ArrayList<>();
      boolean more = false;
      for (Iterator<TenantEvent> it = history.iterator(); it.hasNext(); ) {
        TenantEvent event = it.next();
        if (event.sequence() <= after) {
          continue;
        }
        if (page.size() == max) {
          more = true;
          break;
        }
        page.add(event);
      }
      return new EventPage(List.copyOf(page), history.isEmpty() ? 0 : history.getFirst().sequence(), more);
    }
  }
}
