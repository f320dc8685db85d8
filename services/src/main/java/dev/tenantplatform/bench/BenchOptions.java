package dev.tenantplatform.bench;

import dev.tenantplatform.kube.NodePortRange;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What a benchmark run does.
 *
 * @param tenants the tenants onboarded and measured on each side
 * @param concurrency the tenants in flight at once on each side: the floor's threads, the platform's requests
 *     awaiting their {@code cluster.applied}
 * @param partitions partitions of the platform's topics
 * @param warmup tenants onboarded on each side before the measured ones, not counted
 * @param rounds the measured tenants go in this many turns, the sides taking turns (floor first, then platform
 *     first, and so on), so that whatever else runs on the machine weighs on both alike; at most one round
 *     per tenant
 * @param serviceType how the tenants' control planes are exposed, the same on both sides
 * @param simulator whether the management-cluster simulator (instant profile) runs against each side's API
 * @param dataDir where the broker keeps its log, kept after the run; null for a temporary folder, deleted after
 */
public record BenchOptions(int tenants, int concurrency, int partitions, int warmup, int rounds,
    String serviceType, boolean simulator, Path dataDir) {

  public static final int DEFAULT_TENANTS = 1_000;
  public static final int DEFAULT_CONCURRENCY = 16;
  public static final int DEFAULT_PARTITIONS = 12;
  public static final int DEFAULT_WARMUP = 20;
  public static final int DEFAULT_ROUNDS = 10;
  public static final String NODE_PORT = "NodePort";
  public static final List<String> SERVICE_TYPES = List.of(NODE_PORT, "ClusterIP", "LoadBalancer");

  public BenchOptions {
    List<String> problems = new ArrayList<>();
    atLeast(problems, "--tenants", tenants, 1);
    atLeast(problems, "--concurrency", concurrency, 1);
    atLeast(problems, "--partitions", partitions, 1);
    atLeast(problems, "--warmup", warmup, 0);
    atLeast(problems, "--rounds", rounds, 1);
    if (!SERVICE_TYPES.contains(serviceType)) {
      problems.add("--service-type " + serviceType + " is not one of " + SERVICE_TYPES);
    }
    int pairs = nodePortPairs();
    if (NODE_PORT.equals(serviceType) && tenants + warmup > pairs) {
      problems.add("--tenants " + tenants + " plus --warmup " + warmup + " NodePort tenants need "
          + (tenants + warmup) + " node-port pairs, but " + NodePortRange.DEFAULT + " holds " + pairs
          + ": onboard fewer, or use --service-type ClusterIP");
    }
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException("invalid benchmark options: " + String.join("; ", problems));
    }
    rounds = Math.min(rounds, tenants);
  }

  public static BenchOptions defaults() {
    return new BenchOptions(DEFAULT_TENANTS, DEFAULT_CONCURRENCY, DEFAULT_PARTITIONS, DEFAULT_WARMUP,
        DEFAULT_ROUNDS, NODE_PORT, true, null);
  }

  public BenchOptions withTenants(int count) {
    return new BenchOptions(count, concurrency, partitions, warmup, rounds, serviceType, simulator, dataDir);
  }

  public BenchOptions withConcurrency(int inFlight) {
    return new BenchOptions(tenants, inFlight, partitions, warmup, rounds, serviceType, simulator, dataDir);
  }

  public BenchOptions withPartitions(int count) {
    return new BenchOptions(tenants, concurrency, count, warmup, rounds, serviceType, simulator, dataDir);
  }

  public BenchOptions withWarmup(int count) {
    return new BenchOptions(tenants, concurrency, partitions, count, rounds, serviceType, simulator, dataDir);
  }

  public BenchOptions withRounds(int count) {
    return new BenchOptions(tenants, concurrency, partitions, warmup, count, serviceType, simulator, dataDir);
  }

  /** Both sides hand each NodePort tenant its own pair of the platform's default range. */
  static int nodePortPairs() {
    return (NodePortRange.DEFAULT.last() - NodePortRange.DEFAULT.first() + 1) / 2;
  }

  private static void atLeast(List<String> problems, String option, int value, int least) {
    if (value < least) {
      problems.add(option + " " + value + " must be at least " + least);
    }
  }
}
