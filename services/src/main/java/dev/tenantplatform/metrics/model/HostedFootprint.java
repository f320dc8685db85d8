package dev.tenantplatform.metrics.model;

import dev.tenantplatform.events.PodRequests;
import java.math.BigDecimal;

/**
 * What a tenant's hosted control plane takes of the management cluster: the requests of its k0s and etcd pods.
 */
public record HostedFootprint(PodRequests k0s, PodRequests etcd) {

  public HostedFootprint {
    k0s = k0s == null ? PodRequests.NONE : k0s;
    etcd = etcd == null ? PodRequests.NONE : etcd;
  }

  public int pods() {
    return k0s.pods() + etcd.pods();
  }

  public BigDecimal cpuCores() {
    return BigDecimal.valueOf(k0s.cpuMillis() + etcd.cpuMillis(), 3);
  }

  public long memoryBytes() {
    return k0s.memoryBytes() + etcd.memoryBytes();
  }

  /** Whether the pods request anything at all; without requests the footprint is unknown, not zero. */
  public boolean known() {
    return k0s.requestsSomething() || etcd.requestsSomething();
  }
}
