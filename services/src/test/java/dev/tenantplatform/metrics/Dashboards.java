package dev.tenantplatform.metrics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** The Grafana dashboards of {@code grafana/dashboards}, read as Grafana reads them, and the queries of their panels. */
public final class Dashboards {

  /** One query of one panel. */
  public record Query(String dashboard, String panel, String refId, String expr) {

    @Override
    public String toString() {
      return dashboard + " / " + panel + " / " + refId + ": " + expr;
    }

    /** The query as Grafana sends it, with its interval variables given values Prometheus understands. */
    public String asSent(String rateInterval, String range) {
      return expr.replace("$__rate_interval", rateInterval).replace("${__rate_interval}", rateInterval)
          .replace("$__interval", rateInterval).replace("$__range", range);
    }
  }

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern IDENTIFIER = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
  private static final Set<String> PROMQL_WORDS = Set.of("by", "without", "on", "ignoring", "group_left",
      "group_right", "and", "or", "unless", "bool", "offset", "inf", "nan");

  private Dashboards() {
  }

  /** The repository's {@code grafana} folder, found from the working directory of the build. */
  public static Path folder() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.isDirectory(dir.resolve("grafana/dashboards"))) {
        return dir.resolve("grafana");
      }
    }
    throw new IllegalStateException("no grafana/dashboards folder above " + Path.of("").toAbsolutePath());
  }

  public static List<Path> files() {
    try (Stream<Path> files = Files.list(folder().resolve("dashboards"))) {
      return files.filter(f -> f.toString().endsWith(".json")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static JsonNode read(Path file) {
    try {
      return JSON.readTree(file.toFile());
    } catch (IOException e) {
      throw new AssertionError(file + " is not JSON Grafana can read: " + e.getMessage(), e);
    }
  }

  /** Every panel of the dashboard, those in collapsed rows included. */
  public static List<JsonNode> panels(JsonNode dashboard) {
    List<JsonNode> panels = new ArrayList<>();
    for (JsonNode panel : dashboard.path("panels")) {
      panels.add(panel);
      panel.path("panels").forEach(panels::add);
    }
    return panels;
  }

  /** Every query of every panel of every dashboard. */
  public static List<Query> queries() {
    List<Query> queries = new ArrayList<>();
    for (Path file : files()) {
      JsonNode dashboard = read(file);
      for (JsonNode panel : panels(dashboard)) {
        for (JsonNode target : panel.path("targets")) {
          queries.add(new Query(dashboard.path("title").asText(), panel.path("title").asText(),
              target.path("refId").asText(), target.path("expr").asText()));
        }
      }
    }
    return queries;
  }

  /** The metric names a PromQL expression reads (label names, functions, durations and keywords left out). */
  public static Set<String> metricNames(String expr) {
    String bare = expr.replaceAll("\"(\\\\.|[^\"\\\\])*\"", "\"\"")
        .replaceAll("\\{[^}]*}", " ")
        .replaceAll("\\[[^]]*]", " ")
        .replaceAll("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)", " ");
    Set<String> names = new LinkedHashSet<>();
    Matcher m = IDENTIFIER.matcher(bare);
    while (m.find()) {
      String word = m.group();
      int after = m.end();
      while (after < bare.length() && Character.isWhitespace(bare.charAt(after))) {
        after++;
      }
      boolean function = after < bare.length() && bare.charAt(after) == '(';
      boolean number = m.start() > 0 && Character.isDigit(bare.charAt(m.start() - 1));
      if (!function && !number && !word.startsWith("$") && !PROMQL_WORDS.contains(word.toLowerCase())) {
        names.add(word);
      }
    }
    return names;
  }
}
