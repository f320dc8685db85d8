package dev.tenantplatform.sandbox;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import java.util.Set;

/**
 * The address tools and other instances use: forwards every call to the mock server, and turns watches
 * into what a real API server streams. The mock only watches over WebSockets, as fabric8 does, while
 * kubectl and client-go watch with a chunked HTTP response of one JSON event per line.
 */
final class KubernetesFront {

  private static final Set<String> HOP_BY_HOP = Set.of("connection", "keep-alive", "transfer-encoding",
      "upgrade", "proxy-connection", "te", "trailer", "host", "content-length");

  private static final int BACKEND_CONNECTIONS = 64;

  private final Vertx vertx;
  private final int backendPort;
  private final HttpClient http;
  private final WebSocketClient webSockets;
  private HttpServer server;

  private KubernetesFront(Vertx vertx, int backendPort) {
    this.vertx = vertx;
    this.backendPort = backendPort;
    // Vert.x keeps 5 connections per server by default: too few for several instances whose calls may be held.
    this.http = vertx.createHttpClient(new PoolOptions().setHttp1MaxSize(BACKEND_CONNECTIONS));
    this.webSockets = vertx.createWebSocketClient();
  }

  static Future<KubernetesFront> start(Vertx vertx, int port, int backendPort) {
    KubernetesFront front = new KubernetesFront(vertx, backendPort);
    return vertx.createHttpServer().requestHandler(front::handle).listen(port, "127.0.0.1")
        .map(server -> {
          front.server = server;
          return front;
        });
  }

  int port() {
    return server.actualPort();
  }

  private void handle(HttpServerRequest request) {
    boolean watch = request.method() == HttpMethod.GET
        && ("true".equals(request.getParam("watch")) || "1".equals(request.getParam("watch")));
    if (!watch) {
      forward(request);
    } else if ("websocket".equalsIgnoreCase(request.getHeader("Upgrade"))) {
      request.toWebSocket().onSuccess(socket -> bridgeWebSocket(request.uri(), socket));
    } else {
      streamWatch(request);
    }
  }

  private void forward(HttpServerRequest request) {
    request.pause();
    RequestOptions options = new RequestOptions().setMethod(request.method()).setHost("127.0.0.1")
        .setPort(backendPort).setURI(request.uri());
    MultiMap headers = MultiMap.caseInsensitiveMultiMap();
    copyHeaders(request.headers(), headers);
    options.setHeaders(headers);
    http.request(options).onSuccess(backend -> {
      // A caller that gave up (its request timeout) frees the backend connection it held, as a real API server
      // would drop the request: otherwise calls held by an injected fault would fill the pool.
      request.response().closeHandler(v -> backend.reset());
      backend.send(request)
          .onSuccess(answer -> relay(answer, request.response()))
          .onFailure(e -> fail(request.response(), e));
    }).onFailure(e -> fail(request.response(), e));
  }

  private static void relay(HttpClientResponse answer, HttpServerResponse response) {
    response.setStatusCode(answer.statusCode());
    copyHeaders(answer.headers(), response.headers());
    answer.pipeTo(response);
  }

  private void bridgeWebSocket(String uri, ServerWebSocket socket) {
    socket.pause();
    webSockets.connect(connectOptions(uri)).onSuccess(backend -> {
      backend.textMessageHandler(socket::writeTextMessage);
      backend.closeHandler(v -> socket.close());
      socket.closeHandler(v -> backend.close());
      socket.resume();
    }).onFailure(e -> socket.close());
  }

  private void streamWatch(HttpServerRequest request) {
    HttpServerResponse response = request.response();
    long since = parseVersion(request.getParam("resourceVersion"));
    webSockets.connect(connectOptions(request.uri())).onSuccess(backend -> {
      response.setChunked(true).putHeader("Content-Type", "application/json");
      response.writeHead();
      backend.textMessageHandler(event -> {
        if (isNewer(event, since)) {
          response.write(event + "\n");
        }
      });
      backend.closeHandler(v -> response.end());
      response.closeHandler(v -> backend.close());
    }).onFailure(e -> fail(response, e));
  }

  /** A watch from a resource version must not replay what the caller has already listed. */
  private static boolean isNewer(String event, long since) {
    if (since <= 0) {
      return true;
    }
    JsonObject metadata = new JsonObject(event).getJsonObject("object", new JsonObject())
        .getJsonObject("metadata", new JsonObject());
    return parseVersion(metadata.getString("resourceVersion")) > since;
  }

  private WebSocketConnectOptions connectOptions(String uri) {
    return new WebSocketConnectOptions().setHost("127.0.0.1").setPort(backendPort).setURI(uri);
  }

  private static long parseVersion(String version) {
    try {
      return version == null ? 0 : Long.parseLong(version);
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  private static void copyHeaders(MultiMap from, MultiMap to) {
    from.forEach((name, value) -> {
      if (!HOP_BY_HOP.contains(name.toLowerCase())) {
        to.add(name, value);
      }
    });
  }

  private static void fail(HttpServerResponse response, Throwable e) {
    if (!response.headWritten() && !response.closed()) {
      response.setStatusCode(502).putHeader("Content-Type", "application/json")
          .end(SandboxDispatcher.statusJson(502, "BadGateway", "embedded API unreachable: " + e.getMessage())
              .encode());
    }
  }
}
