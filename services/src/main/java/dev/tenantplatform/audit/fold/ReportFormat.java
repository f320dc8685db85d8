package dev.tenantplatform.audit.fold;

import java.io.IOException;
import java.io.Writer;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * How a report is written: a table for people, JSON for programs, CSV for spreadsheets. Each writes the same
 * report as the same bytes (UTF-8 once the writer encodes it), whatever the machine, locale or time of day.
 */
public enum ReportFormat {
  TABLE("text/plain; charset=utf-8"),
  JSON("application/json"),
  CSV("text/csv; charset=utf-8");

  private final String contentType;

  ReportFormat(String contentType) {
    this.contentType = contentType;
  }

  /** The media type of what {@link #render} writes, for an HTTP answer. */
  public String contentType() {
    return contentType;
  }

  /** Writes {@code report} to {@code out}; flushes, does not close. */
  public void render(AuditReport report, Writer out) throws IOException {
    switch (this) {
      case TABLE -> TableRenderer.render(report, out);
      case JSON -> JsonRenderer.render(report, out);
      case CSV -> CsvRenderer.render(report, out);
      default -> throw new IllegalStateException("no renderer for " + this);
    }
    out.flush();
  }

  /** The format named {@code name} ({@code table}, {@code json}, {@code csv}), in any case. */
  public static ReportFormat of(String name) {
    return Arrays.stream(values()).filter(f -> f.name().equalsIgnoreCase(name == null ? "" : name.trim()))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("unknown format '" + name + "': use " + Arrays.stream(values())
            .map(f -> f.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(", "))));
  }
}
