package dev.tenantplatform.metrics.model;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * One side of the comparison, for one tenant cluster or summed over many. Amounts are exact; the accessors that
 * round say so.
 *
 * @param controlPlaneMachines dedicated control-plane machines (0 on the hosted side)
 * @param controlPlanePods hosted control-plane pods, k0s and etcd (0 on the baseline side)
 * @param workerMachines worker machines, the same on both sides
 * @param cpuCores vCPU of the machines, plus what the hosted pods request
 * @param memoryBytes memory of the machines, plus what the hosted pods request
 * @param machineCostPerMonth what the machines cost per month
 * @param podCostPerMonth the hosted pods' share of the management cluster per month (0 on the baseline side)
 * @param bootSeconds request to a ready control plane; for a sum, the mean of the tenants measured; null when
 *     not measured
 */
public record Side(int controlPlaneMachines, int controlPlanePods, int workerMachines, BigDecimal cpuCores,
    long memoryBytes, BigDecimal machineCostPerMonth, BigDecimal podCostPerMonth, BigDecimal bootSeconds) {

  public static final Side NONE = new Side(0, 0, 0, BigDecimal.ZERO, 0, BigDecimal.ZERO, BigDecimal.ZERO, null);

  public int machines() {
    return controlPlaneMachines + workerMachines;
  }

  /** With CAPD, each machine is one container on the host: the seed's "Docker Containers" row. */
  public int containers() {
    return machines();
  }

  /** What the side costs per month when hosted control planes cost nothing (the seed's view), to the cent. */
  public BigDecimal costPerMonthGross() {
    return SavingsModel.money(machineCostPerMonth);
  }

  /** What the side costs per month, hosted control planes at their share of the management cluster, to the cent. */
  public BigDecimal costPerMonthNet() {
    return SavingsModel.money(machineCostPerMonth.add(podCostPerMonth));
  }

  /** CPU to the thousandth of a core. */
  public BigDecimal cpu() {
    return cpuCores.setScale(3, RoundingMode.HALF_UP);
  }

  /** The sum of two sides; {@code bootSeconds} is left to the caller, a sum of boot times means nothing. */
  Side plus(Side other) {
    return new Side(controlPlaneMachines + other.controlPlaneMachines, controlPlanePods + other.controlPlanePods,
        workerMachines + other.workerMachines, cpuCores.add(other.cpuCores), memoryBytes + other.memoryBytes,
        machineCostPerMonth.add(other.machineCostPerMonth), podCostPerMonth.add(other.podCostPerMonth), null);
  }

  Side withBootSeconds(BigDecimal seconds) {
    return new Side(controlPlaneMachines, controlPlanePods, workerMachines, cpuCores, memoryBytes,
        machineCostPerMonth, podCostPerMonth, seconds);
  }
}
