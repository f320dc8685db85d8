package dev.tenantplatform.cli;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * The CLI's side of the HTTP API: one call per method, and an error a person can act on when the platform
 * refuses (its problem's detail and violations) or cannot be reached.
 */
final class ApiClient {

  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  private final String server;
  private final String token;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

  ApiClient(String server, String token) {
    this.server = server.endsWith("/") ? server.substring(0, server.length() - 1) : server;
    this.token = token;
  }

  /** The answer's body; fails with the platform's reason unless the status is 2xx. */
  String call(String method, String path, JsonObject body) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server + "/api/v1" + path))
        .timeout(TIMEOUT)
        .header("Authorization", "Bearer " + token)
        .header("Accept", "application/json, application/yaml, application/problem+json")
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body.encode()));
    if (body != null) {
      request.header("Content-Type", "application/json");
    }
    HttpResponse<String> response;
    try {
      response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (ConnectException e) {
      throw new IllegalStateException("cannot reach the platform at " + server + ": is it running? (start one with"
          + " `tenant-platform local`, or check --server)", e);
    } catch (IOException e) {
      throw new IllegalStateException("the call to " + server + " failed: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
    if (response.statusCode() / 100 != 2) {
      throw new IllegalStateException(reason(response));
    }
    return response.body();
  }

  JsonObject json(String method, String path, JsonObject body) {
    return new JsonObject(call(method, path, body));
  }

  private static String reason(HttpResponse<String> response) {
    try {
      JsonObject problem = new JsonObject(response.body());
      StringBuilder text = new StringBuilder(problem.getString("detail", "HTTP " + response.statusCode()));
      JsonArray violations = problem.getJsonArray("violations");
      if (violations != null && violations.size() > 1) {
        violations.forEach(v -> text.append("\n  - ").append(((JsonObject) v).getString("field")).append(": ")
            .append(((JsonObject) v).getString("reason")));
      }
      return text + " (HTTP " + response.statusCode() + ")";
    } catch (RuntimeException e) {
      return "the platform answered HTTP " + response.statusCode() + ": " + response.body();
    }
  }
}
