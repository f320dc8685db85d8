package dev.tenantplatform.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * grafana/dashboards is the one source of the dashboards; deploy/components/monitoring/dashboards.yaml carries
 * them as ConfigMaps for Grafana's sidecar (kustomize may not read outside deploy/). This test fails when the two
 * differ, and rewrites the ConfigMaps from grafana/dashboards when run with {@code -Ddeploy.regenerate=true}.
 */
class DashboardsConfigMapTest {

  static final Path DASHBOARDS = Manifests.ROOT.resolve("grafana/dashboards");
  static final Path CONFIG_MAPS = Manifests.DEPLOY.resolve("components/monitoring/dashboards.yaml");
  static final String REGENERATE = "-Dtest=DashboardsConfigMapTest -Dsurefire.failIfNoSpecifiedTests=false"
      + " -Ddeploy.regenerate=true";

  @Test
  void theDashboardConfigMapsHoldExactlyTheDashboardsOfGrafanaDashboards() throws IOException {
    Map<String, String> sources = sources();
    if (Boolean.getBoolean("deploy.regenerate")) {
      Files.writeString(CONFIG_MAPS, render(sources), StandardCharsets.UTF_8);
    }
    Map<String, String> shipped = new TreeMap<>();
    for (ConfigMap map : Manifests.all(Manifests.read(CONFIG_MAPS), ConfigMap.class)) {
      shipped.putAll(map.getData());
    }
    assertThat(shipped).as("dashboards in %s; after changing grafana/dashboards run"
        + " ./mvnw -o verify -pl services -am %s", Manifests.ROOT.relativize(CONFIG_MAPS), REGENERATE)
        .isEqualTo(sources);
  }

  @Test
  void eachDashboardIsOneConfigMapTheGrafanaSidecarPicksUp() throws IOException {
    List<ConfigMap> maps = Manifests.all(Manifests.read(CONFIG_MAPS), ConfigMap.class);
    assertThat(maps).allSatisfy(map -> {
      assertThat(map.getMetadata().getLabels()).containsEntry("grafana_dashboard", "1");
      assertThat(map.getMetadata().getNamespace()).isEqualTo("monitoring");
      assertThat(map.getData()).hasSize(1);
    });
  }

  @Test
  void anyDashboardComesBackFromItsGeneratedConfigMapAsItWasWritten() {
    Map<String, String> sample = new TreeMap<>(Map.of(
        "Tenant Savings.json", "{\n  \"title\": \"Savings – €\",\n\n  \"panels\": [{\"expr\": \"sum(rate(x[5m]))\"}]\n}\n",
        "platform.json", "{\"title\": \"Platform\", \"tags\": [\"a: b\", \"#c\"]}"));

    List<ConfigMap> maps = Manifests.all(Manifests.parse(render(sample)), ConfigMap.class);

    assertThat(maps).extracting(m -> m.getMetadata().getName())
        .containsExactlyInAnyOrder("grafana-dashboard-tenant-savings", "grafana-dashboard-platform");
    assertThat(maps.stream().flatMap(m -> m.getData().entrySet().stream())
        .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue))).isEqualTo(sample);
  }

  /** File name to content of every {@code *.json} in grafana/dashboards (none while the folder is absent). */
  static Map<String, String> sources() throws IOException {
    if (!Files.isDirectory(DASHBOARDS)) {
      return Map.of();
    }
    try (Stream<Path> files = Files.list(DASHBOARDS)) {
      Map<String, String> sources = new TreeMap<>();
      for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".json")).toList()) {
        sources.put(file.getFileName().toString(), Files.readString(file, StandardCharsets.UTF_8));
      }
      return sources;
    }
  }

  /** One ConfigMap per dashboard: each stays far below the 1 MiB object limit whatever the others weigh. */
  static String render(Map<String, String> sources) {
    String header = "# Generated from grafana/dashboards by DashboardsConfigMapTest (" + REGENERATE + ").\n"
        + "# Do not edit: change the dashboards in grafana/dashboards.\n";
    return header + sources.entrySet().stream().map(e -> configMap(e.getKey(), e.getValue()))
        .collect(Collectors.joining("---\n", sources.isEmpty() ? "" : "---\n", ""));
  }

  private static String configMap(String file, String json) {
    String name = "grafana-dashboard-" + file.substring(0, file.length() - ".json".length())
        .toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]+", "-");
    String indented = json.lines().map(line -> line.isEmpty() ? "" : "    " + line)
        .collect(Collectors.joining("\n"));
    return "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: " + name + "\n  namespace: monitoring\n"
        + "  labels:\n    grafana_dashboard: \"1\"\n    app.kubernetes.io/part-of: tenant-platform\n"
        + "data:\n  " + file + ": |" + (json.endsWith("\n") ? "" : "-") + "\n" + indented + "\n";
  }
}
