package dev.tenantplatform.api;

import dev.tenantplatform.events.RequestValidator;
import dev.tenantplatform.events.Topics;
import dev.tenantplatform.support.EventLogFeed;
import dev.tenantplatform.support.Telemetry;
import dev.tenantplatform.metrics.model.SavingsModel;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.TimeoutHandler;
import java.util.List;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP API of SPEC.md, as a router to mount under {@code /api/v1}: bearer tokens, per-caller rate, body
 * and time limits, requests validated against {@code api/openapi.yaml}, changes written to
 * {@code tenant.requests} (202 after Kafka's ack) and reads answered from the {@link TenantView}.
 *
 * <pre>{@code
 * Api api = Api.start(vertx, ApiConfig.defaults(bootstrap, tokens), kubernetes, registry).await();
 * router.route("/api/v1/*").subRouter(api.router());
 * }</pre>
 */
public final class Api {

  private static final Logger LOG = LoggerFactory.getLogger(Api.class);
  /** Where the authentication handler leaves the {@link Caller} in the routing context. */
  static final String CALLER = "tenantplatform.caller";

  private final Router router;
  private final TenantView view;
  private final EventLogFeed feed;
  private final RequestLog requests;

  private Api(Router router, TenantView view, EventLogFeed feed, RequestLog requests) {
    this.router = router;
    this.view = view;
    this.feed = feed;
    this.requests = requests;
  }

  /**
   * Starts the API's Kafka clients and completes once its tenant view has read {@code tenant.events} as far as
   * it was at start, so that its first answers already know every tenant. The topics must exist.
   */
  public static Future<Api> start(Vertx vertx, ApiConfig config, KubernetesClient kubernetes,
      MeterRegistry registry) {
    return start(vertx, config, kubernetes, registry, Telemetry.NOOP);
  }

  /** As {@link #start(Vertx, ApiConfig, KubernetesClient, MeterRegistry)}, its Kafka clients told to {@code telemetry}. */
  public static Future<Api> start(Vertx vertx, ApiConfig config, KubernetesClient kubernetes,
      MeterRegistry registry, Telemetry telemetry) {
    TenantView view = new TenantView(config.historyPerTenant());
    EventLogFeed feed = new EventLogFeed(vertx.getOrCreateContext(), config.kafkaBootstrap(), "api",
        List.of(view::apply), telemetry);
    Future<Void> caughtUp = feed.start();
    RequestLog requests = KafkaRequestLog.create(vertx, config.kafkaBootstrap(), telemetry);
    return Contract.load(vertx)
        .compose(contract -> caughtUp.map(contract))
        .map(contract -> {
          Router router = router(vertx, config, contract, view, new Kubeconfigs(vertx, kubernetes), requests,
              registry);
          LOG.info("API ready: its tenant view has read {}", Topics.EVENTS.name());
          return new Api(router, view, feed, requests);
        })
        .recover(e -> {
          feed.close();
          return requests.close().transform(ignored -> Future.failedFuture(e));
        });
  }

  /** The routes over the given parts; {@link #start} gives them Kafka, tests may give them stand-ins. */
  static Router router(Vertx vertx, ApiConfig config, Contract contract, TenantView view, Kubeconfigs kubeconfigs,
      RequestLog requests, MeterRegistry registry) {
    TenantReads reads = new TenantReads(view, contract, kubeconfigs, requests, registry,
        new SavingsModel(config.savings()));
    TenantChanges changes = new TenantChanges(view, contract, new RequestValidator(config.requests()), requests);
    return router(vertx, config, contract, reads, changes);
  }

  private static Router router(Vertx vertx, ApiConfig config, Contract contract, TenantReads reads,
      TenantChanges changes) {
    Router router = Router.router(vertx);
    Authentication authentication = new Authentication(new BearerTokens(vertx, config.tokens()));
    RateLimits rateLimits = new RateLimits(config.limits(), System::nanoTime);
    // Before the timeout: an admin read may stream for longer than a request may take.
    for (AdminRead read : config.adminReads()) {
      router.get(read.path()).handler(authentication).handler(rateLimits).handler(Api::adminOnly)
          .handler(read.handler()).failureHandler(Api::adminReadFailure);
    }
    router.route().handler(TimeoutHandler.create(config.limits().timeout().toMillis(), 503));
    router.get("/openapi.yaml").handler(ctx -> ctx.response()
        .putHeader(HttpHeaders.CONTENT_TYPE, "application/yaml").end(contract.document()));
    router.route().handler(authentication);
    router.route().handler(rateLimits);
    router.route().handler(BodyHandler.create(false).setBodyLimit(config.limits().maxBodyBytes()));
    router.post("/tenants").handler(run(changes::create));
    router.get("/tenants").handler(run(reads::list));
    router.route("/tenants").handler(notAllowed("GET, POST"));
    router.get("/tenants/:tenant").handler(run(reads::get));
    router.patch("/tenants/:tenant").handler(run(changes::update));
    router.delete("/tenants/:tenant").handler(run(changes::delete));
    router.route("/tenants/:tenant").handler(notAllowed("GET, PATCH, DELETE"));
    router.get("/tenants/:tenant/events").handler(run(reads::events));
    router.get("/tenants/:tenant/kubeconfig").handler(run(reads::kubeconfig));
    router.get("/savings").handler(run(reads::savings));
    router.route().handler(ctx -> Problem.of(404, "no-such-route", "No such route", ctx.request().method() + " "
        + ctx.request().path() + " is not a route of this API: see " + Responses.base(ctx) + "/openapi.yaml")
        .send(ctx));
    router.route().failureHandler(new Failures(config.limits()));
    return router;
  }

  private static Handler<RoutingContext> run(Function<RoutingContext, Future<Void>> route) {
    return ctx -> route.apply(ctx).onFailure(ctx::fail);
  }

  private static void adminOnly(RoutingContext ctx) {
    if (Responses.caller(ctx) instanceof Caller.TenantMember) {
      Problem.of(403, "admin-only", "Admin scope needed", ctx.request().path() + " covers every tenant: it"
          + " needs a token with the admin scope").send(ctx);
      return;
    }
    ctx.next();
  }

  /** The two failures an admin read names (see {@link AdminRead}); anything else is the API's usual 500. */
  private static void adminReadFailure(RoutingContext ctx) {
    if (ctx.response().headWritten()) {
      LOG.warn("{} stopped while answering: {}", ctx.request().path(), String.valueOf(ctx.failure()));
      ctx.response().reset();
      return;
    }
    if (ctx.failure() instanceof IllegalArgumentException bad) {
      Problem.of(400, "invalid-parameter", "A query parameter is not valid", bad.getMessage()).send(ctx);
    } else if (ctx.failure() instanceof IllegalStateException unavailable) {
      Problem.of(503, "unavailable", "Cannot answer now", unavailable.getMessage()).send(ctx);
    } else {
      ctx.next();
    }
  }

  private static Handler<RoutingContext> notAllowed(String allowed) {
    return ctx -> {
      ctx.response().putHeader(HttpHeaders.ALLOW, allowed);
      Problem.of(405, "method-not-allowed", "Method not allowed", ctx.request().method() + " is not offered on "
          + ctx.request().path() + ": use " + allowed).send(ctx);
    };
  }

  /** The routes, to mount under {@code /api/v1}: {@code router.route("/api/v1/*").subRouter(api.router())}. */
  public Router router() {
    return router;
  }

  /** The tenants as this instance knows them. */
  public TenantView view() {
    return view;
  }

  public Future<Void> close() {
    feed.close();
    return requests.close();
  }
}
