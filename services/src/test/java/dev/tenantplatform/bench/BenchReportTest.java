package dev.tenantplatform.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BenchReportTest {

  private static final Machine QUIET = new Machine(4, 0.5);
  private final BenchOptions options = BenchOptions.defaults();

  @Test
  void thePlatformPassesAtSevenTenthsOfTheFloorsThroughput() {
    BenchReport report = BenchReport.of(options, side("floor", 100.0), side("platform", 70.0), QUIET);
    assertThat(report.ratio()).isEqualTo(0.7);
    assertThat(report.verdict()).isEqualTo(BenchReport.Verdict.PASS);
    assertThat(BenchReport.of(options, side("floor", 100.0), side("platform", 69.9), QUIET).verdict())
        .isEqualTo(BenchReport.Verdict.BELOW);
  }

  @Test
  void aSideThatDidNotApplyEveryTenantMakesTheRunIncompleteAndSaysWhy() {
    SideResult broken = new SideResult("platform", 1000, 998, 2, 998, 10, 99.8, 1, 2, 3, Map.of(), 40, Map.of(),
        List.of("platform-00007: cluster.failed: {}"));
    BenchReport report = BenchReport.of(options, side("floor", 100.0), broken, QUIET);
    assertThat(report.verdict()).isEqualTo(BenchReport.Verdict.INCOMPLETE);
    assertThat(report.table()).contains("platform: 998 of 1000 applied, 2 failed", "platform-00007: cluster.failed");
  }

  @Test
  void theTableShowsBothSidesAndTheRatio() {
    String table = BenchReport.of(options, side("floor", 80.0), side("platform", 60.0), QUIET).table();
    assertThat(table).contains("1000 tenants per side in 10 rounds, 16 in flight, 12 partitions, NodePort,"
        + " simulator instant")
        .containsPattern("floor\\s+1000\\s+1000\\s+12\\.50\\s+80\\.0 .* 9\\.0 \\{POST=9\\.0}")
        .containsPattern("platform\\s+1000\\s+1000\\s+16\\.67\\s+60\\.0")
        .contains("processor time per tenant: floor 20.0 ms, platform 30.0 ms (1.50 x); Kafka requests per"
            + " platform tenant 5.0 {EndTxn=2.0, Produce=3.0}")
        .contains("platform/floor throughput 0.75 (target >= 0.70): PASS")
        .contains("4 CPUs, load average 0.50 at the end").doesNotContain("busy");
  }

  @Test
  void aBusyMachineIsPointedOutBesideTheFigures() {
    String table = BenchReport.of(options, side("floor", 80.0), side("platform", 60.0), new Machine(2, 7.5)).table();
    assertThat(table).contains("2 CPUs, load average 7.50 at the end: a busy machine, the figures vary");
  }

  @Test
  void theJsonHoldsTheSameFigures() throws Exception {
    JsonNode json = new ObjectMapper().readTree(BenchReport.of(options, side("floor", 80.0),
        side("platform", 60.0), QUIET).json());
    assertThat(json.get("tenants").asInt()).isEqualTo(1000);
    assertThat(json.get("ratio").asDouble()).isEqualTo(0.75);
    assertThat(json.get("verdict").asText()).isEqualTo("PASS");
    assertThat(json.get("sides").get(1).get("side").asText()).isEqualTo("platform");
    assertThat(json.get("sides").get(1).get("tenantsPerSecond").asDouble()).isEqualTo(60.0);
    assertThat(json.get("sides").get(0).get("p99Ms").asDouble()).isEqualTo(20.0);
    assertThat(json.get("machine").get("loadAverage").asDouble()).isEqualTo(0.5);
    assertThat(json.get("sides").get(0).get("apiCallsPerTenant").get("POST").asDouble()).isEqualTo(9.0);
    assertThat(json.get("sides").get(1).get("cpuMsPerTenant").asDouble()).isEqualTo(30.0);
    assertThat(json.get("sides").get(1).get("kafkaRequestsPerTenant").get("EndTxn").asDouble()).isEqualTo(2.0);
  }

  private static SideResult side(String name, double perSecond) {
    double wall = Math.round(1000 / perSecond * 1000) / 1000.0;
    boolean floor = name.equals("floor");
    return new SideResult(name, 1000, 1000, 0, 1000, wall, perSecond, 10, 20, 30, Map.of("POST", 9.0),
        floor ? 20.0 : 30.0, floor ? Map.of("Fetch", 0.2) : Map.of("Produce", 3.0, "EndTxn", 2.0), List.of());
  }
}
