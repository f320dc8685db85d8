package dev.tenantplatform.watcher.state;

/**
 * A pod of a tenant's hosted control plane ({@code kmc-<tenant>-N} or {@code kmc-<tenant>-etcd-N}).
 *
 * @param etcd whether it is an etcd pod (label {@code component=etcd}) rather than a k0s controller
 * @param phase {@code status.phase}: Pending, Running, Succeeded, Failed, Unknown
 * @param ready whether its {@code Ready} condition is True
 * @param cpuMillis CPU its containers request, summed, in thousandths of a core (0: none requested)
 * @param memoryBytes memory its containers request, summed (0: none requested)
 */
public record PodView(boolean etcd, String phase, boolean ready, long cpuMillis, long memoryBytes) {

  /** A pod whose containers request nothing. */
  public PodView(boolean etcd, String phase, boolean ready) {
    this(etcd, phase, ready, 0, 0);
  }

  public boolean running() {
    return "Running".equals(phase);
  }
}
