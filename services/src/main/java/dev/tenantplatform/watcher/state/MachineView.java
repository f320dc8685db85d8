package dev.tenantplatform.watcher.state;

/**
 * A worker Machine ({@code k0smotron-capi.md} §8). {@code Running} only means the node registered; the node is
 * usable when the {@code Ready} condition is True as well.
 *
 * @param phase {@code status.phase}: Pending, Provisioning, Provisioned, Running, Updating, Deleting, Deleted,
 *     Failed, Unknown
 * @param ready whether its {@code Ready} condition is True
 * @param version {@code spec.version}
 * @param message why it is not ready or failed (the controller's words), null when it is ready
 */
public record MachineView(String phase, boolean ready, String version, String message) {

  public static final String RUNNING = "Running";
  public static final String FAILED = "Failed";

  public boolean running() {
    return RUNNING.equals(phase);
  }

  public boolean failed() {
    return FAILED.equals(phase);
  }
}
