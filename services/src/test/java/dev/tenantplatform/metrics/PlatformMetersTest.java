package dev.tenantplatform.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tenantplatform.events.Action;
import dev.tenantplatform.events.DeadLetterReason;
import dev.tenantplatform.support.Telemetry.RequestOutcome;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What the components report shows on /metrics under SPEC.md's names. */
class PlatformMetersTest {

  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final PlatformMeters meters = new PlatformMeters(registry, Duration.ofSeconds(10));

  @AfterEach
  void close() {
    meters.close();
  }

  @Test
  void requestsAreCountedByActionAndOutcomeUnderSpecsName() {
    meters.requestHandled(Action.CREATE, RequestOutcome.ACCEPTED);
    meters.requestHandled(Action.CREATE, RequestOutcome.ACCEPTED);
    meters.requestHandled(Action.DELETE, RequestOutcome.DUPLICATE);
    meters.requestHandled(null, RequestOutcome.REJECTED);

    assertThat(registry.scrape()).contains(
        "tenantplatform_requests_total{action=\"create\",outcome=\"accepted\"} 2.0",
        "tenantplatform_requests_total{action=\"delete\",outcome=\"duplicate\"} 1.0",
        "tenantplatform_requests_total{action=\"unknown\",outcome=\"rejected\"} 1.0");
  }

  @Test
  void everyRequestAndDeadLetterSeriesIsThereAtZeroBeforeTheFirstRecord() {
    String scrape = registry.scrape();
    for (Action action : Action.values()) {
      for (RequestOutcome outcome : RequestOutcome.values()) {
        assertThat(scrape).contains("tenantplatform_requests_total{action=\"" + action.wire() + "\",outcome=\""
            + outcome.label() + "\"} 0.0");
      }
    }
    for (DeadLetterReason reason : DeadLetterReason.values()) {
      assertThat(scrape).contains("tenantplatform_dlq_total{reason=\"" + reason.label() + "\"} 0.0");
    }
  }

  @Test
  void deadLettersAreCountedByTheirBoundedReason() {
    meters.deadLettered(DeadLetterReason.NOT_JSON);
    meters.deadLettered(DeadLetterReason.INVALID);
    meters.deadLettered(DeadLetterReason.INVALID);

    assertThat(registry.scrape()).contains("tenantplatform_dlq_total{reason=\"invalid\"} 2.0",
        "tenantplatform_dlq_total{reason=\"not_json\"} 1.0");
  }

  @Test
  void applyLatencyIsAHistogramInSeconds() {
    meters.applied(Duration.ofMillis(40));
    meters.applied(Duration.ofMillis(700));

    assertThat(registry.scrape()).contains("tenantplatform_apply_seconds_bucket{le=\"0.05\"} 1",
        "tenantplatform_apply_seconds_bucket{le=\"1.0\"} 2", "tenantplatform_apply_seconds_count 2",
        "tenantplatform_apply_seconds_sum 0.74");
  }

  @Test
  void tenantMetersUseSpecsNamesForStatesAndProvisioningStages() {
    TenantMeters tenants = new TenantMeters(registry, 0);
    new Lives("acme").created().ready(60).events().forEach(tenants);

    assertThat(registry.scrape()).contains("tenantplatform_tenants{state=\"Ready\"} 1.0",
        "tenantplatform_provisioning_seconds_bucket{stage=\"control_plane_ready\",le=\"20.0\"} 1",
        "tenantplatform_provisioning_seconds_bucket{stage=\"provisioned\",le=\"20.0\"} 1",
        "tenantplatform_provisioning_seconds_count{stage=\"ready\"} 1",
        "tenantplatform_provisioning_seconds_sum{stage=\"ready\"} 60.0");
  }
}
