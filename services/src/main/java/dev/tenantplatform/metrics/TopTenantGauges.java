package dev.tenantplatform.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One gauge per tenant, {@code name{tenant}}, for the {@code limit} tenants with the highest values only: with
 * thousands of tenants the series stay bounded, and a tenant that leaves the top (or is removed) takes its series
 * with it. A limit of 0 publishes nothing. Not thread-safe: one reader folds; the registry reads the values.
 */
public final class TopTenantGauges {

  private record Entry(String tenant, double value) {
  }

  private static final Comparator<Entry> HIGHEST_FIRST = Comparator.comparingDouble(Entry::value).reversed()
      .thenComparing(Entry::tenant);

  private final MeterRegistry registry;
  private final String name;
  private final String description;
  private final int limit;
  private final Map<String, Entry> values = new HashMap<>();
  private final TreeSet<Entry> ranked = new TreeSet<>(HIGHEST_FIRST);
  private final Map<String, Published> published = new HashMap<>();

  private record Published(Gauge gauge, AtomicReference<Double> value) {
  }

  public TopTenantGauges(MeterRegistry registry, String name, String description, int limit) {
    this.registry = registry;
    this.name = name;
    this.description = description;
    this.limit = limit;
  }

  /** The tenant's value now. */
  public void put(String tenant, double value) {
    if (limit == 0) {
      return;
    }
    Entry previous = values.put(tenant, new Entry(tenant, value));
    if (previous != null) {
      ranked.remove(previous);
    }
    ranked.add(values.get(tenant));
    publishTop();
  }

  /** The tenant is gone: its series goes, and the next in line takes its place. */
  public void remove(String tenant) {
    Entry previous = values.remove(tenant);
    if (previous != null) {
      ranked.remove(previous);
      publishTop();
    }
  }

  /** The tenants that have a series now. */
  public Set<String> published() {
    return Set.copyOf(published.keySet());
  }

  private void publishTop() {
    Set<String> top = new HashSet<>();
    for (Entry entry : ranked) {
      if (top.size() == limit) {
        break;
      }
      top.add(entry.tenant());
      Published gauge = published.computeIfAbsent(entry.tenant(), this::register);
      gauge.value().set(entry.value());
    }
    published.entrySet().removeIf(p -> {
      if (top.contains(p.getKey())) {
        return false;
      }
      registry.remove(p.getValue().gauge());
      return true;
    });
  }

  private Published register(String tenant) {
    AtomicReference<Double> value = new AtomicReference<>(0.0);
    Gauge gauge = Gauge.builder(name, value, AtomicReference::get).tag(MetricNames.TENANT, tenant)
        .description(description).strongReference(true).register(registry);
    return new Published(gauge, value);
  }
}
