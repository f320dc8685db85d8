package dev.tenantplatform.metrics.model;

import java.util.List;

/**
 * The savings of hosted control planes, per tenant and in total, with the model's inputs so that every figure
 * can be checked.
 *
 * @param config the baseline, prices, currency and price source the figures rest on
 * @param tenants every live tenant, in name order, compared or unknown
 * @param total the sum over the compared tenants (boot times: their mean)
 * @param usage measured usage of the control-plane pods beside their requests, or the reason it is not there
 */
public record SavingsReport(SavingsConfig config, List<TenantSavings> tenants, Comparison total, String usage) {

  /** What the report says when no metrics API (metrics.k8s.io) serves the pods' usage. */
  public static final String USAGE_NOT_AVAILABLE = "not available";

  public SavingsReport {
    tenants = List.copyOf(tenants);
  }

  public long counted() {
    return tenants.stream().filter(TenantSavings::counted).count();
  }

  public long unknown() {
    return tenants.size() - counted();
  }

  public SavingsReport withUsage(String text) {
    return new SavingsReport(config, tenants, total, text);
  }
}
