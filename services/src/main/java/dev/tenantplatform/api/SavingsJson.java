package dev.tenantplatform.api;

import dev.tenantplatform.metrics.model.BaselineProfile;
import dev.tenantplatform.metrics.model.Comparison;
import dev.tenantplatform.metrics.model.SavingsConfig;
import dev.tenantplatform.metrics.model.SavingsModel;
import dev.tenantplatform.metrics.model.SavingsReport;
import dev.tenantplatform.metrics.model.Side;
import dev.tenantplatform.metrics.model.TenantSavings;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;

/** The savings report as {@code GET /savings} answers it: the model's inputs, the total, each tenant. */
final class SavingsJson {

  private SavingsJson() {
  }

  static JsonObject report(SavingsReport report) {
    JsonArray tenants = new JsonArray();
    for (TenantSavings tenant : report.tenants()) {
      JsonObject row = new JsonObject().put("tenant", tenant.tenant())
          .put("controlPlaneReplicas", tenant.controlPlaneReplicas()).put("workers", tenant.workers());
      if (tenant.counted()) {
        row.put("comparison", comparison(tenant.comparison()));
      } else {
        row.put("unknown", tenant.unknown());
      }
      tenants.add(row);
    }
    return new JsonObject()
        .put("model", model(report.config()))
        .put("counted", report.counted())
        .put("unknown", report.unknown())
        .put("usage", report.usage())
        .put("total", comparison(report.total()))
        .put("tenants", tenants);
  }

  private static JsonObject model(SavingsConfig config) {
    BaselineProfile profile = config.baseline();
    return new JsonObject()
        .put("profile", profile.name())
        .put("controlPlaneNodesPerCluster", profile.nodesPerCluster())
        .put("node", new JsonObject().put("instanceType", profile.node().instanceType())
            .put("vcpu", number(profile.node().vcpu())).put("memoryBytes", profile.node().memoryBytes())
            .put("pricePerHour", number(profile.node().pricePerHour())))
        .put("baselineBootSeconds", number(profile.bootSeconds()))
        .put("node_cpu_hourly_cost", number(config.management().cpuPerCoreHour()))
        .put("node_ram_hourly_cost", number(config.management().ramPerGiBHour()))
        .put("hoursPerMonth", number(SavingsConfig.HOURS_PER_MONTH))
        .put("currency", config.currency())
        .put("priceSource", config.priceSource())
        .put("formula", SavingsModel.FORMULA);
  }

  private static JsonObject comparison(Comparison c) {
    JsonObject ratios = new JsonObject();
    c.ratios().forEach((resource, value) -> ratios.put(resource.label(), number(value)));
    return new JsonObject()
        .put("baseline", side(c.baseline()))
        .put("hosted", side(c.hosted()))
        .put("saved", new JsonObject()
            .put("machines", c.savedMachines())
            .put("controlPlaneMachines", c.savedControlPlaneMachines())
            .put("cpuCores", number(c.savedCpuCores()))
            .put("memoryBytes", c.savedMemoryBytes())
            .put("costPerMonthGross", number(c.savedCostPerMonthGross()))
            .put("costPerMonthNet", number(c.savedCostPerMonthNet()))
            .put("bootSeconds", number(c.savedBootSeconds())))
        .put("ratios", ratios);
  }

  private static JsonObject side(Side side) {
    return new JsonObject()
        .put("machines", side.machines())
        .put("controlPlaneMachines", side.controlPlaneMachines())
        .put("controlPlanePods", side.controlPlanePods())
        .put("workerMachines", side.workerMachines())
        .put("containers", side.containers())
        .put("cpuCores", number(side.cpu()))
        .put("memoryBytes", side.memoryBytes())
        .put("costPerMonthGross", number(side.costPerMonthGross()))
        .put("costPerMonthNet", number(side.costPerMonthNet()))
        .put("bootSeconds", number(side.bootSeconds()));
  }

  /** Decimals as JSON numbers, without the trailing zeros a scale adds ({@code 0.3750} is {@code 0.375}). */
  private static Number number(BigDecimal value) {
    if (value == null) {
      return null;
    }
    BigDecimal plain = value.stripTrailingZeros();
    return plain.scale() <= 0 ? (Number) plain.toBigIntegerExact().longValueExact() : plain;
  }
}
