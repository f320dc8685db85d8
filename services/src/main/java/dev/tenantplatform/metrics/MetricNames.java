package dev.tenantplatform.metrics;

/**
 * Every metric name of the platform, as SPEC.md lists them, in one place. Names are given as
 * Micrometer registers them; the Prometheus registry adds the {@code _total}, {@code _seconds_*}
 * and unit suffixes, so the scraped names are exactly SPEC.md's.
 */
public final class MetricNames {

  // Platform meters, fed by the code paths.
  /** Counter {@code tenantplatform_requests_total{action,outcome}}. */
  public static final String REQUESTS = "tenantplatform.requests";
  /** Timer (histogram) {@code tenantplatform_apply_seconds}. */
  public static final String APPLY = "tenantplatform.apply";
  /** Timer (histogram) {@code tenantplatform_provisioning_seconds{stage}}. */
  public static final String PROVISIONING = "tenantplatform.provisioning";
  /** Gauge {@code tenantplatform_tenants{state}}. */
  public static final String TENANTS = "tenantplatform.tenants";
  /** Counter {@code tenantplatform_dlq_total{reason}}. */
  public static final String DLQ = "tenantplatform.dlq";
  /** Counter {@code tenantplatform_events_total{type}}: lifecycle events read from the log, by type. */
  public static final String EVENTS = "tenantplatform.events";
  /** Counter {@code tenantplatform_problems_total{kind,stage}}, kind = degraded|failed: what went wrong, where. */
  public static final String PROBLEMS = "tenantplatform.problems";
  /**
   * Gauge {@code tenantplatform_tenant_ready_seconds{tenant}}: request to Ready, per tenant, for the slowest
   * live tenants only, and only when switched on ({@code MetricsConfig.slowestTenants}).
   */
  public static final String TENANT_READY_SECONDS = "tenantplatform.tenant.ready.seconds";

  // Savings meters, a fold over tenant.events.
  public static final String SAVINGS_CONTROL_PLANE_MACHINES = "tenantplatform.savings.control.plane.machines";
  public static final String SAVINGS_MEMORY_BYTES = "tenantplatform.savings.memory.bytes";
  public static final String SAVINGS_CPU_CORES = "tenantplatform.savings.cpu.cores";
  /** Gauge {@code tenantplatform_savings_cost_per_month{currency}}. */
  public static final String SAVINGS_COST_PER_MONTH = "tenantplatform.savings.cost.per.month";
  /** Gauge {@code tenantplatform_savings_ratio{resource}}, resource = machines|memory|cpu|cost|boot_time. */
  public static final String SAVINGS_RATIO = "tenantplatform.savings.ratio";
  /** Gauge {@code tenantplatform_boot_seconds{kind}}, kind = hosted|baseline. */
  public static final String BOOT_SECONDS = "tenantplatform.boot.seconds";
  /** Info gauge {@code tenantplatform_savings_model_info{...}} = 1: the savings model's inputs as labels. */
  public static final String SAVINGS_MODEL_INFO = "tenantplatform.savings.model.info";

  // Price inputs named as OpenCost names them, so both read side by side.
  public static final String NODE_CPU_HOURLY_COST = "node_cpu_hourly_cost";
  public static final String NODE_RAM_HOURLY_COST = "node_ram_hourly_cost";

  // Tag keys.
  public static final String ACTION = "action";
  public static final String OUTCOME = "outcome";
  public static final String STAGE = "stage";
  public static final String STATE = "state";
  public static final String REASON = "reason";
  public static final String CURRENCY = "currency";
  public static final String RESOURCE = "resource";
  public static final String KIND = "kind";
  public static final String TENANT = "tenant";
  public static final String TYPE = "type";

  private MetricNames() {
  }
}
