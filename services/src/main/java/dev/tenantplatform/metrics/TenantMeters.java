package dev.tenantplatform.metrics;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tenantplatform.events.EventType;
import dev.tenantplatform.events.TenantPhase;
import dev.tenantplatform.events.TenantEvent;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * The tenant meters, a fold over {@code tenant.events}: tenants by state, provisioning durations per stage (from
 * each first {@code tenant.ready}), degradations and failures by stage, events by type; and, when switched on,
 * the slowest tenants' own series. A restarted instance reads the same log and shows the same values.
 * Every label value is from a closed set (stages read from events are bounded, see {@link #stageLabel}).
 */
public final class TenantMeters implements Consumer<TenantEvent> {

  /** Provisioning buckets: the instant profile's fractions of a second to a control plane that takes half an hour. */
  static final Duration[] PROVISIONING_BUCKETS = PlatformMeters.seconds(0.1, 0.5, 1, 2, 5, 10, 20, 30, 60, 90, 120,
      180, 300, 600, 1200, 1800);
  /** Distinct stage labels kept before the rest are counted as {@value #OTHER}. */
  static final int MAX_STAGES = 16;
  static final String OTHER = "other";
  static final String NONE = "none";
  private static final Pattern STAGE = Pattern.compile("[a-z][a-z0-9_-]{0,31}");
  private static final Map<String, String> DURATION_KEYS = Map.of(
      "control_plane_ready", "controlPlaneReadySeconds",
      "provisioned", "provisionedSeconds",
      "ready", "readySeconds");

  private final MeterRegistry registry;
  private final LifecycleFold lifecycle = new LifecycleFold();
  private final Map<TenantPhase, AtomicLong> byState = new EnumMap<>(TenantPhase.class);
  private final Map<EventType, Counter> events = new EnumMap<>(EventType.class);
  private final Map<String, Timer> provisioning = new HashMap<>();
  private final Map<String, Counter> problems = new HashMap<>();
  private final TopTenantGauges slowest;

  public TenantMeters(MeterRegistry registry, int slowestTenants) {
    this.registry = registry;
    for (TenantPhase state : TenantPhase.values()) {
      AtomicLong count = new AtomicLong();
      byState.put(state, count);
      Gauge.builder(MetricNames.TENANTS, count, AtomicLong::get).tag(MetricNames.STATE, state.label())
          .description("Tenants by state, folded from tenant.events").register(registry);
    }
    for (EventType type : EventType.values()) {
      events.put(type, Counter.builder(MetricNames.EVENTS).tag(MetricNames.TYPE, type.eventName())
          .description("Lifecycle events on tenant.events, by type").register(registry));
    }
    DURATION_KEYS.keySet().forEach(stage -> provisioning.put(stage, Timer.builder(MetricNames.PROVISIONING)
        .tag(MetricNames.STAGE, stage).serviceLevelObjectives(PROVISIONING_BUCKETS)
        .description("From a tenant's create request to each stage, as its tenant.ready measured it")
        .register(registry)));
    for (EventType kind : new EventType[] {EventType.CLUSTER_DEGRADED, EventType.CLUSTER_FAILED}) {
      problem(kind, NONE);
    }
    this.slowest = new TopTenantGauges(registry, MetricNames.TENANT_READY_SECONDS,
        "From create request to Ready, for the slowest live tenants", slowestTenants);
  }

  @Override
  public void accept(TenantEvent event) {
    LifecycleFold.Change change = lifecycle.apply(event);
    if (change == null) {
      return;
    }
    events.get(event.type()).increment();
    if (change.before() != change.after()) {
      if (change.before() != null) {
        byState.get(change.before()).decrementAndGet();
      }
      if (change.after() != null) {
        byState.get(change.after()).incrementAndGet();
      }
    }
    JsonNode data = event.data();
    switch (event.type()) {
      case TENANT_READY -> ready(event.tenant(), data);
      case CLUSTER_DEGRADED, CLUSTER_FAILED -> problem(event.type(), data.path("stage").asText(null)).increment();
      case TENANT_DELETING, TENANT_DELETED -> slowest.remove(event.tenant());
      default -> {
        // The state change is all the other events make.
      }
    }
  }

  /** How many tenants the fold knows (every state, Deleted included). */
  int tenantsKnown() {
    return lifecycle.size();
  }

  /** Durations count once per life: a recovery out of Degraded carries none. */
  private void ready(String tenant, JsonNode data) {
    if (data.path("recovered").asBoolean(false)) {
      return;
    }
    DURATION_KEYS.forEach((stage, key) -> {
      if (data.hasNonNull(key)) {
        provisioning.get(stage).record(Duration.ofNanos(data.get(key).decimalValue().movePointRight(9).longValue()));
      }
    });
    if (data.hasNonNull("readySeconds")) {
      slowest.put(tenant, data.get("readySeconds").doubleValue());
    }
  }

  private Counter problem(EventType kind, String stage) {
    String label = stageLabel(stage);
    String key = kind.eventName() + "/" + label;
    return problems.computeIfAbsent(key, k -> Counter.builder(MetricNames.PROBLEMS)
        .tag(MetricNames.KIND, kind == EventType.CLUSTER_FAILED ? "failed" : "degraded")
        .tag(MetricNames.STAGE, label)
        .description("Tenants that went Degraded or Failed, by the stage that held them up").register(registry));
  }

  /**
   * A stage as a label: the watcher's stages are a handful of words, but the log is open to any writer, so
   * anything else, and any stage past the first {@value #MAX_STAGES}, is {@value #OTHER}.
   */
  private String stageLabel(String stage) {
    if (stage == null || stage.isEmpty()) {
      return NONE;
    }
    if (!STAGE.matcher(stage).matches()) {
      return OTHER;
    }
    long known = problems.keySet().stream().map(k -> k.substring(k.indexOf('/') + 1)).distinct().count();
    boolean seen = problems.keySet().stream().anyMatch(k -> k.endsWith("/" + stage));
    return seen || known < MAX_STAGES ? stage : OTHER;
  }
}
