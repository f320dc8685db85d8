package dev.tenantplatform.sandbox.simulator;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * How long each step of the simulated management cluster takes. Steps are named after what the real
 * controllers wait for, so a profile reads like a timeline of one tenant's cluster.
 *
 * @param name                  the profile's name, as given on the command line
 * @param controllerLatency     delay between an observed change and the controllers' reaction to it
 * @param podStartup            pod created until its containers run (scheduling, image pull)
 * @param etcdReadiness         etcd container started until the pod is Ready
 * @param controlPlaneReadiness k0s container started until the pod is Ready; the real readiness probe waits 60 s
 * @param machineBootstrap      control plane initialized until a worker's bootstrap data exists
 * @param machineProvisioning   bootstrap data until the worker's container exists (providerID)
 * @param nodeJoin              worker container started until its Node registers (nodeRef)
 * @param cniApply              workload API reachable until the ClusterResourceSet has applied Calico
 * @param nodeReady             Calico applied until the worker's Node is Ready
 * @param deletion              how long deleting a Machine or a pod takes (drain, container removal)
 */
public record SimulatorProfile(
    String name,
    Duration controllerLatency,
    Duration podStartup,
    Duration etcdReadiness,
    Duration controlPlaneReadiness,
    Duration machineBootstrap,
    Duration machineProvisioning,
    Duration nodeJoin,
    Duration cniApply,
    Duration nodeReady,
    Duration deletion) {

  /** Every step as fast as possible: for tests. */
  public static final SimulatorProfile INSTANT = new SimulatorProfile("instant",
      Duration.ZERO, Duration.ZERO, Duration.ZERO, Duration.ZERO, Duration.ZERO,
      Duration.ZERO, Duration.ZERO, Duration.ZERO, Duration.ZERO, Duration.ZERO);

  /** A tenant is ready within a few seconds, every step still visible: for demos. */
  public static final SimulatorProfile DEMO = new SimulatorProfile("demo",
      ms(50), ms(300), ms(300), ms(1500), ms(200),
      ms(700), ms(700), ms(300), ms(500), ms(300));

  /**
   * The seed's timings: the hosted control plane is ready after about a minute (the k0s readiness probe
   * alone waits 60 s), the workers a little later.
   */
  public static final SimulatorProfile REALISTIC = new SimulatorProfile("realistic",
      ms(200), Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(60),
      Duration.ofSeconds(3), Duration.ofSeconds(20), Duration.ofSeconds(25), Duration.ofSeconds(5),
      Duration.ofSeconds(10), Duration.ofSeconds(5));

  public static final List<SimulatorProfile> ALL = List.of(INSTANT, DEMO, REALISTIC);

  public SimulatorProfile {
    Objects.requireNonNull(name, "name");
    for (Duration d : List.of(controllerLatency, podStartup, etcdReadiness, controlPlaneReadiness,
        machineBootstrap, machineProvisioning, nodeJoin, cniApply, nodeReady, deletion)) {
      if (d == null || d.isNegative()) {
        throw new IllegalArgumentException("simulator profile '" + name + "': every duration must be zero or positive");
      }
    }
  }

  /** The profile called {@code name}: instant, demo or realistic. */
  public static SimulatorProfile named(String name) {
    String wanted = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
    return ALL.stream().filter(p -> p.name.equals(wanted)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("unknown simulator profile '" + name
            + "': use one of instant, demo, realistic"));
  }

  private static Duration ms(long millis) {
    return Duration.ofMillis(millis);
  }
}
