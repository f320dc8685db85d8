package dev.tenantplatform.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;

/**
 * The machine the run shared with whatever else ran on it: on a busy one (load average above the CPUs) the
 * figures vary from run to run, the ratio less than the rates since the sides take turns.
 *
 * @param cpus processors this JVM may use
 * @param loadAverage the system's one-minute load average at the end of the measured rounds, or -1 where the
 *     system does not tell
 */
public record Machine(int cpus, double loadAverage) {

  static Machine now() {
    OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
    double load = os.getSystemLoadAverage();
    return new Machine(os.getAvailableProcessors(), load < 0 ? -1 : Math.round(load * 100) / 100.0);
  }

  /**
   * The processor time this JVM has used so far, in nanoseconds, or -1 where the JVM does not tell. Taken
   * around each side's turn, it says what a tenant costs the machine: on a busy machine the side that needs
   * more of it falls behind by as much.
   */
  static long processCpuNanos() {
    return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
        ? os.getProcessCpuTime() : -1;
  }

  /** More runnable work than processors: the run was not alone. */
  public boolean busy() {
    return loadAverage > cpus;
  }
}
