package dev.tenantplatform.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The harness end to end, small: a real broker, two embedded APIs with the simulator. Figures are not judged. */
class BenchIT {

  @Test
  void everyTenantIsAppliedOnBothSidesAndTheReportSaysSo(@TempDir Path dir) throws Exception {
    Path data = dir.resolve("run");
    List<String> progress = new CopyOnWriteArrayList<>();
    BenchOptions options = new BenchOptions(10, 4, 3, 2, 2, BenchOptions.NODE_PORT, true, data);

    BenchReport report = Bench.run(options, progress::add);

    assertThat(report.sides()).extracting(SideResult::side).containsExactly("floor", "platform");
    for (SideResult side : report.sides()) {
      assertThat(side.tenants()).as(side.side()).isEqualTo(10);
      assertThat(side.applied()).as(side.side() + " applied, failures " + side.failures()).isEqualTo(10);
      assertThat(side.failed()).as(side.side()).isZero();
      assertThat(side.clustersInApi()).as(side.side() + " Clusters in its API").isEqualTo(10);
      assertThat(side.wallSeconds()).as(side.side()).isPositive();
      assertThat(side.tenantsPerSecond()).as(side.side()).isPositive();
      assertThat(side.p50Ms()).as(side.side()).isPositive().isLessThanOrEqualTo(side.p99Ms());
      assertThat(side.p99Ms()).as(side.side()).isLessThanOrEqualTo(side.maxMs());
    }
    assertThat(report.floor().apiCallsPerTenant()).as("the floor: one create per object, nothing else")
        .containsExactly(Map.entry("POST", 9.0));
    assertThat(report.platform().apiCallsPerTenant()).as("the platform's applies").containsKey("PATCH");
    assertThat(report.platform().kafkaRequestsPerTenant()).as("two events, each in a transaction of its own")
        .containsKeys("Produce", "Fetch", "EndTxn").doesNotContainKey("FetchConsumer");
    assertThat(report.platform().kafkaRequestsPerTenant().get("EndTxn")).isGreaterThanOrEqualTo(1.0);
    assertThat(report.sides()).allSatisfy(side -> assertThat(side.cpuMsPerTenant()).as(side.side()).isPositive());
    assertThat(report.verdict()).isIn(BenchReport.Verdict.PASS, BenchReport.Verdict.BELOW);
    assertThat(report.ratio()).isPositive();
    assertThat(progress).anyMatch(line -> line.startsWith("floor: warming up with 2 tenants"))
        .anyMatch(line -> line.startsWith("platform: warming up with 2 tenants"))
        .anyMatch(line -> line.startsWith("round 2 of 2: 5 tenants each"));
    assertThat(report.machine().cpus()).isPositive();

    JsonNode json = new ObjectMapper().readTree(report.json());
    assertThat(json.get("sides").get(1).get("applied").asInt()).isEqualTo(10);
    assertThat(json.get("verdict").asText()).isEqualTo(report.verdict().name());
    assertThat(report.table()).contains("platform/floor throughput");
    assertThat(data.resolve("kafka")).as("--data keeps the broker's log").isDirectory();
  }

  @Test
  void aDataFolderThatIsNotEmptyIsRefusedBeforeAnythingStarts(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("notes.txt"), "mine");
    BenchOptions options = new BenchOptions(10, 4, 3, 2, 2, BenchOptions.NODE_PORT, true, dir);

    assertThatThrownBy(() -> Bench.run(options, line -> { }))
        .isInstanceOf(BenchException.class)
        .hasMessageContaining("--data " + dir + " is not empty");
    assertThat(dir.resolve("notes.txt")).hasContent("mine");
  }
}
