package dev.tenantplatform.app;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.ext.healthchecks.HealthChecks;
import io.vertx.ext.web.Router;
import io.vertx.kafka.admin.KafkaAdminClient;
import io.vertx.ext.web.healthchecks.HealthCheckHandler;
import io.vertx.micrometer.PrometheusScrapingHandler;

/** The platform's HTTP server: probes and Prometheus metrics; the API's routes mount here as they land. */
final class HttpVerticle extends VerticleBase {

  private final PlatformConfig config;
  private final PrometheusMeterRegistry registry;
  private final KubernetesClient kubernetes;
  private KafkaAdminClient admin;
  private volatile int actualPort;
  private Router api;

  HttpVerticle(PlatformConfig config, PrometheusMeterRegistry registry, KubernetesClient kubernetes) {
    this.config = config;
    this.registry = registry;
    this.kubernetes = kubernetes;
  }

  @Override
  public Future<?> start() {
    admin = Health.admin(vertx, config);
    HealthChecks readiness = Health.checks(vertx, admin, kubernetes);
    Router router = Router.router(vertx);
    // Live means the event loop answers; ready means Kafka and the Kubernetes API answer too.
    HealthChecks liveness = HealthChecks.create(vertx).register("event-loop", promise -> promise.complete(
        io.vertx.ext.healthchecks.Status.OK()));
    router.get("/health/live").handler(HealthCheckHandler.createWithHealthChecks(liveness));
    router.get("/health/ready").handler(HealthCheckHandler.createWithHealthChecks(readiness));
    router.get("/metrics").handler(PrometheusScrapingHandler.create(registry));
    if (api != null) {
      router.route("/api/v1/*").subRouter(api);
    }
    return vertx.createHttpServer()
        .requestHandler(router)
        .listen(config.httpPort(), config.httpHost())
        .onSuccess(server -> actualPort = server.actualPort());
  }

  @Override
  public Future<?> stop() {
    return admin == null ? Future.succeededFuture() : admin.close();
  }

  /** Mounts the tenant API under {@code /api/v1}. */
  HttpVerticle withApi(Router apiRouter) {
    this.api = apiRouter;
    return this;
  }

  int actualPort() {
    return actualPort;
  }

}
