package dev.tenantplatform.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** With thousands of tenants the scrape stays the same size: per-tenant series are off, or the top N only. */
class SeriesCardinalityTest {

  private static final Logger LOG = LoggerFactory.getLogger(SeriesCardinalityTest.class);

  @Test
  void tenThousandTenantsMakeNoMoreSeriesThanAHundred() {
    int hundred = seriesAfter(100, 0);
    int tenThousand = seriesAfter(10_000, 0);

    LOG.info("series in the scrape of the platform meters: {} with 100 tenants, {} with 10,000", hundred,
        tenThousand);
    assertThat(tenThousand).isEqualTo(hundred);
  }

  @Test
  void perTenantSeriesSwitchedOnAddOneSeriesForEachOfTheSlowestTenantsOnly() {
    int without = seriesAfter(10_000, 0);
    int with = seriesAfter(10_000, 25);

    LOG.info("series with the 25 slowest tenants published: {} ({} without)", with, without);
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
