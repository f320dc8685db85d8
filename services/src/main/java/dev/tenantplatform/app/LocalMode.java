package dev.tenantplatform.app;

import dev.tenantplatform.api.SigningKeys;
import dev.tenantplatform.sandbox.EmbeddedKafka;
import dev.tenantplatform.sandbox.EmbeddedKubernetes;
import dev.tenantplatform.sandbox.FreePorts;
import dev.tenantplatform.sandbox.simulator.Faults;
import dev.tenantplatform.sandbox.simulator.ManagementClusterSimulator;
import dev.tenantplatform.sandbox.simulator.SimulatorProfile;
import dev.tenantplatform.support.KafkaTopics;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code local} mode: a real Kafka broker, the embedded Kubernetes API with the management-cluster
 * simulator, and the platform, all in this process, with their state in one data folder; or, with several
 * instances, the platform in that many processes of its own ({@link LocalInstances}) sharing the broker and the
 * API.
 */
public final class LocalMode implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(LocalMode.class);
  /** A development platform's admin token outlives many restarts; `--fresh` replaces it. */
  static final Duration ADMIN_TOKEN_VALIDITY = Duration.ofDays(365);

  private final Deque<AutoCloseable> toClose = new ArrayDeque<>();
  private final Path dataDir;
  private LocalInfo info;
  private ManagementClusterSimulator simulator;
  private LocalInstances instances;
  private volatile EmbeddedKafka broker;

  private LocalMode(Path dataDir) {
    this.dataDir = dataDir;
  }

  /** Starts everything and writes {@code local.json}; blocking. On failure, whatever started is stopped. */
  public static LocalMode start(LocalOptions options) {
    LocalMode local = new LocalMode(options.dataDir());
    try {
      local.startAll(options);
      return local;
    } catch (RuntimeException | IOException e) {
      local.close();
      throw e instanceof RuntimeException r ? r
          : new IllegalStateException("cannot start the local platform: " + e.getMessage(), e);
    }
  }

  private void startAll(LocalOptions options) throws IOException {
    if (options.fresh()) {
      DataFolder.wipe(dataDir);
    }
    Files.createDirectories(dataDir);
    LocalInfo previous = LocalInfo.read(dataDir).orElse(null);
    // The broker takes seconds to start, the Kubernetes API a fraction of that: start both at once.
    CompletableFuture<EmbeddedKafka> kafka = CompletableFuture.supplyAsync(
        () -> EmbeddedKafka.start(dataDir.resolve("kafka")));
    EmbeddedKubernetes kubernetes = EmbeddedKubernetes.start(dataDir, previousPort(previous));
    toClose.push(kubernetes);
    simulator = ManagementClusterSimulator.start(kubernetes.controllersClient(),
        SimulatorProfile.named(options.profile()));
    toClose.push(simulator);
    kubernetes.injectFaults(simulator.faults().apiFaultSource());
    broker = kafka.join();
    toClose.push(() -> broker.close());
    KafkaTopics.ensure(broker.bootstrapServers(), options.partitions());

    boolean newKeys = !Files.exists(dataDir.resolve(SigningKeys.PRIVATE_KEY_FILE));
    SigningKeys keys = SigningKeys.loadOrCreate(dataDir);
    String token = adminToken(keys, newKeys);
    if (options.instances() > 1) {
      instances = LocalInstances.start(options.instances(), options.httpPort(), dataDir,
          broker.bootstrapServers(), kubernetes.kubeconfig(), options.partitions());
      toClose.push(instances);
      info = new LocalInfo(instances.instances().get(0).http(), broker.bootstrapServers(), kubernetes.url(),
          kubernetes.kubeconfig(), token, instances.instances());
    } else {
      PlatformConfig config = new PlatformConfig("127.0.0.1", options.httpPort(), broker.bootstrapServers(),
          options.partitions());
      Platform platform = Platform.start(config, kubernetes.client(), keys.verification())
          .toCompletionStage().toCompletableFuture().join();
      toClose.push(() -> platform.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS));
      info = new LocalInfo("http://127.0.0.1:" + platform.httpPort(), broker.bootstrapServers(),
          kubernetes.url(), kubernetes.kubeconfig(), token);
    }
    info.write(dataDir);
  }

  public LocalInfo info() {
    return info;
  }

  public Path dataDir() {
    return dataDir;
  }

  /**
   * Stops the broker now and starts it again after {@code down}, on the same port with the same log: what a
   * broker restart looks like to the platform. Completes once the broker serves again.
   */
  CompletableFuture<Void> restartBroker(Duration down) {
    broker.close();
    return CompletableFuture.runAsync(() -> broker = EmbeddedKafka.start(dataDir.resolve("kafka")),
        CompletableFuture.delayedExecutor(down.toMillis(), TimeUnit.MILLISECONDS));
  }

  /** The faults the simulator injects, per tenant: API errors among them. */
  public Faults faults() {
    return simulator.faults();
  }

  /** The platform processes, when there are several; null when the platform runs in this process. */
  LocalInstances instances() {
    return instances;
  }

  /** Stops in the reverse order of start; the data folder stays for the next start. */
  @Override
  public void close() {
    while (!toClose.isEmpty()) {
      try {
        toClose.pop().close();
      } catch (Exception e) {
        LOG.warn("while stopping the local platform: {}", e.toString());
      }
    }
  }

  private int previousPort(LocalInfo previous) {
    if (previous == null) {
      return 0;
    }
    int port = URI.create(previous.kubernetes()).getPort();
    return port > 0 && FreePorts.isFree(port) ? port : 0;
  }

  /**
   * The admin token of the local platform: a JWT signed with the data folder's key pair, kept in the data folder
   * so that it stays valid across restarts (a fresh folder gets a new key pair, and so a new token).
   */
  private String adminToken(SigningKeys keys, boolean newKeys) throws IOException {
    Path file = dataDir.resolve("admin.token");
    if (!newKeys && Files.exists(file)) {
      String kept = Files.readString(file).trim();
      if (kept.chars().filter(c -> c == '.').count() == 2) {
        return kept;
      }
    }
    Vertx signer = Vertx.vertx();
    try {
      String token = keys.mintAdmin(signer, "local-admin", ADMIN_TOKEN_VALIDITY);
      Files.writeString(file, token);
      LocalInfo.setOwnerOnly(file);
      return token;
    } finally {
      signer.close();
    }
  }
}
