package dev.tenantplatform.watcher.state;

/**
 * A pod of a tenant's hosted control plane ({@code kmc-<tenant>-N} or {@code kmc-<tenant>-etcd-N}).
 *
 * @param etcd whether it is an etcd pod (label {@code component=etcd}) rather than a k0s controller
 * @param phase {@code status.phase}: Pending, Running, Succeeded, Failed, Unknown
 * @param ready whether its {@code Ready} condition is True
 */
public record PodView(boolean etcd, String phase, boolean ready) {

  public boolean running() {
    return "Running".equals(phase);
  }
}
