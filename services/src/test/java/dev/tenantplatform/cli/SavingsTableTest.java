package dev.tenantplatform.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonObject;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** {@code compare} prints the report of {@code GET /savings} as the seed's Action 7 table. */
class SavingsTableTest {

  /** The seed's Action 7 as the API reports it: 1 dedicated node + 2 workers against 2 workers and 3 pods. */
  private static final String ACTION_7 = """
      {"model": {"profile": "dev", "controlPlaneNodesPerCluster": 1,
        "node": {"instanceType": "docker-container", "vcpu": 1, "memoryBytes": 150000000, "pricePerHour": 0},
        "baselineBootSeconds": 180, "node_cpu_hourly_cost": 0, "node_ram_hourly_cost": 0, "hoursPerMonth": 730,
        "currency": "USD", "priceSource": "the seed's figures", "formula": "saved = baseline - hosted"},
       "counted": 1, "unknown": 1, "usage": "not available",
       "total": %s,
       "tenants": [{"tenant": "k0s-demo", "controlPlaneReplicas": 3, "workers": 2, "comparison": %s},
                   {"tenant": "late", "controlPlaneReplicas": 1, "workers": 2,
                    "unknown": "control plane not ready yet"}]}
      """;
  private static final String COMPARISON = """
      {"baseline": {"machines": 3, "controlPlaneMachines": 1, "controlPlanePods": 0, "workerMachines": 2,
                    "containers": 3, "cpuCores": 3, "memoryBytes": 450000000, "costPerMonthGross": 0,
                    "costPerMonthNet": 0, "bootSeconds": 180},
       "hosted": {"machines": 2, "controlPlaneMachines": 0, "controlPlanePods": 3, "workerMachines": 2,
                  "containers": 2, "cpuCores": 2, "memoryBytes": 300000000, "costPerMonthGross": 0,
                  "costPerMonthNet": 0, "bootSeconds": 60},
       "saved": {"machines": 1, "controlPlaneMachines": 1, "cpuCores": 1, "memoryBytes": 150000000,
                 "costPerMonthGross": 0, "costPerMonthNet": 0, "bootSeconds": 120},
       "ratios": {"machines": 0.3333, "memory": 0.3333, "cpu": 0.3333, "boot_time": 0.6667}}
      """;

  private static String print(String tenant) {
    StringWriter text = new StringWriter();
    new SavingsTable(new JsonObject(ACTION_7.formatted(COMPARISON, COMPARISON))).print(new PrintWriter(text),
        tenant);
    return text.toString();
  }

  private static String line(String output, String start) {
    return output.lines().filter(l -> l.startsWith(start)).findFirst().orElseThrow().replaceAll(" {2,}", " | ");
  }

  @Test
  void theTotalReadsAsTheSeedsAction7Table() {
    String output = print(null);

    assertThat(line(output, "Total machines")).isEqualTo("Total machines | 3 | 2 | 1 (33.3%)");
    assertThat(line(output, "Control plane")).isEqualTo("Control plane | 1 nodes | 3 pods | 1 machines");
    assertThat(line(output, "Docker containers")).isEqualTo("Docker containers | 3 | 2 | 1 (33.3%)");
    assertThat(line(output, "Memory")).isEqualTo("Memory | 429.2 MiB | 286.1 MiB | 143.1 MiB (33.3%)");
    assertThat(line(output, "Boot")).isEqualTo("Boot to control plane ready | 180 s | 60 s | 120 s (66.7%)");
    assertThat(output).contains("Formula: saved = baseline - hosted", "usage: not available");
  }

  @Test
  void aTenantThatCannotBeComparedIsListedWithTheReason() {
    assertThat(line(print(null), "late")).endsWith("unknown: control plane not ready yet");
    assertThatThrownBy(() -> print("late")).hasMessageContaining("cannot be compared yet: control plane not ready");
  }

  @Test
  void oneTenantsTableCanBeAskedFor() {
    String output = print("k0s-demo");

    assertThat(output).contains("Tenant k0s-demo");
    assertThat(line(output, "Total machines")).isEqualTo("Total machines | 3 | 2 | 1 (33.3%)");
    assertThat(output).doesNotContain("CP REPLICAS");
  }
}
