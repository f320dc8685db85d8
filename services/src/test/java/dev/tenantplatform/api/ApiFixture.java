package dev.tenantplatform.api;

import dev.tenantplatform.events.KubeconfigRead;
import dev.tenantplatform.events.TenantRequest;
import dev.tenantplatform.sandbox.EmbeddedKubernetes;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import io.vertx.kafka.client.producer.RecordMetadata;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * The API's routes on a real HTTP server, over the embedded Kubernetes API, with a request log that records
 * instead of writing to Kafka; the tenant view is filled by the test.
 */
final class ApiFixture implements AutoCloseable {

  static final String ISSUER = "https://id.example/realms/platform";

  final Vertx vertx = Vertx.vertx();
  final SigningKeys keys = SigningKeys.generate(ISSUER);
  final TenantView view = new TenantView(100);
  final RecordingLog requests = new RecordingLog();
  final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  final EmbeddedKubernetes kube = EmbeddedKubernetes.start(null);
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final HttpServer server;

  ApiFixture(ApiLimits limits) {
    ApiConfig config = ApiConfig.defaults("127.0.0.1:9092", keys.verification()).withLimits(limits)
        .withAdminRead(new AdminRead("/audit", ctx -> {
          if (ctx.request().getParam("from") != null) {
            ctx.fail(new IllegalArgumentException("from: 'yesterday' is not a time"));
          } else if (ctx.request().getParam("verify") != null) {
            ctx.fail(new IllegalStateException("cannot read the log from 127.0.0.1:9092 within 30 s"));
          } else {
            ctx.response().putHeader("Content-Type", "application/json").end("{\"tenants\":[]}");
          }
        }));
    Contract contract = join(Contract.load(vertx));
    Router api = Api.router(vertx, config, contract, view, new Kubeconfigs(vertx, kube.client()), requests,
        registry);
    Router root = Router.router(vertx);
    root.route("/api/v1/*").subRouter(api);
    server = join(vertx.createHttpServer().requestHandler(root).listen(0, "127.0.0.1"));
  }

  String admin() {
    return keys.mintAdmin(vertx, "ops", Duration.ofMinutes(10));
  }

  String member(String tenant) {
    return keys.mintTenant(vertx, tenant, tenant + "-dev", Duration.ofMinutes(10));
  }

  /** Writes the kubeconfig Secret k0smotron would write for {@code tenant}. */
  void kubeconfig(String tenant, String content) {
    kube.client().namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("tenant-" + tenant)
        .endMetadata().build()).createOr(r -> r.update());
    kube.client().secrets().inNamespace("tenant-" + tenant).resource(new SecretBuilder().withNewMetadata()
        .withName(tenant + "-kubeconfig").endMetadata().withType("cluster.x-k8s.io/secret")
        .addToData("value", Base64.getEncoder().encodeToString(content.getBytes(StandardCharsets.UTF_8)))
        .build()).createOr(r -> r.update());
  }

  HttpResponse<String> call(String method, String path, String token, String body) {
    return call(method, path, token, body, "application/json");
  }

  HttpResponse<String> call(String method, String path, String token, String body, String contentType) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.actualPort()
        + "/api/v1" + path)).timeout(Duration.ofSeconds(20))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body));
    if (body != null) {
      request.header("Content-Type", contentType);
    }
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    try {
      return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (Exception e) {
      throw new AssertionError(method + " " + path + " failed: " + e, e);
    }
  }

  @Override
  public void close() {
    join(vertx.close());
    kube.close();
  }

  static <T> T join(Future<T> future) {
    try {
      return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  /** Records every request the API would write; the offsets count up like a one-partition log. */
  static final class RecordingLog implements RequestLog {
    final List<TenantRequest> written = new CopyOnWriteArrayList<>();
    final List<KubeconfigRead> reads = new CopyOnWriteArrayList<>();
    private volatile boolean held;
    private volatile boolean refusingReads;

    /** From now on, every kubeconfig read's record fails, as with a Kafka that refuses the write. */
    void refuseReads(boolean refuse) {
      refusingReads = refuse;
    }

    /** From now on, no write is ever acknowledged, as with a Kafka that does not answer. */
    void hold() {
      held = true;
    }

    @Override
    public Future<RecordMetadata> append(TenantRequest request) {
      if (held) {
        return io.vertx.core.Promise.<RecordMetadata>promise().future();
      }
      written.add(request);
      return Future.succeededFuture(new RecordMetadata(written.size() - 1, 0, System.currentTimeMillis(),
          "tenant.requests"));
    }

    @Override
    public Future<RecordMetadata> record(KubeconfigRead read) {
      if (refusingReads) {
        return Future.failedFuture(new IllegalStateException("not enough in-sync replicas"));
      }
      reads.add(read);
      return Future.succeededFuture(new RecordMetadata(reads.size() - 1, 0, System.currentTimeMillis(),
          "tenant.requests"));
    }

    @Override
    public Future<Void> close() {
      return Future.succeededFuture();
    }
  }
}
