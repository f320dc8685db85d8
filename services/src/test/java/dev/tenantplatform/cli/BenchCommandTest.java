package dev.tenantplatform.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class BenchCommandTest {

  @Test
  void withoutOptionsItOnboardsAThousandTenantsSixteenAtATimeWithTheSimulatorAsATable() {
    BenchCommand bench = parse();
    assertThat(bench.tenants).isEqualTo(1000);
    assertThat(bench.concurrency).isEqualTo(16);
    assertThat(bench.partitions).isEqualTo(12);
    assertThat(bench.serviceType).isEqualTo("NodePort");
    assertThat(bench.simulator).isTrue();
    assertThat(bench.dataDir).isNull();
    assertThat(bench.format).isEqualTo(BenchCommand.Format.TABLE);
  }

  @Test
  void everyOptionIsTakenAndTheSimulatorCanBeTurnedOff() {
    BenchCommand bench = parse("--tenants", "200", "--concurrency", "8", "--partitions", "4", "--warmup", "5", "--rounds", "4",
        "--service-type", "ClusterIP", "--no-simulator", "--data", "out", "--format", "json");
    assertThat(bench.tenants).isEqualTo(200);
    assertThat(bench.concurrency).isEqualTo(8);
    assertThat(bench.partitions).isEqualTo(4);
    assertThat(bench.warmup).isEqualTo(5);
    assertThat(bench.rounds).isEqualTo(4);
    assertThat(bench.serviceType).isEqualTo("ClusterIP");
    assertThat(bench.simulator).isFalse();
    assertThat(bench.dataDir).isEqualTo(Path.of("out"));
    assertThat(bench.format).isEqualTo(BenchCommand.Format.JSON);
    assertThat(parse("--simulator").simulator).isTrue();
  }

  @Test
  void badOptionsAreRefusedWithTheReasonBeforeAnythingStarts() {
    StringWriter err = new StringWriter();
    CommandLine cli = Main.commandLine();
    cli.setErr(new PrintWriter(err));
    int code = cli.execute("bench", "--tenants", "0", "--service-type", "Ingress");
    assertThat(code).isEqualTo(1);
    assertThat(err.toString()).contains("--tenants 0 must be at least 1", "--service-type Ingress is not one of");
  }

  private static BenchCommand parse(String... args) {
    CommandLine.ParseResult parsed = Main.commandLine().parseArgs(prepend("bench", args));
    return (BenchCommand) parsed.subcommand().commandSpec().userObject();
  }

  private static String[] prepend(String first, String... rest) {
    String[] all = new String[rest.length + 1];
    all[0] = first;
    System.arraycopy(rest, 0, all, 1, rest.length);
    return all;
  }
}
