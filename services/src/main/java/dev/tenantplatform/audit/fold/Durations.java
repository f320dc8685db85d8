package dev.tenantplatform.audit.fold;

import java.math.BigDecimal;

/**
 * How long a tenant took, as its {@code tenant.ready} events measured it: seconds from the request, with
 * millisecond precision.
 *
 * @param controlPlaneReady request to control plane ready, or null before the first provisioning finished
 * @param provisioned request to the Cluster provisioned, or null likewise
 * @param ready request to Ready, or null likewise
 * @param degraded seconds spent Degraded, over every recovery so far (zero without any)
 * @param recoveries how many times the tenant recovered from Degraded
 */
public record Durations(BigDecimal controlPlaneReady, BigDecimal provisioned, BigDecimal ready,
    BigDecimal degraded, int recoveries) {

  public static final Durations NONE = new Durations(null, null, null, BigDecimal.ZERO, 0);

  public Durations provisioning(BigDecimal newControlPlaneReady, BigDecimal newProvisioned, BigDecimal newReady) {
    return new Durations(newControlPlaneReady, newProvisioned, newReady, degraded, recoveries);
  }

  public Durations recovery(BigDecimal seconds) {
    return new Durations(controlPlaneReady, provisioned, ready, degraded.add(seconds), recoveries + 1);
  }

  public boolean isEmpty() {
    return ready == null && recoveries == 0;
  }
}
