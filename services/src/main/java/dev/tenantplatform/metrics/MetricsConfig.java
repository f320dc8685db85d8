package dev.tenantplatform.metrics;

import java.time.Duration;
import java.util.Map;

/**
 * The metrics' settings.
 *
 * @param bootstrapServers where {@code tenant.events} is read from
 * @param slowestTenants how many tenants get series of their own ({@code tenantplatform_tenant_ready_seconds}):
 *     the slowest to get Ready; 0, the default, publishes none, so the series do not grow with the tenants
 * @param kafkaRefresh how often the Kafka clients are asked for metrics they did not have (a partition's lag
 *     appears once the partition is assigned)
 */
public record MetricsConfig(String bootstrapServers, int slowestTenants, Duration kafkaRefresh) {

  /** The environment variable that sets {@link #slowestTenants}. */
  public static final String SLOWEST_TENANTS_ENV = "TENANT_PLATFORM_METRICS_SLOWEST_TENANTS";
  /** More per-tenant series than this is what the aggregates are for. */
  public static final int MAX_SLOWEST_TENANTS = 1_000;

  public MetricsConfig {
    if (bootstrapServers == null || bootstrapServers.isBlank()) {
      throw new IllegalArgumentException("the metrics need Kafka's bootstrap servers to read tenant.events");
    }
    if (slowestTenants < 0 || slowestTenants > MAX_SLOWEST_TENANTS) {
      throw new IllegalArgumentException("slowest tenants " + slowestTenants + " is out of range: give 0 (no"
          + " per-tenant series) to " + MAX_SLOWEST_TENANTS + "; dashboards use the aggregates beyond that");
    }
    if (kafkaRefresh == null || kafkaRefresh.isNegative() || kafkaRefresh.isZero()) {
      throw new IllegalArgumentException("the Kafka metrics refresh interval must be positive, got " + kafkaRefresh);
    }
  }

  /** No per-tenant series; Kafka clients looked at every ten seconds. */
  public static MetricsConfig defaults(String bootstrapServers) {
    return new MetricsConfig(bootstrapServers, 0, Duration.ofSeconds(10));
  }

  /** The defaults, with {@value #SLOWEST_TENANTS_ENV} from {@code environment} where it is set. */
  public static MetricsConfig fromEnvironment(String bootstrapServers, Map<String, String> environment) {
    MetricsConfig defaults = defaults(bootstrapServers);
    String given = environment.get(SLOWEST_TENANTS_ENV);
    if (given == null || given.isBlank()) {
      return defaults;
    }
    try {
      return defaults.withSlowestTenants(Integer.parseInt(given.trim()));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(SLOWEST_TENANTS_ENV + "='" + given + "' is not a whole number: give how"
          + " many of the slowest tenants get series of their own (0 for none)", e);
    }
  }

  public MetricsConfig withSlowestTenants(int count) {
    return new MetricsConfig(bootstrapServers, count, kafkaRefresh);
  }

  public MetricsConfig withKafkaRefresh(Duration refresh) {
    return new MetricsConfig(bootstrapServers, slowestTenants, refresh);
  }
}
