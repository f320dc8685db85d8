package dev.tenantplatform.metrics;

import dev.tenantplatform.metrics.model.BaselineProfile;
import dev.tenantplatform.metrics.model.Comparison;
import dev.tenantplatform.metrics.model.Resource;
import dev.tenantplatform.metrics.model.SavingsConfig;
import dev.tenantplatform.metrics.model.SavingsReport;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;

/**
 * The savings gauges of SPEC.md, totals only (per-tenant figures are on {@code GET /api/v1/savings}), read from a
 * {@link SavingsReport} supplier. A scrape reads a dozen gauges; the report behind them is computed once per
 * {@link #FRESHNESS} and shared, not once per gauge.
 *
 * <p>Cost is shown twice, {@code basis="gross"} (hosted control planes cost nothing, the seed's view) and
 * {@code basis="net"} (they pay their share of the management cluster); the cost ratio is the net one and
 * {@code resource="cost_gross"} the gross one. The inputs are exported beside the figures: the price inputs under
 * OpenCost's names, and {@code tenantplatform_savings_model_info} with the node shape, replicas, prices, currency
 * and price source as labels.
 *
 * <pre>{@code
 * SavingsFold fold = new SavingsFold();          // fed every record of tenant.events, in log order
 * SavingsModel model = new SavingsModel(SavingsConfig.defaults());
 * ControlPlaneUsage usage = new ControlPlaneUsage(kubernetes);
 * usage.start(vertx, Duration.ofMinutes(1));
 * SavingsMeters.bind(registry, () -> fold.report(model).withUsage(usage.describe()));
 * }</pre>
 */
public final class SavingsMeters {

  static final Duration FRESHNESS = Duration.ofSeconds(1);
  /** Tag of the cost gauges: gross or net. */
  static final String BASIS = "basis";

  private final Supplier<SavingsReport> source;
  private SavingsReport cached;
  private long cachedAt;

  private SavingsMeters(Supplier<SavingsReport> source) {
    this.source = source;
  }

  /** Registers the savings gauges on {@code registry}, reading {@code report} (its config fixes the labels). */
  public static SavingsMeters bind(MeterRegistry registry, Supplier<SavingsReport> report) {
    SavingsMeters meters = new SavingsMeters(report);
    meters.register(registry, report.get().config());
    return meters;
  }

  private void register(MeterRegistry registry, SavingsConfig config) {
    gauge(registry, MetricNames.SAVINGS_CONTROL_PLANE_MACHINES, Tags.empty(),
        c -> c.savedControlPlaneMachines(), "control-plane machines avoided");
    gauge(registry, MetricNames.SAVINGS_MEMORY_BYTES, Tags.empty(), c -> c.savedMemoryBytes(),
        "memory saved, bytes: baseline machines against workers plus the pods' requests");
    gauge(registry, MetricNames.SAVINGS_CPU_CORES, Tags.empty(), c -> number(c.savedCpuCores()),
        "vCPU saved: baseline machines against workers plus the pods' requests");
    Tags currency = Tags.of(MetricNames.CURRENCY, config.currency());
    gauge(registry, MetricNames.SAVINGS_COST_PER_MONTH, currency.and(BASIS, "gross"),
        c -> number(c.savedCostPerMonthGross()), "saved per month, hosted control planes free");
    gauge(registry, MetricNames.SAVINGS_COST_PER_MONTH, currency.and(BASIS, "net"),
        c -> number(c.savedCostPerMonthNet()), "saved per month, hosted control planes at their share");
    for (Resource resource : Resource.values()) {
      gauge(registry, MetricNames.SAVINGS_RATIO, Tags.of(MetricNames.RESOURCE, resource.label()),
          c -> number(c.ratio(resource)), "saved / baseline; NaN when it cannot be told");
    }
    gauge(registry, MetricNames.BOOT_SECONDS, Tags.of(MetricNames.KIND, "hosted"),
        c -> number(c.hosted().bootSeconds()), "request to control plane ready, mean of the tenants measured");
    gauge(registry, MetricNames.BOOT_SECONDS, Tags.of(MetricNames.KIND, "baseline"),
        c -> number(c.baseline().bootSeconds()), "control plane boot on dedicated machines, configured");
    Gauge.builder(MetricNames.NODE_CPU_HOURLY_COST, () -> number(config.management().cpuPerCoreHour()))
        .tags(currency).description("price of one vCPU-hour of the management cluster (OpenCost's name)")
        .register(registry);
    Gauge.builder(MetricNames.NODE_RAM_HOURLY_COST, () -> number(config.management().ramPerGiBHour()))
        .tags(currency).description("price of one GiB-hour of the management cluster (OpenCost's name)")
        .register(registry);
    BaselineProfile profile = config.baseline();
    Gauge.builder(MetricNames.SAVINGS_MODEL_INFO, () -> 1).tags(Tags.of(
            "profile", profile.name(),
            "instance_type", profile.node().instanceType(),
            "node_vcpu", profile.node().vcpu().toPlainString(),
            "node_memory_bytes", Long.toString(profile.node().memoryBytes()),
            "node_price_per_hour", profile.node().pricePerHour().toPlainString(),
            "control_plane_nodes", Integer.toString(profile.nodesPerCluster()))
        .and("node_cpu_hourly_cost", config.management().cpuPerCoreHour().toPlainString(),
            "node_ram_hourly_cost", config.management().ramPerGiBHour().toPlainString(),
            MetricNames.CURRENCY, config.currency(),
            "price_source", config.priceSource()))
        .description("the savings model's inputs; the value is always 1").register(registry);
  }

  private void gauge(MeterRegistry registry, String name, Tags tags, ToDoubleFunction<Comparison> value,
      String description) {
    Gauge.builder(name, this, m -> value.applyAsDouble(m.report().total())).tags(tags).description(description)
        .register(registry);
  }

  /** The report, computed at most once per {@link #FRESHNESS}. */
  synchronized SavingsReport report() {
    long now = System.nanoTime();
    if (cached == null || now - cachedAt >= FRESHNESS.toNanos()) {
      cached = source.get();
      cachedAt = now;
    }
    return cached;
  }

  private static double number(BigDecimal value) {
    return value == null ? Double.NaN : value.doubleValue();
  }
}
