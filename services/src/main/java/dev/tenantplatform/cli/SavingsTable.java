package dev.tenantplatform.cli;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;

/** The savings report of {@code GET /savings} as the seed's Action 7 table, then one line per tenant. */
final class SavingsTable {

  private final JsonObject report;
  private final JsonObject model;
  private final String currency;

  SavingsTable(JsonObject report) {
    this.report = report;
    this.model = report.getJsonObject("model", new JsonObject());
    this.currency = model.getString("currency", "");
  }

  void print(PrintWriter out, String tenant) {
    JsonObject node = model.getJsonObject("node", new JsonObject());
    out.println("Hosted control planes (k0smotron) against profile " + model.getString("profile") + ": "
        + model.getInteger("controlPlaneNodesPerCluster") + " dedicated " + node.getString("instanceType")
        + " control-plane node(s) per cluster (" + node.getValue("vcpu") + " vCPU, "
        + memory(node.getLong("memoryBytes")) + ", " + currency + " " + node.getValue("pricePerHour") + "/h)");
    JsonObject comparison = tenant == null ? report.getJsonObject("total") : tenantComparison(tenant);
    if (comparison == null) {
      return;
    }
    out.println(tenant == null ? "Total of " + report.getInteger("counted") + " tenant(s) compared, "
        + report.getInteger("unknown") + " unknown; usage: " + report.getString("usage")
        : "Tenant " + tenant);
    out.println();
    action7(comparison).print(out);
    out.println();
    if (tenant == null) {
      perTenant().print(out);
      out.println();
    }
    out.println("Prices: " + model.getString("priceSource") + "; management cluster node_cpu_hourly_cost "
        + model.getValue("node_cpu_hourly_cost") + ", node_ram_hourly_cost " + model.getValue("node_ram_hourly_cost")
        + " " + currency + "; a month is " + model.getValue("hoursPerMonth") + " h.");
    out.println("Formula: " + model.getString("formula"));
    out.flush();
  }

  private JsonObject tenantComparison(String tenant) {
    for (Object item : report.getJsonArray("tenants", new JsonArray())) {
      JsonObject row = (JsonObject) item;
      if (tenant.equals(row.getString("tenant"))) {
        if (row.containsKey("unknown")) {
          throw new IllegalArgumentException("tenant '" + tenant + "' cannot be compared yet: "
              + row.getString("unknown"));
        }
        return row.getJsonObject("comparison");
      }
    }
    throw new IllegalArgumentException("no tenant '" + tenant + "' in the savings report: `tenant-platform"
        + " tenants list` shows the tenants");
  }

  /** The seed's table: dedicated against hosted, and what is saved. */
  private Table action7(JsonObject c) {
    JsonObject b = c.getJsonObject("baseline");
    JsonObject h = c.getJsonObject("hosted");
    JsonObject saved = c.getJsonObject("saved");
    JsonObject ratios = c.getJsonObject("ratios", new JsonObject());
    return new Table("METRIC", "DEDICATED (KUBEADM)", "HOSTED (K0SMOTRON)", "SAVED")
        .row("Total machines", b.getInteger("machines"), h.getInteger("machines"),
            saved.getInteger("machines") + percent(ratios, "machines"))
        .row("Control plane", b.getInteger("controlPlaneMachines") + " nodes",
            h.getInteger("controlPlanePods") + " pods", saved.getInteger("controlPlaneMachines") + " machines")
        .row("Worker machines", b.getInteger("workerMachines"), h.getInteger("workerMachines"), "-")
        .row("Docker containers", b.getInteger("containers"), h.getInteger("containers"),
            (b.getInteger("containers") - h.getInteger("containers")) + percent(ratios, "machines"))
        .row("Memory", memory(b.getLong("memoryBytes")), memory(h.getLong("memoryBytes")),
            memory(saved.getLong("memoryBytes")) + percent(ratios, "memory"))
        .row("CPU (cores)", b.getValue("cpuCores"), h.getValue("cpuCores"),
            saved.getValue("cpuCores") + percent(ratios, "cpu"))
        .row("Cost/month, gross", money(b.getValue("costPerMonthGross")), money(h.getValue("costPerMonthGross")),
            money(saved.getValue("costPerMonthGross")) + percent(ratios, "cost_gross"))
        .row("Cost/month, net", money(b.getValue("costPerMonthNet")), money(h.getValue("costPerMonthNet")),
            money(saved.getValue("costPerMonthNet")) + percent(ratios, "cost"))
        .row("Boot to control plane ready", seconds(b.getValue("bootSeconds")), seconds(h.getValue("bootSeconds")),
            seconds(saved.getValue("bootSeconds")) + percent(ratios, "boot_time"));
  }

  private Table perTenant() {
    Table table = new Table("TENANT", "CP REPLICAS", "WORKERS", "CP MACHINES SAVED", "MEMORY SAVED",
        "NET SAVED/MONTH", "BOOT", "NOTE");
    for (Object item : report.getJsonArray("tenants", new JsonArray())) {
      JsonObject row = (JsonObject) item;
      JsonObject c = row.getJsonObject("comparison");
      if (c == null) {
        table.row(row.getString("tenant"), row.getValue("controlPlaneReplicas"), row.getValue("workers"), null,
            null, null, null, "unknown: " + row.getString("unknown"));
      } else {
        JsonObject saved = c.getJsonObject("saved");
        table.row(row.getString("tenant"), row.getValue("controlPlaneReplicas"), row.getValue("workers"),
            saved.getInteger("controlPlaneMachines"), memory(saved.getLong("memoryBytes")),
            money(saved.getValue("costPerMonthNet")), seconds(c.getJsonObject("hosted").getValue("bootSeconds")),
            null);
      }
    }
    return table;
  }

  /** {@code " (33.3%)"}; empty when the ratio cannot be told. */
  private static String percent(JsonObject ratios, String resource) {
    Object ratio = ratios.getValue(resource);
    if (ratio == null) {
      return "";
    }
    BigDecimal value = new BigDecimal(ratio.toString()).movePointRight(2).setScale(1, RoundingMode.HALF_UP);
    return " (" + value.toPlainString() + "%)";
  }

  private String money(Object amount) {
    return amount == null ? "-" : currency + " " + new BigDecimal(amount.toString()).setScale(2, RoundingMode.HALF_UP)
        .toPlainString();
  }

  private static String seconds(Object value) {
    return value == null ? "-" : new BigDecimal(value.toString()).stripTrailingZeros().toPlainString() + " s";
  }

  /** Bytes in the largest binary unit below them, one decimal: {@code 4.0 GiB}, {@code 429.2 MiB}. */
  static String memory(Long bytes) {
    if (bytes == null) {
      return "-";
    }
    String[] units = {"B", "KiB", "MiB", "GiB", "TiB"};
    double value = bytes;
    int unit = 0;
    while (Math.abs(value) >= 1024 && unit < units.length - 1) {
      value /= 1024;
      unit++;
    }
    return String.format(Locale.ROOT, unit == 0 ? "%.0f %s" : "%.1f %s", value, units[unit]);
  }
}
