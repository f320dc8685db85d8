package dev.tenantplatform.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The dashboards are what Grafana can load, and every query reads metrics the platform publishes. */
class DashboardsTest {

  /** What the binders publish beside our meters: JVM and process (Vert.x's JVM metrics), Kafka clients, Vert.x. */
  private static final List<String> BINDER_PREFIXES = List.of("jvm_", "process_", "system_", "kafka_consumer_",
      "kafka_producer_", "vertx_");

  @Test
  void thereIsASavingsOverviewATenantLifecycleAndAPlatformHealthDashboard() {
    List<String> titles = Dashboards.files().stream().map(f -> Dashboards.read(f).path("title").asText()).toList();
    assertThat(titles).anyMatch(t -> t.contains("Savings overview")).anyMatch(t -> t.contains("Tenant lifecycle"))
        .anyMatch(t -> t.contains("Platform health"));
  }

  @Test
  void dashboardUidsAndTitlesAreUniqueAndPanelIdsAreUniqueWithinEachDashboard() {
    Set<String> uids = new HashSet<>();
    Set<String> titles = new HashSet<>();
    for (Path file : Dashboards.files()) {
      JsonNode dashboard = Dashboards.read(file);
      assertThat(dashboard.path("uid").asText()).as(file + " uid").isNotBlank().hasSizeLessThanOrEqualTo(40);
      assertThat(uids.add(dashboard.path("uid").asText())).as(file + " uid is unique").isTrue();
      assertThat(titles.add(dashboard.path("title").asText())).as(file + " title is unique").isTrue();
      Set<Integer> ids = new HashSet<>();
      for (JsonNode panel : Dashboards.panels(dashboard)) {
        assertThat(panel.path("id").isInt()).as(file + " panel " + panel.path("title") + " has an id").isTrue();
        assertThat(ids.add(panel.path("id").asInt())).as(file + " panel id " + panel.path("id") + " is unique")
            .isTrue();
      }
    }
  }

  @Test
  void everyPanelHasAQuery() {
    for (Path file : Dashboards.files()) {
      for (JsonNode panel : Dashboards.panels(Dashboards.read(file))) {
        if ("row".equals(panel.path("type").asText())) {
          continue;
        }
        assertThat(panel.path("targets")).as(file + " / " + panel.path("title")).isNotEmpty();
        panel.path("targets").forEach(target -> assertThat(target.path("expr").asText())
            .as(file + " / " + panel.path("title") + " / " + target.path("refId")).isNotBlank());
      }
    }
  }

  @Test
  void everyDatasourceIsTheDashboardVariableNeverAHardCodedUid() throws Exception {
    for (Path file : Dashboards.files()) {
      JsonNode dashboard = Dashboards.read(file);
      assertThat(dashboard.path("templating").path("list").findValuesAsText("name")).as(file.toString())
          .contains("DS_PROMETHEUS");
      List<JsonNode> sources = dashboard.findValues("datasource");
      assertThat(sources).as(file.toString()).isNotEmpty();
      sources.forEach(source -> assertThat(source.path("uid").asText()).as(file + " " + source)
          .isEqualTo("${DS_PROMETHEUS}"));
      assertThat(Files.readString(file)).as(file.toString()).doesNotContain("\"__inputs\"");
    }
  }

  @Test
  void everyMetricAQueryReadsIsOneOfOursOrABinders() throws Exception {
    Set<String> ours = publishedNames();
    List<String> unknown = new ArrayList<>();
    for (Dashboards.Query query : Dashboards.queries()) {
      for (String metric : Dashboards.metricNames(query.expr())) {
        if (!ours.contains(metric) && BINDER_PREFIXES.stream().noneMatch(metric::startsWith)) {
          unknown.add(metric + " in " + query);
        }
      }
    }
    assertThat(unknown).as("metrics neither in MetricNames nor published by a binder").isEmpty();
  }

  @Test
  void theQueryReaderFindsMetricNamesAndNothingElse() {
    assertThat(Dashboards.metricNames("histogram_quantile(0.95, sum by (le, stage) "
        + "(rate(tenantplatform_provisioning_seconds_bucket{stage=~\"a|b\"}[$__rate_interval])))"))
        .containsExactly("tenantplatform_provisioning_seconds_bucket");
    assertThat(Dashboards.metricNames("sum(a_total) / sum(b_count) or vector(0)")).containsExactly("a_total",
        "b_count");
  }

  /** The Prometheus names of MetricNames' constants, with the suffixes the registry adds to counters and timers. */
  private static Set<String> publishedNames() throws IllegalAccessException {
    Set<String> names = new HashSet<>();
    for (Field field : MetricNames.class.getFields()) {
      if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class) {
        String base = ((String) field.get(null)).replace('.', '_');
        for (String suffix : List.of("", "_total", "_info", "_seconds_bucket", "_seconds_count", "_seconds_sum",
            "_seconds_max")) {
          names.add(base + suffix);
        }
      }
    }
    return names;
  }
}
