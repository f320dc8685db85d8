package dev.tenantplatform.kube;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.vertx.core.json.JsonObject;
import java.net.InetAddress;
import java.util.HashMap;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * fabric8's plain CRUD mock server, as an API server without server-side apply (404 for a new object, 415
 * for an existing one), recording the calls it gets; it can refuse every write of one object, as admission
 * or schema validation would.
 */
final class PlainApiServer implements AutoCloseable {

  /** One request: {@code PATCH application/apply-patch+yaml /apis/.../acme-cp}. */
  record Call(String method, String contentType, String path) {

    boolean isApply() {
      return method.equals("PATCH") && contentType.startsWith("application/apply-patch");
    }

    boolean isWrite() {
      return !method.equals("GET");
    }
  }

  private final List<Call> calls = new CopyOnWriteArrayList<>();
  private final KubernetesMockServer server;
  private final KubernetesClient client;
  private volatile Refusal refusal;

  private record Refusal(String name, int code, String reason, String message) {
  }

  PlainApiServer() {
    var dispatcher = new KubernetesCrudDispatcher(Kinds.ALL.stream().map(KubeKind::context).toList()) {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        String path = request.getPath();
        Call call = new Call(request.getMethod(), String.valueOf(request.getHeader("Content-Type")), path);
        calls.add(call);
        Refusal refused = refusal;
        if (refused != null && call.isWrite() && path.contains(refused.name())) {
          return new MockResponse().setResponseCode(refused.code()).setHeader("Content-Type", "application/json")
              .setBody(new JsonObject().put("kind", "Status").put("apiVersion", "v1").put("status", "Failure")
                  .put("reason", refused.reason()).put("message", refused.message()).put("code", refused.code())
                  .encode());
        }
        return super.dispatch(request);
      }
    };
    server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(), dispatcher, false);
    server.init(InetAddress.getLoopbackAddress(), 0);
    client = server.createClient();
  }

  KubernetesClient client() {
    return client;
  }

  List<Call> calls() {
    return List.copyOf(calls);
  }

  void clearCalls() {
    calls.clear();
  }

  /** Every write to a path naming {@code name} is answered with this failure, from now on. */
  void refuseWritesOf(String name, int code, String reason, String message) {
    refusal = new Refusal(name, code, reason, message);
  }

  @Override
  public void close() {
    client.close();
    server.destroy();
  }
}
