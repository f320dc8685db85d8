package dev.tenantplatform.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.util.List;
import java.util.Locale;

/**
 * The outcome of a run: both sides' figures side by side and the platform's throughput as a share of the
 * floor's, against the target.
 *
 * @param simulator the simulator profile that ran against both APIs, or {@code off}
 * @param ratio the platform's tenants per second over the floor's
 * @param verdict PASS when the ratio reaches the target, BELOW when not, INCOMPLETE when a side did not apply
 *     every tenant (the figures then say little)
 */
public record BenchReport(int tenants, int concurrency, int partitions, int warmup, int rounds,
    String serviceType, String simulator, Machine machine, List<SideResult> sides, double ratio, double target,
    Verdict verdict) {

  /** The platform should keep at least this share of what the bare API allows. */
  public static final double TARGET = 0.7;

  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  /** How the platform fared against the floor. */
  public enum Verdict { PASS, BELOW, INCOMPLETE }

  public BenchReport {
    sides = List.copyOf(sides);
  }

  static BenchReport of(BenchOptions options, SideResult floor, SideResult platform, Machine machine) {
    double ratio = floor.tenantsPerSecond() > 0
        ? Math.round(platform.tenantsPerSecond() / floor.tenantsPerSecond() * 1000) / 1000.0 : 0;
    Verdict verdict = !floor.complete() || !platform.complete() ? Verdict.INCOMPLETE
        : ratio >= TARGET ? Verdict.PASS : Verdict.BELOW;
    return new BenchReport(options.tenants(), options.concurrency(), options.partitions(), options.warmup(),
        options.rounds(), options.serviceType(), options.simulator() ? "instant" : "off", machine,
        List.of(floor, platform), ratio, TARGET, verdict);
  }

  public SideResult floor() {
    return sides.get(0);
  }

  public SideResult platform() {
    return sides.get(1);
  }

  /** For a person: one line per side, then the ratio and the verdict. */
  public String table() {
    StringBuilder out = new StringBuilder();
    out.append(String.format(Locale.ROOT, "%d tenants per side in %d rounds, %d in flight, %d partitions, %s,"
        + " simulator %s, %d warm-up tenants per side not counted%n", tenants, rounds, concurrency, partitions,
        serviceType, simulator, warmup));
    out.append(String.format(Locale.ROOT, "%-9s %8s %8s %8s %10s %9s %9s %9s  %s%n", "side", "tenants",
        "applied", "wall s", "tenants/s", "p50 ms", "p99 ms", "max ms", "API calls/tenant"));
    for (SideResult side : sides) {
      out.append(String.format(Locale.ROOT, "%-9s %8d %8d %8.2f %10.1f %9.1f %9.1f %9.1f  %.1f %s%n",
          side.side(), side.tenants(), side.applied(), side.wallSeconds(), side.tenantsPerSecond(), side.p50Ms(),
          side.p99Ms(), side.maxMs(), side.apiCallsPerTenantInAll(), side.apiCallsPerTenant()));
    }
    out.append(String.format(Locale.ROOT, "processor time per tenant: floor %.1f ms, platform %.1f ms (%.2f x);"
        + " Kafka requests per platform tenant %.1f %s%n", floor().cpuMsPerTenant(), platform().cpuMsPerTenant(),
        floor().cpuMsPerTenant() > 0 ? platform().cpuMsPerTenant() / floor().cpuMsPerTenant() : 0,
        platform().kafkaRequestsPerTenantInAll(), platform().kafkaRequestsPerTenant()));
    out.append(String.format(Locale.ROOT, "platform/floor throughput %.2f (target >= %.2f): %s%n", ratio, target,
        verdict));
    out.append(String.format(Locale.ROOT, "%d CPUs, load average %.2f at the end%s%n", machine.cpus(),
        machine.loadAverage(), machine.busy() ? ": a busy machine, the figures vary from run to run" : ""));
    for (SideResult side : sides) {
      if (!side.complete()) {
        out.append(String.format(Locale.ROOT, "%s: %d of %d applied, %d failed, %d Clusters in its API%n",
            side.side(), side.applied(), side.tenants(), side.failed(), side.clustersInApi()));
        side.failures().forEach(reason -> out.append("  ").append(reason).append(System.lineSeparator()));
      }
    }
    return out.toString();
  }

  /** The same figures as JSON, for tools and notes. */
  public String json() {
    try {
      return JSON.writeValueAsString(this);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("the benchmark report cannot be written as JSON: " + e.getMessage(), e);
    }
  }
}
