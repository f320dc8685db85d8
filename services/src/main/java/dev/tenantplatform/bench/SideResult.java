package dev.tenantplatform.bench;

import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One side's figures.
 *
 * @param side {@code floor} or {@code platform}
 * @param tenants the tenants it was given
 * @param applied those that got all their objects
 * @param failed those that did not, with the first few reasons in {@code failures}
 * @param clustersInApi the given tenants whose CAPI Cluster the side's API holds after the run: a check that
 *     applied means written
 * @param wallSeconds from the first tenant started to the last one finished
 * @param tenantsPerSecond applied tenants per second of wall time
 * @param p50Ms median of the applied tenants' latencies (floor: first request to last answer; platform:
 *     request produced to {@code cluster.applied} read)
 * @param p99Ms 99th percentile of those latencies, nearest rank
 * @param maxMs the slowest tenant
 * @param apiCallsPerTenant the side's own calls to its API per tenant given (the simulated controllers' left
 *     out), by HTTP method: on the embedded API, where every call looks through every stored object and
 *     writes go one at a time, they weigh on the throughput more than anything
 * @param cpuMsPerTenant the processor time the JVM used during the side's turns, per tenant given: the run is
 *     bound by the processors, so this is what sets the throughput (the broker's and the simulated
 *     controllers' work included)
 * @param kafkaRequestsPerTenant the requests the broker served during the side's turns, per tenant given, by
 *     type: the platform's own and the broker's to itself for the platform's transactions (the floor's turns
 *     see only the idle platform's polls)
 */
public record SideResult(String side, int tenants, int applied, int failed, int clustersInApi, double wallSeconds,
    double tenantsPerSecond, double p50Ms, double p99Ms, double maxMs, Map<String, Double> apiCallsPerTenant,
    double cpuMsPerTenant, Map<String, Double> kafkaRequestsPerTenant, List<String> failures) {

  /** Enough reasons to see what went wrong, few enough to read. */
  static final int REASONS_KEPT = 5;

  public SideResult {
    apiCallsPerTenant = Collections.unmodifiableMap(new TreeMap<>(apiCallsPerTenant));
    kafkaRequestsPerTenant = Collections.unmodifiableMap(new TreeMap<>(kafkaRequestsPerTenant));
    failures = List.copyOf(failures);
  }

  static SideResult of(String side, Collection<String> tenants, Onboarding run, int clustersInApi,
      Map<String, Long> apiCalls, Spent spent) {
    long[] sorted = run.latencyNanos().values().stream().mapToLong(Long::longValue).sorted().toArray();
    double wall = run.wallNanos() / 1e9;
    List<String> reasons = run.failures().entrySet().stream().sorted(Map.Entry.comparingByKey())
        .limit(REASONS_KEPT).map(e -> e.getKey() + ": " + e.getValue()).toList();
    int given = Math.max(1, tenants.size());
    return new SideResult(side, tenants.size(), sorted.length, run.failures().size(), clustersInApi,
        round(wall, 3), round(wall > 0 ? sorted.length / wall : 0, 1), millis(percentile(sorted, 50)),
        millis(percentile(sorted, 99)), millis(sorted.length == 0 ? 0 : sorted[sorted.length - 1]),
        perTenant(apiCalls, given), round(spent.cpuNanos() / 1e6 / given, 1),
        perTenant(spent.kafkaRequests(), given), reasons);
  }

  /**
   * What a side's turns cost the machine, summed over the rounds.
   *
   * @param cpuNanos processor time of the JVM
   * @param kafkaRequests requests the broker served, by type
   */
  record Spent(long cpuNanos, Map<String, Long> kafkaRequests) {

    static final Spent NOTHING = new Spent(0, Map.of());

    Spent plus(long cpu, Map<String, Long> requests) {
      Map<String, Long> sum = new TreeMap<>(kafkaRequests);
      requests.forEach((type, count) -> sum.merge(type, count, Long::sum));
      return new Spent(cpuNanos + cpu, sum);
    }
  }

  /** All the side's own API calls per tenant. */
  public double apiCallsPerTenantInAll() {
    return sum(apiCallsPerTenant);
  }

  /** All the broker's requests per tenant during the side's turns. */
  public double kafkaRequestsPerTenantInAll() {
    return sum(kafkaRequestsPerTenant);
  }

  private static Map<String, Double> perTenant(Map<String, Long> counts, int tenants) {
    Map<String, Double> perTenant = new TreeMap<>();
    counts.forEach((key, count) -> perTenant.put(key, round((double) count / tenants, 2)));
    return perTenant;
  }

  private static double sum(Map<String, Double> perTenant) {
    return round(perTenant.values().stream().mapToDouble(Double::doubleValue).sum(), 2);
  }

  /** Every tenant given was applied and is in the API. */
  public boolean complete() {
    return applied == tenants && failed == 0 && clustersInApi == tenants;
  }

  /** The nearest-rank percentile: the smallest value that at least {@code p} percent of the values do not exceed. */
  static long percentile(long[] sorted, double p) {
    if (sorted.length == 0) {
      return 0;
    }
    int rank = (int) Math.ceil(p / 100 * sorted.length);
    return sorted[Math.max(0, Math.min(sorted.length, rank) - 1)];
  }

  private static double millis(long nanos) {
    return round(nanos / 1e6, 1);
  }

  private static double round(double value, int decimals) {
    double scale = Math.pow(10, decimals);
    return Math.round(value * scale) / scale;
  }
}
