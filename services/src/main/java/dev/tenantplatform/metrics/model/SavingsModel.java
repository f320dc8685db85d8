package dev.tenantplatform.metrics.model;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/**
 * What hosted control planes save against the same tenant clusters with dedicated control-plane machines.
 *
 * <p><b>Formula</b>, per tenant cluster with {@code W} workers; the baseline profile gives {@code N} control-plane
 * nodes per cluster, each of {@code vcpu} cores, {@code mem} bytes and {@code price} per hour; a month is
 * {@code H = 730} hours:
 * <pre>
 * baseline machines = N + W             hosted machines = W
 * baseline cpu      = (N + W) * vcpu    hosted cpu      = W * vcpu + Σ pod cpu requests (k0s + etcd)
 * baseline memory   = (N + W) * mem     hosted memory   = W * mem  + Σ pod memory requests (k0s + etcd)
 * baseline cost     = (N + W) * price * H
 * hosted cost gross = W * price * H                        (hosted control planes cost nothing: the seed's view)
 * hosted cost net   = hosted cost gross
 *                   + (Σ cpu requests * node_cpu_hourly_cost + Σ memory requests in GiB * node_ram_hourly_cost) * H
 * saved X           = baseline X - hosted X;   ratio X = saved X / baseline X
 * boot              = configured baseline boot time  vs  request to control plane ready, measured (tenant.ready)
 * </pre>
 * Totals are the sums over the tenants that can be compared; the boot times in a total are means. Dedicated
 * machines count whole (they are paid whole); hosted pods count what they request (what the scheduler reserves
 * for them). A tenant whose pods request nothing is <em>unknown</em>, never a saving at zero cost.
 *
 * <p>Amounts stay exact until shown: money to the cent, cores to the thousandth, ratios to four places, all
 * rounded half up, so the seed's tables come out exactly.
 */
public final class SavingsModel {

  /** The formula in one line, for reports that name it (the class comment spells it out). */
  public static final String FORMULA = "baseline = (N control-plane nodes + W workers) machines of the profile's"
      + " shape and price; hosted = W workers + the k0s and etcd pods' requests, priced at node_cpu_hourly_cost"
      + " per core-hour and node_ram_hourly_cost per GiB-hour (net; 0 in the gross view); month = 730 h;"
      + " saved = baseline - hosted; ratio = saved / baseline; boot = configured baseline vs measured request to"
      + " control plane ready";

  /** Enough digits that a price per month turned into a price per hour and back gives the cent it was. */
  static final MathContext EXACT = MathContext.DECIMAL128;
  private static final BigDecimal GIB = BigDecimal.valueOf(1L << 30);

  private final SavingsConfig config;

  public SavingsModel(SavingsConfig config) {
    this.config = config;
  }

  public SavingsConfig config() {
    return config;
  }

  /** One tenant compared, or unknown with the reason. */
  public TenantSavings compare(TenantInputs tenant) {
    String unknown = unknown(tenant);
    if (unknown != null) {
      return new TenantSavings(tenant.tenant(), tenant.controlPlaneReplicas(), tenant.workers(), unknown, null);
    }
    return new TenantSavings(tenant.tenant(), tenant.controlPlaneReplicas(), tenant.workers(), null,
        compare(tenant.workers(), tenant.hosted(), tenant.bootSeconds()));
  }

  /**
   * A cluster of {@code workers} workers whose hosted control plane takes {@code hosted}, against the baseline.
   * Here a footprint that requests nothing counts as free: the seed's tables assume it, the log never does.
   */
  public Comparison compare(int workers, HostedFootprint hosted, BigDecimal bootSeconds) {
    return new Comparison(baseline(workers), hosted(workers, hosted, bootSeconds));
  }

  /** Every tenant, and the total over those compared. */
  public SavingsReport report(Collection<TenantInputs> tenants) {
    List<TenantSavings> rows = new ArrayList<>();
    Side baseline = Side.NONE;
    Side hosted = Side.NONE;
    BigDecimal bootSum = BigDecimal.ZERO;
    int booted = 0;
    for (TenantInputs tenant : tenants.stream().sorted(Comparator.comparing(TenantInputs::tenant)).toList()) {
      TenantSavings row = compare(tenant);
      rows.add(row);
      if (row.counted()) {
        baseline = baseline.plus(row.comparison().baseline());
        hosted = hosted.plus(row.comparison().hosted());
        if (tenant.bootSeconds() != null) {
          bootSum = bootSum.add(tenant.bootSeconds());
          booted++;
        }
      }
    }
    BigDecimal meanBoot = booted == 0 ? null
        : bootSum.divide(BigDecimal.valueOf(booted), 3, RoundingMode.HALF_UP);
    Comparison total = new Comparison(baseline.withBootSeconds(config.baseline().bootSeconds()),
        hosted.withBootSeconds(meanBoot));
    return new SavingsReport(config, rows, total, SavingsReport.USAGE_NOT_AVAILABLE);
  }

  Side baseline(int workers) {
    BaselineProfile profile = config.baseline();
    int machines = profile.nodesPerCluster() + workers;
    return new Side(profile.nodesPerCluster(), 0, workers, machinesCpu(machines), machinesMemory(machines),
        machinesCost(machines), BigDecimal.ZERO, profile.bootSeconds());
  }

  Side hosted(int workers, HostedFootprint pods, BigDecimal bootSeconds) {
    BigDecimal podCpu = pods.cpuCores();
    BigDecimal podGiB = BigDecimal.valueOf(pods.memoryBytes()).divide(GIB, EXACT);
    BigDecimal podCost = podCpu.multiply(config.management().cpuPerCoreHour())
        .add(podGiB.multiply(config.management().ramPerGiBHour()))
        .multiply(SavingsConfig.HOURS_PER_MONTH);
    return new Side(0, pods.pods(), workers, machinesCpu(workers).add(podCpu),
        machinesMemory(workers) + pods.memoryBytes(), machinesCost(workers), podCost, bootSeconds);
  }

  private BigDecimal machinesCpu(int machines) {
    return config.baseline().node().vcpu().multiply(BigDecimal.valueOf(machines));
  }

  private long machinesMemory(int machines) {
    return config.baseline().node().memoryBytes() * machines;
  }

  private BigDecimal machinesCost(int machines) {
    return config.baseline().node().pricePerHour().multiply(BigDecimal.valueOf(machines))
        .multiply(SavingsConfig.HOURS_PER_MONTH);
  }

  private static String unknown(TenantInputs tenant) {
    if (!tenant.controlPlaneReady()) {
      return "control plane not ready yet: its pods' requests are read when it is";
    }
    if (tenant.hosted() == null) {
      return "its cluster.controlplane.ready carries no pod requests (written by an earlier version)";
    }
    if (!tenant.hosted().known()) {
      return "its control-plane pods request no CPU and no memory (BestEffort): what they take cannot be"
          + " told; give the control-plane plan resources";
    }
    return null;
  }

  /** Money to the cent. */
  static BigDecimal money(BigDecimal amount) {
    return amount.setScale(2, RoundingMode.HALF_UP);
  }

  /** {@code part / whole} to four places; null when the whole is zero. */
  static BigDecimal ratio(BigDecimal part, BigDecimal whole) {
    return whole.signum() == 0 ? null : part.divide(whole, EXACT).setScale(4, RoundingMode.HALF_UP);
  }
}
