package dev.tenantplatform.metrics.model;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.EnumMap;
import java.util.Map;

/** The baseline against the hosted side, and what the difference saves. */
public record Comparison(Side baseline, Side hosted) {

  public int savedMachines() {
    return baseline.machines() - hosted.machines();
  }

  /** Control-plane machines avoided: the baseline's, since hosted control planes need none. */
  public int savedControlPlaneMachines() {
    return baseline.controlPlaneMachines() - hosted.controlPlaneMachines();
  }

  public BigDecimal savedCpuCores() {
    return baseline.cpuCores().subtract(hosted.cpuCores()).setScale(3, RoundingMode.HALF_UP);
  }

  public long savedMemoryBytes() {
    return baseline.memoryBytes() - hosted.memoryBytes();
  }

  public BigDecimal savedCostPerMonthGross() {
    return SavingsModel.money(baseline.machineCostPerMonth().subtract(hosted.machineCostPerMonth()));
  }

  public BigDecimal savedCostPerMonthNet() {
    return SavingsModel.money(baseline.machineCostPerMonth().add(baseline.podCostPerMonth())
        .subtract(hosted.machineCostPerMonth()).subtract(hosted.podCostPerMonth()));
  }

  /** Seconds the hosted control plane was ready sooner; null when its boot was not measured. */
  public BigDecimal savedBootSeconds() {
    return baseline.bootSeconds() == null || hosted.bootSeconds() == null ? null
        : baseline.bootSeconds().subtract(hosted.bootSeconds());
  }

  /**
   * The share of the baseline saved, {@code (baseline - hosted) / baseline}, to four places (0.3333 is 33.33%);
   * null when the baseline is zero or the boot time was not measured.
   */
  public BigDecimal ratio(Resource resource) {
    return switch (resource) {
      case MACHINES -> SavingsModel.ratio(BigDecimal.valueOf(savedMachines()),
          BigDecimal.valueOf(baseline.machines()));
      case MEMORY -> SavingsModel.ratio(BigDecimal.valueOf(savedMemoryBytes()),
          BigDecimal.valueOf(baseline.memoryBytes()));
      case CPU -> SavingsModel.ratio(baseline.cpuCores().subtract(hosted.cpuCores()), baseline.cpuCores());
      case COST -> SavingsModel.ratio(baseline.machineCostPerMonth().add(baseline.podCostPerMonth())
          .subtract(hosted.machineCostPerMonth()).subtract(hosted.podCostPerMonth()),
          baseline.machineCostPerMonth().add(baseline.podCostPerMonth()));
      case COST_GROSS -> SavingsModel.ratio(baseline.machineCostPerMonth().subtract(hosted.machineCostPerMonth()),
          baseline.machineCostPerMonth());
      case BOOT_TIME -> savedBootSeconds() == null ? null
          : SavingsModel.ratio(savedBootSeconds(), baseline.bootSeconds());
    };
  }

  /** Every ratio that can be told, in {@link Resource} order. */
  public Map<Resource, BigDecimal> ratios() {
    Map<Resource, BigDecimal> ratios = new EnumMap<>(Resource.class);
    for (Resource resource : Resource.values()) {
      BigDecimal value = ratio(resource);
      if (value != null) {
        ratios.put(resource, value);
      }
    }
    return ratios;
  }
}
