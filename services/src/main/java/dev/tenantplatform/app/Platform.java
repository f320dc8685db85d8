package dev.tenantplatform.app;

import dev.tenantplatform.api.AdminRead;
import dev.tenantplatform.api.Api;
import dev.tenantplatform.api.ApiConfig;
import dev.tenantplatform.api.TokenConfig;
import dev.tenantplatform.audit.AuditRoute;
import dev.tenantplatform.audit.Replay;
import dev.tenantplatform.kube.RetryPolicy;
import dev.tenantplatform.ledger.Ledger;
import dev.tenantplatform.ledger.LedgerConfig;
import dev.tenantplatform.metrics.MetricsConfig;
import dev.tenantplatform.metrics.MetricsVerticle;
import dev.tenantplatform.metrics.model.SavingsSettings;
import dev.tenantplatform.provisioner.Provisioner;
import dev.tenantplatform.provisioner.ProvisionerConfig;
import dev.tenantplatform.watcher.Watcher;
import dev.tenantplatform.watcher.WatcherConfig;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.VertxBuilder;
import io.vertx.core.VertxOptions;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running platform: one Vert.x instance with its metrics registry and the verticles of the
 * components. Modes ({@code local}, {@code run}) build the config and the Kubernetes client; this class
 * does not know which mode it runs in.
 */
public final class Platform {

  private static final Logger LOG = LoggerFactory.getLogger(Platform.class);

  /**
   * Twelve tries, waiting 20 to 35 s in all, per object: an API server that refuses one call in five (each try is a
   * read and a write) still gets every object written, where six tries lose about one object in five hundred.
   */
  static final RetryPolicy API_RETRIES = new RetryPolicy(12, Duration.ofMillis(200), Duration.ofSeconds(5));

  private final Vertx vertx;
  private final HttpVerticle http;
  private final Parts parts;

  /** What a stop takes down, in order. */
  private record Parts(String provisioner, Watcher watcher, Api api, Ledger ledger) {
  }

  private Platform(Vertx vertx, HttpVerticle http, Parts parts) {
    this.vertx = vertx;
    this.http = http;
    this.parts = parts;
  }

  public static Future<Platform> start(PlatformConfig config, KubernetesClient kubernetes, TokenConfig tokens) {
    return start(config, kubernetes, tokens, null);
  }

  /**
   * Starts the platform; with a {@code cluster}, Vert.x first joins the other instances through Hazelcast (see
   * the README's "Several instances" for what is shared through the cluster and what through Kafka).
   */
  public static Future<Platform> start(PlatformConfig config, KubernetesClient kubernetes, TokenConfig tokens,
      ClusterConfig cluster) {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    VertxOptions options = new VertxOptions().setMetricsOptions(
        new MicrometerMetricsOptions().setEnabled(true).setJvmMetricsEnabled(true));
    VertxBuilder builder = Vertx.builder().withMetrics(new MicrometerMetricsFactory(registry));
    Future<Vertx> vertx = cluster == null ? Future.succeededFuture(builder.with(options).build())
        : Clustering.start(cluster, options, builder).recover(e -> Future.failedFuture(new IllegalStateException(
            "cannot join the cluster '" + cluster.name() + "' (" + (cluster.kubernetesService() != null
            ? "Kubernetes Service " + cluster.kubernetesService() : "members " + cluster.members()) + "): "
            + e.getMessage(), e)));
    return vertx.compose(v -> start(v, registry, config, kubernetes, tokens));
  }

  /** Starts the components on {@code vertx} (clustered or not); on failure {@code vertx} is closed. */
  static Future<Platform> start(Vertx vertx, PrometheusMeterRegistry registry, PlatformConfig config,
      KubernetesClient kubernetes, TokenConfig tokens) {
    HttpVerticle http = new HttpVerticle(config, registry, kubernetes);
    ApiConfig api;
    MetricsVerticle metrics;
    try {
      // A bad savings or metrics setting stops the start here, naming the setting, before any verticle runs.
      api = ApiConfig.defaults(config.kafkaBootstrap(), tokens).withSavings(SavingsSettings.apply(System.getenv()))
          .withAdminRead(new AdminRead("/audit", new AuditRoute(vertx, config.kafkaBootstrap(),
              Replay.DEFAULT_TIMEOUT)));
      metrics = new MetricsVerticle(MetricsConfig.fromEnvironment(config.kafkaBootstrap(), System.getenv()), registry)
          .withSavings(api.savings(), kubernetes);
    } catch (IllegalArgumentException e) {
      return vertx.close().transform(ignored -> Future.failedFuture(e));
    }
    AtomicReference<Watcher> watcher = new AtomicReference<>();
    ProvisionerConfig provisioning = ProvisionerConfig.defaults(config.kafkaBootstrap()).withApiRetries(API_RETRIES);
    // The ledger restores every tenant's chain, then writes none until the consumer group gives this instance
    // partitions: several instances share the tenants, and each writes only those of its partitions.
    return Ledger.startShared(vertx, config.kafkaBootstrap(), LedgerConfig.defaults(), metrics.telemetry())
        .compose(ledger -> Provisioner.deploy(vertx, provisioning, kubernetes, ledger, metrics.telemetry(),
                tookOver -> Optional.ofNullable(watcher.get()).ifPresent(Watcher::resync))
            .compose(provisioner -> Watcher.deploy(vertx, WatcherConfig.defaults(), kubernetes, ledger,
                    ledger::writes)
                .onSuccess(watcher::set)
                .compose(w -> Api.start(vertx, api, kubernetes, registry, metrics.telemetry()))
                // /metrics answers once the tenant meters hold the log: a restarted instance shows the same values.
                .compose(started -> vertx.deployVerticle(metrics).map(started))
                .compose(started -> vertx.deployVerticle(http.withApi(started.router()))
                    .map(id -> new Parts(provisioner, watcher.get(), started, ledger)))))
        .map(parts -> {
          LOG.info("platform ready: HTTP on {}:{}", config.httpHost(), http.actualPort());
          return new Platform(vertx, http, parts);
        })
        .recover(failure -> vertx.close().transform(ignored -> Future.failedFuture(failure)));
  }

  /** The HTTP port actually bound (differs from the configured one when that was 0). */
  public int httpPort() {
    return http.actualPort();
  }

  /**
   * Stops gracefully: the provisioner takes no new records, finishes (or hands back) those in work, commits and
   * leaves the consumer group; then the watcher stops, the API's clients close, the ledger waits for its appends,
   * and Vert.x (with the cluster membership, if any) goes.
   */
  public Future<Void> close() {
    Promise<Void> closed = Promise.promise();
    vertx.undeploy(parts.provisioner())
        .transform(ignored -> vertx.undeploy(parts.watcher().deploymentId()))
        .transform(ignored -> parts.api().close())
        .transform(ignored -> parts.ledger().close())
        .onFailure(e -> LOG.warn("while stopping: {}", e.toString()))
        // Vert.x is closed from a thread of its own: the steps above end on its event loops.
        .onComplete(ignored -> ForkJoinPool.commonPool().execute(() -> vertx.close().onComplete(closed)));
    return closed.future();
  }
}
