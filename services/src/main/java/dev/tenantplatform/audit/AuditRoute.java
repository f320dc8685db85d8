package dev.tenantplatform.audit;

import dev.tenantplatform.audit.fold.AuditQuery;
import dev.tenantplatform.audit.fold.AuditTopics;
import dev.tenantplatform.audit.fold.ReportFormat;
import dev.tenantplatform.audit.fold.TimeArgument;
import dev.tenantplatform.audit.fold.Verification;
import dev.tenantplatform.audit.fold.Window;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Set;

/**
 * {@code GET /api/v1/audit?tenant=&from=&to=&at=&verify=&format=}: the replay's report over HTTP, for the admin
 * scope (the API authenticates and refuses other scopes before this handler runs). The log is read and folded
 * on a worker thread; the verdict of {@code verify=true} goes in the {@value #VERDICT_HEADER} header, then the
 * report streams out in chunks, each written once the previous one has left (a slow reader holds one chunk,
 * not the report). Read-only, as the command: no consumer group, nothing committed or produced.
 */
public final class AuditRoute implements Handler<RoutingContext> {

  /** {@code intact}, {@code broken} or {@code not-verified}. */
  public static final String VERDICT_HEADER = "Audit-Chains";
  private static final Set<String> PARAMETERS = Set.of("tenant", "from", "to", "at", "verify", "format");

  private final Vertx vertx;
  private final Replay replay;
  private final AuditTopics topics;

  /** The report of the platform's topics. */
  public AuditRoute(Vertx vertx, String bootstrapServers, Duration timeout) {
    this(vertx, bootstrapServers, timeout, AuditTopics.PLATFORM);
  }

  /** The report of {@code topics}: a copy of the log under other names. */
  public AuditRoute(Vertx vertx, String bootstrapServers, Duration timeout, AuditTopics topics) {
    this.vertx = vertx;
    this.replay = new Replay(bootstrapServers, timeout);
    this.topics = topics;
  }

  @Override
  public void handle(RoutingContext ctx) {
    AuditQuery query;
    ReportFormat format;
    try {
      query = query(ctx.request(), topics);
      format = ReportFormat.of(param(ctx.request(), "format", "json"));
    } catch (IllegalArgumentException e) {
      ctx.fail(e);
      return;
    }
    vertx.executeBlocking(() -> replay.read(query, null), false)
        .compose(outcome -> {
          HttpServerResponse response = ctx.response().setChunked(true)
              .putHeader(HttpHeaders.CONTENT_TYPE, format.contentType())
              .putHeader(VERDICT_HEADER, verdict(outcome.report().verification()));
          return vertx.executeBlocking(() -> {
            try (Writer out = new ResponseWriter(response)) {
              format.render(outcome.report(), out);
            }
            return null;
          }, false);
        })
        .onFailure(ctx::fail);
  }

  private static AuditQuery query(HttpServerRequest request, AuditTopics topics) {
    for (String name : request.params().names()) {
      if (!PARAMETERS.contains(name)) {
        throw new IllegalArgumentException("'" + name + "' is not a parameter of /audit: use tenant, from, to, at,"
            + " verify and format");
      }
    }
    Instant from = time(request, "from");
    Instant to = time(request, "to");
    Instant at = time(request, "at");
    String tenant = request.getParam("tenant");
    boolean verify = flag(param(request, "verify", "false"));
    if (at != null && (from != null || to != null)) {
      throw new IllegalArgumentException("at shows one instant, folded from the start of the log: give it without"
          + " from and to");
    }
    return at != null ? AuditQuery.pointInTime(topics, at, tenant, verify)
        : AuditQuery.history(topics, new Window(from, to), tenant, verify);
  }

  private static Instant time(HttpServerRequest request, String name) {
    String value = request.getParam(name);
    if (value == null) {
      return null;
    }
    try {
      return TimeArgument.parse(value);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(name + ": " + e.getMessage(), e);
    }
  }

  private static boolean flag(String value) {
    return switch (value.toLowerCase(Locale.ROOT)) {
      case "true", "1", "yes" -> true;
      case "false", "0", "no" -> false;
      default -> throw new IllegalArgumentException("verify is true or false, got '" + value + "'");
    };
  }

  private static String param(HttpServerRequest request, String name, String fallback) {
    String value = request.getParam(name);
    return value == null || value.isBlank() ? fallback : value;
  }

  private static String verdict(Verification verification) {
    if (!verification.performed()) {
      return "not-verified";
    }
    return verification.intact() ? "intact" : "broken";
  }

  /** Characters to the response in chunks; blocks its (worker) thread until each chunk has been written. */
  private static final class ResponseWriter extends Writer {
    private static final int CHUNK = 64 * 1024;
    private final HttpServerResponse response;
    private final StringBuilder pending = new StringBuilder(CHUNK);

    ResponseWriter(HttpServerResponse response) {
      this.response = response;
    }

    @Override
    public void write(char[] text, int offset, int length) throws IOException {
      pending.append(text, offset, length);
      if (pending.length() >= CHUNK) {
        flush();
      }
    }

    @Override
    public void write(String text) throws IOException {
      pending.append(text);
      if (pending.length() >= CHUNK) {
        flush();
      }
    }

    @Override
    public void flush() throws IOException {
      if (pending.isEmpty()) {
        return;
      }
      String chunk = pending.toString();
      pending.setLength(0);
      wait(response.write(chunk));
    }

    @Override
    public void close() throws IOException {
      flush();
      wait(response.end());
    }

    private static void wait(io.vertx.core.Future<Void> written) throws IOException {
      try {
        written.toCompletionStage().toCompletableFuture().join();
      } catch (RuntimeException e) {
        throw new UncheckedIOException(new IOException("the client went away: " + e.getMessage(), e));
      }
    }
  }
}
