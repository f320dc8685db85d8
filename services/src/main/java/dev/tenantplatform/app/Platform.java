package dev.tenantplatform.app;

import dev.tenantplatform.api.Api;
import dev.tenantplatform.api.ApiConfig;
import dev.tenantplatform.metrics.model.SavingsConfig;
import dev.tenantplatform.metrics.model.SavingsSettings;
import dev.tenantplatform.api.TokenConfig;
import dev.tenantplatform.ledger.Ledger;
import dev.tenantplatform.ledger.LedgerConfig;
import dev.tenantplatform.provisioner.Provisioner;
import dev.tenantplatform.provisioner.ProvisionerConfig;
import dev.tenantplatform.watcher.Watcher;
import dev.tenantplatform.watcher.WatcherConfig;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running platform: one Vert.x instance with its metrics registry and the verticles of the
 * components. Modes ({@code local}, {@code run}) build the config and the Kubernetes client; this class
 * does not know which mode it runs in.
 */
public final class Platform {

  private static final Logger LOG = LoggerFactory.getLogger(Platform.class);

  private final Vertx vertx;
  private final HttpVerticle http;

  private Platform(Vertx vertx, HttpVerticle http) {
    this.vertx = vertx;
    this.http = http;
  }

  public static Future<Platform> start(PlatformConfig config, KubernetesClient kubernetes, TokenConfig tokens) {
    SavingsConfig savings;
    try {
      savings = SavingsSettings.apply(System.getenv());
    } catch (IllegalArgumentException e) {
      // A bad savings setting stops the start here, before any verticle runs.
      return Future.failedFuture(e);
    }
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    Vertx vertx = Vertx.builder()
        .with(new VertxOptions().setMetricsOptions(
            new MicrometerMetricsOptions().setEnabled(true).setJvmMetricsEnabled(true)))
        .withMetrics(new MicrometerMetricsFactory(registry))
        .build();
    HttpVerticle http = new HttpVerticle(config, registry, kubernetes);
    // The ledger restores every tenant's chain before anything may append to it.
    return Ledger.start(vertx, config.kafkaBootstrap(), LedgerConfig.defaults())
        .compose(ledger -> Provisioner.deploy(vertx, ProvisionerConfig.defaults(config.kafkaBootstrap()),
                kubernetes, ledger)
            .compose(provisioner -> Watcher.deploy(vertx, WatcherConfig.defaults(), kubernetes, ledger)))
        .compose(watcher -> Api.start(vertx,
            ApiConfig.defaults(config.kafkaBootstrap(), tokens).withSavings(savings), kubernetes, registry))
        .compose(api -> vertx.deployVerticle(http.withApi(api.router())))
        .map(id -> {
          LOG.info("platform ready: HTTP on {}:{}", config.httpHost(), http.actualPort());
          return new Platform(vertx, http);
        })
        .recover(failure -> vertx.close().transform(ignored -> Future.failedFuture(failure)));
  }

  /** The HTTP port actually bound (differs from the configured one when that was 0). */
  public int httpPort() {
    return http.actualPort();
  }

  public Future<Void> close() {
    return vertx.close();
  }
}
