package dev.tenantplatform.cli;

import dev.tenantplatform.app.LocalInfo;
import dev.tenantplatform.app.LocalMode;
import dev.tenantplatform.app.LocalOptions;
import dev.tenantplatform.app.PlatformConfig;
import dev.tenantplatform.events.Topics;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.time.Duration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code tenant-platform local}: the whole platform on this machine, with embedded Kafka and Kubernetes. */
@Command(name = "local", mixinStandardHelpOptions = true,
    description = {"Starts the platform locally: a real Kafka broker (KRaft), an embedded Kubernetes API with the"
        + " management-cluster simulator, and the platform. Writes DIR/local.json once ready; stops on Ctrl+C."})
final class LocalCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Option(names = "--data", paramLabel = "DIR", defaultValue = ".tenant-platform",
      description = "Data folder: Kafka log, Kubernetes objects, local.json (default: ${DEFAULT-VALUE}).")
  Path dataDir;

  @Option(names = "--port", paramLabel = "N", defaultValue = "" + PlatformConfig.DEFAULT_HTTP_PORT,
      description = "HTTP port of the API (default: ${DEFAULT-VALUE}; 0 picks a free one).")
  int port;

  @Option(names = "--profile", defaultValue = "demo",
      description = "Simulator timings: instant, demo or realistic (the seed's: about a minute per control plane)."
          + " Default: ${DEFAULT-VALUE}.")
  String profile;

  @Option(names = "--fresh", description = "Start from an empty data folder.")
  boolean fresh;

  @Option(names = "--partitions", paramLabel = "N", defaultValue = "" + PlatformConfig.DEFAULT_PARTITIONS,
      description = "Partitions of the platform's topics when they are created (default: ${DEFAULT-VALUE}).")
  int partitions;

  @Option(names = "--instances", paramLabel = "N", defaultValue = "1",
      description = "Platform processes sharing the broker and the Kubernetes API (default: ${DEFAULT-VALUE}): with"
          + " more than one, each is a JVM of its own running `run --cluster` on loopback, on HTTP ports from"
          + " --port up, listed under `instances` in local.json with its PID; Ctrl+C stops them all.")
  int instances;

  @Override
  public Integer call() throws InterruptedException {
    long started = System.nanoTime();
    LocalMode local = LocalMode.start(new LocalOptions(dataDir, port, profile, fresh, partitions, instances));
    GracefulStop stop = GracefulStop.on(Duration.ofSeconds(60), spec.commandLine().getErr(), local::close);
    print(local.info(), local.dataDir(), (System.nanoTime() - started) / 1e9);
    return stop.await();
  }

  private void print(LocalInfo info, Path dir, double seconds) {
    PrintWriter out = spec.commandLine().getOut();
    out.printf("Tenant Platform is running locally (ready in %.1f s, profile %s).%n", seconds, profile);
    out.printf("  HTTP API    %s   (probes /health/ready, metrics /metrics)%n", info.http());
    if (info.instances().size() > 1) {
      info.instances().forEach(i -> out.printf("  Instance    %s   (pid %d, log %s)%n", i.http(), i.pid(),
          dir.resolve("instance-" + (info.instances().indexOf(i) + 1) + ".log")));
    }
    out.printf("  Kafka       %s   (topics %s)%n", info.kafka(),
        String.join(", ", Topics.ALL.stream().map(t -> t.name()).toList()));
    out.printf("  Kubernetes  %s   (kubectl --kubeconfig %s get clusters.cluster.x-k8s.io -A)%n",
        info.kubernetes(), info.kubeconfig());
    out.printf("  Data        %s   (%s holds all of the above)%n", dir, LocalInfo.FILE);
    out.printf("  Admin token %s%n", info.adminToken());
    out.printf("  Try         tenant-platform tenants create acme --data %s; tenant tokens: tenant-platform tokens"
        + " mint --tenant acme --data %s%n", dir, dir);
    out.println("Press Ctrl+C to stop.");
    out.flush();
  }
}
