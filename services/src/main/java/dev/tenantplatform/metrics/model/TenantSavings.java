package dev.tenantplatform.metrics.model;

/**
 * One tenant in the report: either compared, or unknown with the reason.
 *
 * @param unknown why the tenant's saving cannot be told; null when it is compared
 * @param comparison the tenant's cluster against the baseline; null when unknown
 */
public record TenantSavings(String tenant, int controlPlaneReplicas, int workers, String unknown,
    Comparison comparison) {

  public boolean counted() {
    return comparison != null;
  }
}
