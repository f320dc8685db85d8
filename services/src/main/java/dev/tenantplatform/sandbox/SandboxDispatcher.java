package dev.tenantplatform.sandbox;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.dsl.base.CustomResourceDefinitionContext;
import io.fabric8.kubernetes.client.server.mock.KubernetesAttributesExtractor;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesResponseComposer;
import io.fabric8.mockwebserver.crud.AttributeSet;
import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.Buffer;
import io.fabric8.mockwebserver.http.Headers;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.fabric8.mockwebserver.http.WebSocketListener;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * fabric8's CRUD dispatcher, made to behave enough like a real API server for the platform, the
 * simulator and kubectl: real discovery, server-side apply approximated (a create, and a JSON merge patch
 * when the object exists, nothing written when that changes nothing; no field ownership), write
 * queries dropped (the CRUD mock ignores a {@code /status} patch that carries {@code ?fieldManager=}),
 * and API errors injected on demand.
 *
 * <p>Reads and the lookups of writes go through an {@link ObjectIndex}, so a call costs the same with ten
 * tenants as with ten thousand; watches close off the mock's event loop ({@link WatchCloser}); and every
 * request gets an answer — an exception in the mock becomes a 500 naming it instead of a call left hanging
 * until the client gives up.
 */
final class SandboxDispatcher extends KubernetesCrudDispatcher {

  private static final Logger LOG = LoggerFactory.getLogger(SandboxDispatcher.class);
  private static final String APPLY_PATCH = "application/apply-patch";

  private final ApiDiscovery discovery;
  private final ObjectIndex index = new ObjectIndex();
  private final KubernetesAttributesExtractor extractor;
  private final KubernetesResponseComposer lists = new KubernetesResponseComposer();
  private final AtomicLong lastVersion = new AtomicLong();
  private final ExecutorService watchClosing = Executors.newCachedThreadPool(task -> {
    Thread thread = new Thread(task, "sandbox-watch-close");
    thread.setDaemon(true);
    return thread;
  });
  private volatile Function<ApiCall, Optional<ApiFault>> faults = call -> Optional.empty();

  SandboxDispatcher(List<CustomResourceDefinitionContext> crds, ApiDiscovery discovery) {
    super(crds);
    this.discovery = discovery;
    this.extractor = (KubernetesAttributesExtractor) getAttributeExtractor();
  }

  void injectFaults(Function<ApiCall, Optional<ApiFault>> source) {
    this.faults = source;
  }

  @Override
  public MockResponse dispatch(RecordedRequest request) {
    try {
      return route(request);
    } catch (DecodeException e) {
      return status(400, "BadRequest", "the body of " + request.getMethod() + " " + request.getPath()
          + " is not JSON: " + e.getMessage());
    } catch (RuntimeException e) {
      LOG.warn("{} {} failed in the embedded API", request.getMethod(), request.getPath(), e);
      return status(500, "InternalError", "the embedded API failed on " + request.getMethod() + " "
          + request.getPath() + ": " + e);
    }
  }

  private MockResponse route(RecordedRequest request) {
    String[] pathAndQuery = request.getPath().split("\\?", 2);
    String path = pathAndQuery[0];
    String method = request.getMethod();
    String query = pathAndQuery.length == 2 ? pathAndQuery[1] : "";
    Optional<ApiFault> fault = faults.apply(new ApiCall(method, path, String.valueOf(request.getHeader("User-Agent")),
        query));
    if (fault.isEmpty()) {
      return carryOut(request, method, path, pathAndQuery.length == 2);
    }
    Duration late = fault.get() instanceof ApiFault.Slow slow ? slow.delay()
        : fault.get() instanceof ApiFault.LateAnswer answered ? answered.hold() : null;
    if (late != null) {
      MockResponse answer = carryOut(request, method, path, pathAndQuery.length == 2);
      // a watch is an upgrade to a WebSocket: there is no answer to hold back
      return answer.getWebSocketListener() == null ? answer.setBodyDelay(late) : answer;
    }
    return injected(fault.get());
  }

  private MockResponse carryOut(RecordedRequest request, String method, String path, boolean hasQuery) {
    if (method.equals("GET")) {
      var document = discovery.document(path);
      if (document.isPresent()) {
        return json(200, document.get());
      }
      if (path.startsWith("/openapi")) {
        return status(404, "NotFound", "the embedded API publishes no OpenAPI schema");
      }
    }
    if (hasQuery && (method.equals("POST") || method.equals("PUT") || method.equals("PATCH"))) {
      // fieldManager, fieldValidation, dryRun… make the mock misbehave; a real server would honour them.
      return super.dispatch(withPath(request, HttpMethod.valueOf(method), path, request.getHeaders()));
    }
    return super.dispatch(request);
  }

  /** The answer of a fault that keeps the call from being carried out; a late one is timed by the mock's event loop. */
  private static MockResponse injected(ApiFault fault) {
    if (fault instanceof ApiFault.ServerError error) {
      return error.code() == 503
          ? status(503, "ServiceUnavailable", "injected fault: the API server is unavailable")
          : status(error.code(), "InternalError", "injected fault: the API server failed with " + error.code());
    }
    if (fault instanceof ApiFault.Throttled throttled) {
      JsonObject status = statusJson(429, "TooManyRequests", "injected fault: too many requests, please try again later")
          .put("details", new JsonObject().put("retryAfterSeconds", throttled.retryAfterSeconds()));
      return json(429, status).setHeader("Retry-After", throttled.retryAfterSeconds());
    }
    ApiFault.NoAnswer none = (ApiFault.NoAnswer) fault;
    return status(504, "Timeout", "injected fault: the request did not complete within " + none.hold().toSeconds()
        + " s").setBodyDelay(none.hold());
  }

  @Override
  public MockResponse handleGet(String path) {
    AttributeSet query = extractor.fromPath(path);
    if (isWatch(path) || !index.answers(query)) {
      return super.handleGet(path);
    }
    if (query.containsKey(KubernetesAttributesExtractor.NAME)) {
      return index.find(query).map(found -> new MockResponse().setResponseCode(200).setBody(found.json()))
          .orElseGet(() -> status(404, "NotFound", only(query, KubernetesAttributesExtractor.PLURAL) + " \""
              + only(query, KubernetesAttributesExtractor.NAME) + "\" not found"));
    }
    return new MockResponse().setResponseCode(200)
        .setBody(lists.compose(index.list(query), String.valueOf(lastVersion.get())));
  }

  private static String only(AttributeSet attributes, String key) {
    return attributes.getAttribute(key).getValues().get(0).toString();
  }

  private static boolean isWatch(String path) {
    int query = path.indexOf('?');
    return query >= 0 && path.indexOf("watch=true", query) >= 0;
  }

  @Override
  public Map.Entry<AttributeSet, String> findResource(AttributeSet attributes) {
    if (!attributes.containsKey(KubernetesAttributesExtractor.NAME) || !index.answers(attributes)) {
      return super.findResource(attributes);
    }
    return index.find(attributes).map(found -> Map.entry(found.key(), found.json())).orElse(null);
  }

  @Override
  public void processEvent(String path, AttributeSet pathAttributes, AttributeSet oldAttributes,
      GenericKubernetesResource resource, String newState) {
    try {
      super.processEvent(path, pathAttributes, oldAttributes, resource, newState);
    } finally {
      // the key the mock stored the object under, worked out as it does
      ObjectIndex.Entry stored = null;
      if (newState != null) {
        AttributeSet key = resource != null ? extractor.extract(resource) : extractor.fromResource(newState);
        stored = new ObjectIndex.Entry(key.containsKey(KubernetesAttributesExtractor.PLURAL) ? key
            : AttributeSet.merge(pathAttributes, key), newState);
      }
      index.replace(oldAttributes, stored);
    }
  }

  @Override
  public long requestResourceVersion() {
    long version = super.requestResourceVersion();
    lastVersion.accumulateAndGet(version, Math::max);
    return version;
  }

  @Override
  public void reset() {
    super.reset();
    index.clear();
  }

  @Override
  public MockResponse handleWatch(String path) {
    MockResponse response = super.handleWatch(path);
    WebSocketListener watch = response.getWebSocketListener();
    return watch == null ? response : response.withWebSocketUpgrade(new WatchCloser(watch, watchClosing));
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
    // Read once: the mock's buffer empties as it is read, and a second read would see no body at all.
    String body = request.getUtf8Body();
    if (apply) {
      // Most applies of a provisioning platform make new objects: a create first finds that with the one
      // lookup the create makes anyway; only an object that exists (409) is read and merged.
      MockResponse created = create(request, path, body);
      if (created.code() != 409) {
        return created;
      }
    }
    MockResponse current = handleGet(path);
    if (current.code() == 404) {
      // gone since the create found it: an apply makes it again
      return apply ? create(request, path, body) : current;
    }
    JsonObject stored = new JsonObject(current.getBody().readUtf8());
    // The CRUD mock appends to lists on a merge patch; RFC 7386 (and apply) replace them.
    JsonObject merged = MergePatch.apply(stored, new JsonObject(body));
    if (merged.equals(stored)) {
      // as a real API server: a patch that changes nothing writes nothing, the resource version stays
      return new MockResponse().setResponseCode(200).setBody(stored.encode());
    }
    return handleUpdate(new RecordedRequest(request.getHttpVersion(), HttpMethod.PUT, path, jsonHeaders(request),
        utf8(merged.encode())));
  }

  private MockResponse create(RecordedRequest request, String path, String body) {
    return handleCreate(new RecordedRequest(request.getHttpVersion(), HttpMethod.POST,
        path.substring(0, path.lastIndexOf('/')), jsonHeaders(request), utf8(body)));
  }

  private static Buffer utf8(String text) {
    return new Buffer(text.getBytes(StandardCharsets.UTF_8));
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
    return new RecordedRequest("HTTP/1.1", method, path, headers, utf8(body));
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
