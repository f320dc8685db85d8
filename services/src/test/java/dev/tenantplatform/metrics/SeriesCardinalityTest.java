package dev.tenantplatform.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** With thousands of tenants the scrape stays the same size: per-tenant series are off, or the top N only. */
class SeriesCardinalityTest {

  @Test
  void tenThousandTenantsMakeNoMoreSeriesThanAHundred() {
    int hundred = seriesAfter(100, 0);
    int tenThousand = seriesAfter(10_000, 0);

    System.out.printf("series in the scrape of the platform meters: %d with 100 tenants, %d with 10,000%n",
        hundred, tenThousand);
    assertThat(tenThousand).isEqualTo(hundred);
  }

  @Test
  void perTenantSeriesSwitchedOnAddOneSeriesForEachOfTheSlowestTenantsOnly() {
    int without = seriesAfter(10_000, 0);
    int with = seriesAfter(10_000, 25);

    System.out.printf("series with the 25 slowest tenants published: %d (%d without)%n", with, without);
    assertThat(with).isEqualTo(without + 25);
  }

  /**
   * Folds {@code count} tenants' lives (most Ready, every tenth degraded, every twentieth failed, every
   * fiftieth deleted) and counts the series of the Prometheus scrape.
   */
  private static int seriesAfter(int count, int slowest) {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    try (PlatformMeters platform = new PlatformMeters(registry, Duration.ofSeconds(10))) {
      TenantMeters tenants = new TenantMeters(registry, slowest);
      for (int i = 0; i < count; i++) {
        Lives life = new Lives("tenant-" + i).created().ready(30 + i % 600);
        if (i % 10 == 3) {
          life.degraded(i % 20 == 3 ? "control_plane" : "workers");
        }
        if (i % 20 == 7) {
          life.failed("workers");
        }
        if (i % 50 == 9) {
          life.deleted();
        }
        life.events().forEach(tenants);
      }
      String scrape = registry.scrape();
      return (int) scrape.lines().filter(line -> !line.isBlank() && !line.startsWith("#")).count();
    }
  }
}
