package dev.tenantplatform.app;

import dev.tenantplatform.api.SigningKeys;
import dev.tenantplatform.sandbox.FreePorts;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The platform processes of {@code local --instances N}: each a separate JVM (this one's java and class path)
 * running {@code run --cluster} against the embedded broker and the embedded API's HTTP front, on loopback, in a
 * Hazelcast cluster of their own. Their output goes to {@code DIR/instance-N.log}.
 */
final class LocalInstances implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(LocalInstances.class);
  /** The command line's entry point, by name: the app package does not depend on the CLI's. */
  private static final String MAIN = "dev.tenantplatform.cli.Main";
  /** The opens Hazelcast asks for, as in the root pom's {@code hazelcast.jvm.args}. */
  private static final List<String> JVM_ARGS = List.of("--add-modules", "java.se",
      "--add-exports", "java.base/jdk.internal.ref=ALL-UNNAMED", "--add-opens", "java.base/java.lang=ALL-UNNAMED",
      "--add-opens", "java.base/sun.nio.ch=ALL-UNNAMED", "--add-opens", "java.management/sun.management=ALL-UNNAMED",
      "--add-opens", "jdk.management/com.sun.management.internal=ALL-UNNAMED", "-Xss512k");
  private static final Duration READY_TIMEOUT = Duration.ofMinutes(3);
  /** A little above the instances' own stop timeout: they hand their partitions over first. */
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(40);

  private final List<LocalInfo.Instance> instances = new ArrayList<>();
  private final List<Process> processes = new ArrayList<>();
  private final List<List<String>> commands = new ArrayList<>();
  private Path dataDir;

  private LocalInstances() {
  }

  /** Starts {@code count} instances and waits until each answers ready; on failure those started are stopped. */
  static LocalInstances start(int count, int firstPort, Path dataDir, String kafka, Path kubeconfig,
      int partitions) {
    LocalInstances started = new LocalInstances();
    started.dataDir = dataDir;
    // Should this process end without stopping them (an uncaught error, a test runner giving up), they go too.
    Runtime.getRuntime().addShutdownHook(new Thread(() -> started.processes.forEach(Process::destroyForcibly),
        "tenant-platform-local-instances"));
    try {
      int[] ports = new int[count];
      for (int i = 0; i < count; i++) {
        ports[i] = FreePorts.reuseOrPick(firstPort > 0 ? firstPort + i : 0, ports);
      }
      String cluster = "tenant-platform-local-" + ProcessHandle.current().pid();
      for (int i = 0; i < count; i++) {
        started.launch(i, ports[i], dataDir, command(ports[i], dataDir, kafka, kubeconfig, partitions, cluster));
      }
      HttpClient http = HttpClient.newHttpClient();
      IntStream.range(0, count).forEach(i -> started.awaitReady(http, i, dataDir));
      return started;
    } catch (RuntimeException e) {
      started.close();
      throw e;
    }
  }

  /** Whether a file of the data folder is the log of an instance ({@code instance-N.log}). */
  static boolean isLog(String fileName) {
    return fileName.matches("instance-\\d+\\.log");
  }

  List<LocalInfo.Instance> instances() {
    return List.copyOf(instances);
  }

  /** Kills instance {@code index} (from 0) at once, as a lost node would: no hand-over, no leave. */
  void kill(int index) {
    processes.get(index).destroyForcibly();
    waitFor(processes.get(index));
  }

  /** Stops instance {@code index} gracefully (SIGTERM) and answers its exit code. */
  int stop(int index) {
    processes.get(index).destroy();
    return waitFor(processes.get(index));
  }

  /** Starts instance {@code index} again, on its port, and waits until it is ready. */
  void restart(int index) {
    List<String> command = commands.get(index);
    Path log = dataDir.resolve("instance-" + (index + 1) + ".log");
    try {
      Process process = builder(command).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
      processes.set(index, process);
      instances.set(index, new LocalInfo.Instance(instances.get(index).http(), process.pid()));
    } catch (IOException e) {
      throw new IllegalStateException("cannot restart platform instance " + (index + 1) + ": " + e.getMessage(), e);
    }
    awaitReady(HttpClient.newHttpClient(), index, dataDir);
  }

  private static int waitFor(Process process) {
    try {
      if (!process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
        process.waitFor();
      }
      return process.exitValue();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
      return -1;
    }
  }

  private static List<String> command(int port, Path dataDir, String kafka, Path kubeconfig, int partitions,
      String cluster) {
    List<String> command = new ArrayList<>();
    command.add(ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin",
        "java").toString()));
    command.addAll(JVM_ARGS);
    command.addAll(List.of("-cp", System.getProperty("java.class.path"), MAIN, "run",
        "--kafka", kafka, "--kubeconfig", kubeconfig.toString(), "--host", "127.0.0.1", "--port", "" + port,
        "--partitions", "" + partitions, "--no-create-topics",
        "--token-issuer", SigningKeys.LOCAL_ISSUER, "--token-algorithm", SigningKeys.ALGORITHM,
        "--token-keys", dataDir.resolve(SigningKeys.PUBLIC_KEY_FILE).toString(),
        "--cluster", "--cluster-name", cluster, "--cluster-host", "127.0.0.1", "--cluster-members", "127.0.0.1"));
    return command;
  }

  private void launch(int index, int port, Path dataDir, List<String> command) {
    Path log = dataDir.resolve("instance-" + (index + 1) + ".log");
    try {
      Process process = builder(command).redirectOutput(ProcessBuilder.Redirect.to(log.toFile())).start();
      processes.add(process);
      commands.add(command);
      instances.add(new LocalInfo.Instance("http://127.0.0.1:" + port, process.pid()));
      LOG.info("instance {} starting: pid {}, HTTP on 127.0.0.1:{}, log {}", index + 1, process.pid(), port, log);
    } catch (IOException e) {
      throw new IllegalStateException("cannot start platform instance " + (index + 1) + " (" + command.get(0)
          + "): " + e.getMessage(), e);
    }
  }

  private static ProcessBuilder builder(List<String> command) {
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    // The embedded API answers lists slowly while it closes the watches of an instance that went away (the
    // mock server does that on its event loop): a minute per call, not fabric8's 10 s, so that an instance
    // started meanwhile syncs instead of failing.
    builder.environment().put("KUBERNETES_REQUEST_TIMEOUT", "60000");
    return builder;
  }

  private void awaitReady(HttpClient http, int index, Path dataDir) {
    long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
    URI ready = URI.create(instances.get(index).http() + "/health/ready");
    while (System.nanoTime() < deadline) {
      if (!processes.get(index).isAlive()) {
        throw new IllegalStateException("platform instance " + (index + 1) + " exited with "
            + processes.get(index).exitValue() + " while starting: see " + dataDir.resolve("instance-"
            + (index + 1) + ".log"));
      }
      try {
        if (http.send(HttpRequest.newBuilder(ready).timeout(Duration.ofSeconds(2)).build(),
            HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
          return;
        }
        processes.get(index).waitFor(250, TimeUnit.MILLISECONDS);
      } catch (IOException e) {
        sleepQuietly(processes.get(index));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for platform instance " + (index + 1), e);
      }
    }
    throw new IllegalStateException("platform instance " + (index + 1) + " was not ready within "
        + READY_TIMEOUT.toSeconds() + " s: see " + dataDir.resolve("instance-" + (index + 1) + ".log"));
  }

  private static void sleepQuietly(Process process) {
    try {
      process.waitFor(250, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** SIGTERM to every instance at once (each hands its partitions over), then waits; stragglers are killed. */
  @Override
  public void close() {
    processes.forEach(Process::destroy);
    long deadline = System.nanoTime() + STOP_TIMEOUT.toNanos();
    for (Process process : processes) {
      try {
        if (!process.waitFor(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
          LOG.warn("instance pid {} did not stop within {} s: killed", process.pid(), STOP_TIMEOUT.toSeconds());
          process.destroyForcibly();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        process.destroyForcibly();
      }
    }
  }
}
