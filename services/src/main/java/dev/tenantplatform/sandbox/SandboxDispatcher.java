package dev.tenantplatform.sandbox;

import io.fabric8.kubernetes.client.dsl.base.CustomResourceDefinitionContext;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.Buffer;
import io.fabric8.mockwebserver.http.Headers;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * fabric8's CRUD dispatcher, made to behave enough like a real API server for the platform, the
 * simulator and kubectl: real discovery, server-side apply approximated (create when absent, JSON
 * merge patch when present; no field ownership), write queries dropped (the CRUD mock ignores a
 * {@code /status} patch that carries {@code ?fieldManager=}), and API errors injected on demand.
 */
final class SandboxDispatcher extends KubernetesCrudDispatcher {

  private static final String APPLY_PATCH = "application/apply-patch";

  private final ApiDiscovery discovery;
  private volatile Predicate<ApiCall> faults = call -> false;

  SandboxDispatcher(List<CustomResourceDefinitionContext> crds, ApiDiscovery discovery) {
    super(crds);
    this.discovery = discovery;
  }

  void failWhen(Predicate<ApiCall> predicate) {
    this.faults = predicate;
  }

  @Override
  public MockResponse dispatch(RecordedRequest request) {
    String[] pathAndQuery = request.getPath().split("\\?", 2);
    String path = pathAndQuery[0];
    String method = request.getMethod();
    String query = pathAndQuery.length == 2 ? pathAndQuery[1] : "";
    if (faults.test(new ApiCall(method, path, String.valueOf(request.getHeader("User-Agent")), query))) {
      return status(503, "ServiceUnavailable", "injected fault: the API server is unavailable");
    }
    if (method.equals("GET")) {
      var document = discovery.document(path);
      if (document.isPresent()) {
        return json(200, document.get());
      }
      if (path.startsWith("/openapi")) {
        return status(404, "NotFound", "the embedded API publishes no OpenAPI schema");
      }
    }
    if (pathAndQuery.length == 2 && (method.equals("POST") || method.equals("PUT") || method.equals("PATCH"))) {
      // fieldManager, fieldValidation, dryRun… make the mock misbehave; a real server would honour them.
      return super.dispatch(withPath(request, HttpMethod.valueOf(method), path, request.getHeaders()));
    }
    return super.dispatch(request);
  }

  @Override
  public MockResponse handlePatch(RecordedRequest request) {
    String contentType = String.valueOf(request.getHeader("Content-Type"));
    boolean apply = contentType.startsWith(APPLY_PATCH);
    boolean merge = contentType.startsWith("application/merge-patch+json");
    String path = request.getPath();
    if (!(apply || merge) || path.endsWith("/status")) {
      return super.handlePatch(request);
    }
    MockResponse current = handleGet(path);
    if (current.code() == 404) {
      return apply ? handleCreate(withPath(request, HttpMethod.POST, path.substring(0, path.lastIndexOf('/')),
          jsonHeaders(request))) : current;
    }
    // The CRUD mock appends to lists on a merge patch; RFC 7386 (and apply) replace them.
    JsonObject merged = MergePatch.apply(new JsonObject(current.getBody().readUtf8()),
        new JsonObject(request.getUtf8Body()));
    return handleUpdate(new RecordedRequest(request.getHttpVersion(), HttpMethod.PUT, path, jsonHeaders(request),
        new Buffer(merged.encode().getBytes(StandardCharsets.UTF_8))));
  }

  private static Headers jsonHeaders(RecordedRequest request) {
    return request.getHeaders().newBuilder().set("Content-Type", "application/json").build();
  }

  /** Every stored object as JSON, for a snapshot. */
  List<String> objects() {
    Map<?, String> map = getMap();
    synchronized (map) {
      return new ArrayList<>(map.values());
    }
  }

  /** Puts objects of a snapshot back, as they were (resource versions included). */
  void restore(List<String> objects) {
    long highest = 0;
    for (String json : objects) {
      JsonObject object = new JsonObject(json);
      JsonObject metadata = object.getJsonObject("metadata", new JsonObject());
      discovery.collectionPath(object.getString("apiVersion"), object.getString("kind"),
          metadata.getString("namespace")).ifPresent(path -> {
            handleCreate(request(HttpMethod.POST, path, "application/json", json));
            if (object.containsKey("status")) {
              handleStatusRestore(path + "/" + metadata.getString("name"), object.getJsonObject("status"));
            }
          });
      highest = Math.max(highest, parseLong(metadata.getString("resourceVersion", "0")));
    }
    // New writes must get resource versions above the restored ones, as they would on a real server.
    long next = requestResourceVersion();
    while (next < highest) {
      next = requestResourceVersion();
    }
  }

  private void handleStatusRestore(String path, JsonObject status) {
    super.handlePatch(request(HttpMethod.PATCH, path + "/status", "application/merge-patch+json",
        new JsonObject().put("status", status).encode()));
  }

  private static RecordedRequest request(HttpMethod method, String path, String contentType, String body) {
    Headers headers = new Headers.Builder().set("Content-Type", contentType).build();
    return new RecordedRequest("HTTP/1.1", method, path, headers,
        new Buffer(body.getBytes(StandardCharsets.UTF_8)));
  }

  private static long parseLong(String value) {
    try {
      return Long.parseLong(value);
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  private static RecordedRequest withPath(RecordedRequest request, HttpMethod method, String path,
      Headers headers) {
    return new RecordedRequest(request.getHttpVersion(), method, path, headers, request.getBody());
  }

  private static MockResponse json(int code, JsonObject body) {
    return new MockResponse().setResponseCode(code).setHeader("Content-Type", "application/json")
        .setBody(body.encode());
  }

  private static MockResponse status(int code, String reason, String message) {
    return json(code, statusJson(code, reason, message));
  }

  /** A Kubernetes {@code Status} failure, as clients expect it in an error response. */
  static JsonObject statusJson(int code, String reason, String message) {
    return new JsonObject().put("kind", "Status").put("apiVersion", "v1").put("metadata", new JsonObject())
        .put("status", "Failure").put("message", message).put("reason", reason).put("code", code);
  }
}
