package dev.tenantplatform.events;

/**
 * What the pods of one hosted control-plane component (k0s or etcd) request, summed over its pods: the
 * {@code resources.k0s} and {@code resources.etcd} of {@code cluster.controlplane.ready}.
 *
 * @param pods how many pods the sums cover
 * @param cpuMillis CPU requested, in thousandths of a core
 * @param memoryBytes memory requested
 */
public record PodRequests(int pods, long cpuMillis, long memoryBytes) {

  public static final PodRequests NONE = new PodRequests(0, 0, 0);

  public PodRequests {
    if (pods < 0 || cpuMillis < 0 || memoryBytes < 0) {
      throw new IllegalArgumentException("pods " + pods + ", cpuMillis " + cpuMillis + " and memoryBytes "
          + memoryBytes + " cannot be negative");
    }
  }

  /** Pods that request nothing are BestEffort: what they take cannot be told from them. */
  public boolean requestsSomething() {
    return cpuMillis > 0 || memoryBytes > 0;
  }

  /** This and {@code other} summed. */
  public PodRequests plus(PodRequests other) {
    return new PodRequests(pods + other.pods, cpuMillis + other.cpuMillis, memoryBytes + other.memoryBytes);
  }
}
