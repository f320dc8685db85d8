package dev.tenantplatform.testing;

import dev.tenantplatform.api.Api;
import dev.tenantplatform.api.ApiConfig;
import dev.tenantplatform.api.SigningKeys;
import dev.tenantplatform.kube.NodePortRange;
import dev.tenantplatform.kube.RetryPolicy;
import dev.tenantplatform.ledger.Ledger;
import dev.tenantplatform.ledger.LedgerConfig;
import dev.tenantplatform.provisioner.Provisioner;
import dev.tenantplatform.provisioner.ProvisionerConfig;
import dev.tenantplatform.sandbox.EmbeddedKubernetes;
import dev.tenantplatform.sandbox.simulator.ManagementClusterSimulator;
import dev.tenantplatform.sandbox.simulator.SimulatorProfile;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The platform's parts that a tenant request travels through, over a real Kafka broker: the HTTP API mounted
 * under {@code /api/v1}, the provisioner, the ledger, and the simulated management cluster (instant profile).
 */
public final class RunningPlatform implements AutoCloseable {

  public final Vertx vertx = Vertx.vertx();
  public final SigningKeys keys;
  public final EmbeddedKubernetes kube = EmbeddedKubernetes.start(null);
  public final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  /** The single writer of the chains: tests append what the watcher would report through it. */
  public final Ledger ledger;
  private final ManagementClusterSimulator controllers;
  private final Api api;
  private final HttpServer server;

  public RunningPlatform(KafkaCluster kafka) {
    this(kafka, SigningKeys.generate("https://id.example/realms/platform"));
  }

  /** The platform trusting the tokens of {@code keys}. */
  public RunningPlatform(KafkaCluster kafka, SigningKeys keys) {
    this.keys = keys;
    controllers = ManagementClusterSimulator.start(kube.controllersClient(), SimulatorProfile.INSTANT);
    ledger = join(Ledger.start(vertx, kafka.bootstrapServers(), LedgerConfig.defaults()));
    join(Provisioner.deploy(vertx, ProvisionerConfig.defaults(kafka.bootstrapServers())
        .withGroupId(FreshGroup.atEnd(kafka, "api-it-"))
        .withApiRetries(new RetryPolicy(4, Duration.ofMillis(20), Duration.ofMillis(100)))
        .withNodePorts(new NodePortRange(32000, 32700)), kube.client(), ledger));
    api = join(Api.start(vertx, ApiConfig.defaults(kafka.bootstrapServers(), keys.verification()), kube.client(),
        registry));
    Router root = Router.router(vertx);
    root.route("/api/v1/*").subRouter(api.router());
    server = join(vertx.createHttpServer().requestHandler(root).listen(0, "127.0.0.1"));
  }

  /** The API's base URL, {@code http://127.0.0.1:N}. */
  public String url() {
    return "http://127.0.0.1:" + server.actualPort();
  }

  public String admin() {
    return keys.mintAdmin(vertx, "ops", Duration.ofMinutes(30));
  }

  public String member(String tenant) {
    return keys.mintTenant(vertx, tenant, tenant + "-dev", Duration.ofMinutes(30));
  }

  @Override
  public void close() {
    join(api.close());
    join(vertx.close());
    controllers.close();
    kube.close();
  }

  public static <T> T join(Future<T> future) {
    try {
      return future.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }
}
