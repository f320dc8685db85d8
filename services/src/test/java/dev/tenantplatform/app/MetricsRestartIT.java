package dev.tenantplatform.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tenantplatform.testing.LocalTenants;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The tenant meters are a fold over the log: a platform started again on the same data shows the same values. */
class MetricsRestartIT {

  private static final Duration PATIENCE = Duration.ofSeconds(90);

  @TempDir
  Path dataDir;

  @Test
  void aRestartedPlatformShowsTheSameTenantMetricsAsBeforeTheRestart() {
    Map<String, String> before;
    try (LocalMode local = LocalMode.start(new LocalOptions(dataDir, 0, "instant", false, 2))) {
      LocalTenants tenants = new LocalTenants(local.info().http(), local.info().adminToken());
      tenants.onboardToReady(List.of("acme", "globex", "initech"), PATIENCE);
      tenants.offboard("initech", PATIENCE);
      assertThat(tenants.samples("tenantplatform_requests_total"))
          .containsEntry("tenantplatform_requests_total{action=\"create\",outcome=\"accepted\"}", "3.0")
          .containsEntry("tenantplatform_requests_total{action=\"delete\",outcome=\"accepted\"}", "1.0");
      assertThat(Double.parseDouble(tenants.samples("tenantplatform_apply_seconds_count")
          .get("tenantplatform_apply_seconds_count"))).as("one apply per create").isGreaterThanOrEqualTo(3);
      before = tenantMetrics(tenants);
      assertThat(before).containsEntry("tenantplatform_tenants{state=\"Ready\"}", "2.0")
          .containsEntry("tenantplatform_tenants{state=\"Deleted\"}", "1.0")
          .containsEntry("tenantplatform_provisioning_seconds_count{stage=\"ready\"}", "3");
    }

    try (LocalMode local = LocalMode.start(new LocalOptions(dataDir, 0, "instant", false, 2))) {
      LocalTenants tenants = new LocalTenants(local.info().http(), local.info().adminToken());
      assertThat(tenantMetrics(tenants)).isEqualTo(before);
    }
  }

  /**
   * What the fold over tenant.events publishes. The code-path meters count this process's work only, and a
   * timer's {@code _max} is the largest of the last minutes, not of the log.
   */
  private static Map<String, String> tenantMetrics(LocalTenants tenants) {
    Map<String, String> samples = tenants.samples("tenantplatform_");
    samples.keySet().removeIf(series -> series.startsWith("tenantplatform_requests")
        || series.startsWith("tenantplatform_apply") || series.startsWith("tenantplatform_dlq")
        || series.contains("_max{"));
    return samples;
  }
}
