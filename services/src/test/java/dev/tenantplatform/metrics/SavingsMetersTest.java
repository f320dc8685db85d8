package dev.tenantplatform.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tenantplatform.events.PodRequests;
import dev.tenantplatform.metrics.model.HostedFootprint;
import dev.tenantplatform.metrics.model.SavingsConfig;
import dev.tenantplatform.metrics.model.SavingsModel;
import dev.tenantplatform.metrics.model.SavingsReport;
import dev.tenantplatform.metrics.model.TenantInputs;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class SavingsMetersTest {

  private static final HostedFootprint DEFAULT_PLAN = new HostedFootprint(new PodRequests(3, 3000, 3L << 30),
      new PodRequests(3, 750, 3L * (512 << 20)));

  private final SavingsModel model = new SavingsModel(SavingsConfig.defaults());
  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

  private SavingsReport report(int tenants) {
    List<TenantInputs> inputs = new ArrayList<>();
    for (int i = 0; i < tenants; i++) {
      inputs.add(new TenantInputs("t" + i, 3, 2, true, DEFAULT_PLAN, new BigDecimal("45")));
    }
    return model.report(inputs);
  }

  private static Set<String> names(String scrape) {
    Set<String> names = new TreeSet<>();
    scrape.lines().filter(line -> !line.startsWith("#") && !line.isBlank())
        .forEach(line -> names.add(line.split("[{ ]", 2)[0]));
    return names;
  }

  private static List<String> series(String scrape, String name) {
    return scrape.lines().filter(line -> line.startsWith(name + "{") || line.startsWith(name + " ")).toList();
  }

  @Test
  void theScrapedNamesAreExactlySpecsSavingsNamesAndOpenCostsPriceInputs() {
    SavingsMeters.bind(registry, () -> report(3));

    assertThat(names(registry.scrape())).containsExactlyInAnyOrder(
        "tenantplatform_savings_control_plane_machines", "tenantplatform_savings_memory_bytes",
        "tenantplatform_savings_cpu_cores", "tenantplatform_savings_cost_per_month", "tenantplatform_savings_ratio",
        "tenantplatform_boot_seconds", "node_cpu_hourly_cost", "node_ram_hourly_cost",
        "tenantplatform_savings_model_info");
  }

  @Test
  void theGaugesShowTheTotalsOfTheReportWithTheirLabels() {
    SavingsMeters.bind(registry, () -> report(10));
    String scrape = registry.scrape();

    assertThat(series(scrape, "tenantplatform_savings_control_plane_machines"))
        .containsExactly("tenantplatform_savings_control_plane_machines 30.0");
    assertThat(series(scrape, "tenantplatform_savings_cost_per_month"))
        .anyMatch(s -> s.contains("basis=\"gross\"") && s.contains("currency=\"USD\"") && s.endsWith(" 911.04"));
    assertThat(series(scrape, "tenantplatform_savings_ratio")).extracting(s -> s.replaceAll(".*resource=\"([a-z_]+)\".*",
        "$1")).containsExactlyInAnyOrder("machines", "memory", "cpu", "cost", "cost_gross", "boot_time");
    assertThat(series(scrape, "tenantplatform_boot_seconds"))
        .anyMatch(s -> s.contains("kind=\"hosted\"") && s.endsWith(" 45.0"))
        .anyMatch(s -> s.contains("kind=\"baseline\"") && s.endsWith(" 180.0"));
    assertThat(series(scrape, "tenantplatform_savings_model_info")).singleElement().satisfies(s -> assertThat(s)
        .contains("profile=\"ha\"", "instance_type=\"t3.medium\"", "control_plane_nodes=\"3\"",
            "node_cpu_hourly_cost=\"0.031611\"", "price_source=").endsWith(" 1"));
  }

  @Test
  void noSeriesIsPerTenantSoTenThousandTenantsMakeAsManySeriesAsOne() {
    SavingsMeters.bind(registry, () -> report(1));
    int one = (int) registry.scrape().lines().filter(l -> !l.startsWith("#")).count();
    PrometheusMeterRegistry other = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

    SavingsMeters.bind(other, () -> report(10_000));

    assertThat(other.scrape().lines().filter(l -> !l.startsWith("#")).count()).isEqualTo(one);
  }

  @Test
  void aScrapeComputesTheReportOnceNotOncePerGauge() {
    AtomicInteger computed = new AtomicInteger();
    SavingsMeters.bind(registry, () -> {
      computed.incrementAndGet();
      return report(2);
    });
    int atBind = computed.get();

    registry.scrape();

    assertThat(computed.get() - atBind).isEqualTo(1);
  }
}
