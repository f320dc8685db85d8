package dev.tenantplatform.metrics.model;

import java.util.Locale;

/** What a saving ratio is about; the label value of {@code tenantplatform_savings_ratio{resource}}. */
public enum Resource {
  MACHINES,
  MEMORY,
  CPU,
  /** Net: the hosted control planes pay their share of the management cluster. */
  COST,
  /** Gross: the hosted control planes cost nothing, the seed's view. */
  COST_GROSS,
  BOOT_TIME;

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
