package dev.tenantplatform.metrics.model;

import java.math.BigDecimal;

/**
 * What a share of the management cluster costs, per hour, named as OpenCost names its price inputs so the two
 * read side by side.
 *
 * @param cpuPerCoreHour OpenCost's {@code node_cpu_hourly_cost}: one vCPU for one hour
 * @param ramPerGiBHour OpenCost's {@code node_ram_hourly_cost}: one GiB of memory for one hour
 */
public record ManagementPrices(BigDecimal cpuPerCoreHour, BigDecimal ramPerGiBHour) {

  /** OpenCost's own defaults ({@code configs/default.json}, "based on GCP us-central1"). */
  public static final ManagementPrices OPENCOST_DEFAULTS = new ManagementPrices(new BigDecimal("0.031611"),
      new BigDecimal("0.004237"));

  /** The seed's view: control planes hosted as pods cost nothing. */
  public static final ManagementPrices FREE = new ManagementPrices(BigDecimal.ZERO, BigDecimal.ZERO);

  public ManagementPrices {
    if (cpuPerCoreHour == null || cpuPerCoreHour.signum() < 0 || ramPerGiBHour == null
        || ramPerGiBHour.signum() < 0) {
      throw new IllegalArgumentException("management-cluster prices node_cpu_hourly_cost=" + cpuPerCoreHour
          + " and node_ram_hourly_cost=" + ramPerGiBHour + " must both be given, zero or more");
    }
  }
}
