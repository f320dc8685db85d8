package dev.tenantplatform.cli;

import dev.tenantplatform.bench.Bench;
import dev.tenantplatform.bench.BenchOptions;
import dev.tenantplatform.bench.BenchReport;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code tenant-platform bench}: the platform's onboarding throughput against what the bare API allows. */
@Command(name = "bench", mixinStandardHelpOptions = true,
    description = {"Onboards N tenants through Kafka, the provisioner and the ledger into an embedded Kubernetes"
        + " API, and the same objects with a bare fabric8 client into another (the floor), at the same"
        + " concurrency, in this JVM. Prints tenants/s and p50/p99 latency of both, and the platform's share of"
        + " the floor's throughput against the target of " + BenchReport.TARGET + ".",
        "Latency: floor, first request to last answer of a tenant's objects; platform, request produced to"
            + " cluster.applied read from tenant.events. Both sides keep C tenants in flight: C threads on the"
            + " floor, C requests awaiting cluster.applied on the platform. The sides take turns, R rounds of"
            + " N/R tenants each, so that other work on the machine weighs on both alike.",
        "Progress goes to stderr, the report to stdout. Exit code 1 when a side did not apply every tenant."})
final class BenchCommand implements Callable<Integer> {

  /** How the report is printed. */
  enum Format { TABLE, JSON }

  @Spec
  CommandSpec spec;

  @Option(names = "--tenants", paramLabel = "N", defaultValue = "" + BenchOptions.DEFAULT_TENANTS,
      description = "Tenants onboarded on each side (default: ${DEFAULT-VALUE}).")
  int tenants;

  @Option(names = "--concurrency", paramLabel = "C", defaultValue = "" + BenchOptions.DEFAULT_CONCURRENCY,
      description = "Tenants in flight at once on each side (default: ${DEFAULT-VALUE}).")
  int concurrency;

  @Option(names = "--partitions", paramLabel = "P", defaultValue = "" + BenchOptions.DEFAULT_PARTITIONS,
      description = "Partitions of the platform's topics (default: ${DEFAULT-VALUE}).")
  int partitions;

  @Option(names = "--warmup", paramLabel = "W", defaultValue = "" + BenchOptions.DEFAULT_WARMUP,
      description = "Tenants onboarded on each side before the measured ones, not counted"
          + " (default: ${DEFAULT-VALUE}).")
  int warmup;

  @Option(names = "--rounds", paramLabel = "R", defaultValue = "" + BenchOptions.DEFAULT_ROUNDS,
      description = "The measured tenants go in R turns, the sides taking turns, so that other work on the"
          + " machine weighs on both alike (default: ${DEFAULT-VALUE}).")
  int rounds;

  @Option(names = "--service-type", paramLabel = "TYPE", defaultValue = BenchOptions.NODE_PORT,
      description = "How the tenants' control planes are exposed, on both sides: NodePort, ClusterIP or"
          + " LoadBalancer (default: ${DEFAULT-VALUE}, what a create gets when it names none).")
  String serviceType;

  @Option(names = "--no-simulator", negatable = true,
      description = "Run the management-cluster simulator (instant profile) against both APIs, as real"
          + " controllers would be there (default: on).")
  boolean simulator = true;

  @Option(names = "--data", paramLabel = "DIR",
      description = "Empty folder for the broker's log, kept after the run (default: a temporary folder,"
          + " deleted after).")
  Path dataDir;

  @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "table",
      description = "table or json (default: ${DEFAULT-VALUE}).")
  Format format;

  @Override
  public Integer call() throws InterruptedException {
    BenchOptions options = new BenchOptions(tenants, concurrency, partitions, warmup, rounds, serviceType,
        simulator, dataDir);
    PrintWriter err = spec.commandLine().getErr();
    BenchReport report = Bench.run(options, line -> {
      err.println(line);
      err.flush();
    });
    PrintWriter out = spec.commandLine().getOut();
    out.print(format == Format.JSON ? report.json() + System.lineSeparator() : report.table());
    out.flush();
    return report.verdict() == BenchReport.Verdict.INCOMPLETE ? 1 : 0;
  }
}
