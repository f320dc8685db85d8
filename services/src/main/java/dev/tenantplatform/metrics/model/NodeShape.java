package dev.tenantplatform.metrics.model;

import java.math.BigDecimal;

/**
 * A machine of the kubeadm-style baseline: its size and what it costs.
 *
 * @param instanceType the name a price list knows it by ({@code t3.medium})
 * @param vcpu virtual CPUs
 * @param memoryBytes memory
 * @param pricePerHour what one machine costs per hour, in the report's currency
 */
public record NodeShape(String instanceType, BigDecimal vcpu, long memoryBytes, BigDecimal pricePerHour) {

  /** AWS t3.medium: 2 vCPU, 4 GiB, on-demand list price in us-east-1 (check the provider's page for yours). */
  public static final NodeShape T3_MEDIUM = new NodeShape("t3.medium", new BigDecimal("2"), 4L << 30,
      new BigDecimal("0.0416"));

  public NodeShape {
    if (instanceType == null || instanceType.isBlank()) {
      throw new IllegalArgumentException("the baseline node needs an instance type, such as t3.medium");
    }
    if (vcpu == null || vcpu.signum() <= 0) {
      throw new IllegalArgumentException("node " + instanceType + ": vCPU " + vcpu + " must be more than zero");
    }
    if (memoryBytes <= 0) {
      throw new IllegalArgumentException("node " + instanceType + ": memory " + memoryBytes
          + " bytes must be more than zero");
    }
    if (pricePerHour == null || pricePerHour.signum() < 0) {
      throw new IllegalArgumentException("node " + instanceType + ": price per hour " + pricePerHour
          + " must be zero or more");
    }
  }

  /** The same machine priced per month, as price lists of reserved instances give it. */
  public static NodeShape pricedPerMonth(String instanceType, BigDecimal vcpu, long memoryBytes,
      BigDecimal pricePerMonth) {
    return new NodeShape(instanceType, vcpu, memoryBytes, pricePerMonth.divide(SavingsConfig.HOURS_PER_MONTH,
        SavingsModel.EXACT));
  }
}
