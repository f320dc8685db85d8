package dev.tenantplatform.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** A user of the local platform's HTTP API: onboards tenants, waits for their state, reads /metrics. */
public final class LocalTenants {

  private final HttpClient http = HttpClient.newHttpClient();
  private final String base;
  private final String token;

  public LocalTenants(String base, String adminToken) {
    this.base = base;
    this.token = adminToken;
  }

  /** Asks for each tenant (one worker each) and waits until every one is Ready. */
  public void onboardToReady(List<String> tenants, Duration patience) {
    for (String tenant : tenants) {
      HttpResponse<String> created = send("POST", "/api/v1/tenants",
          "{\"tenant\":\"" + tenant + "\",\"cluster\":{\"workers\":1}}");
      assertThat(created.statusCode()).as(created.body()).isEqualTo(202);
    }
    await().atMost(patience).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
      for (String tenant : tenants) {
        assertThat(state(tenant)).as(tenant).isEqualTo("Ready");
      }
    });
  }

  /** Offboards the tenant and waits until it is Deleted. */
  public void offboard(String tenant, Duration patience) {
    HttpResponse<String> deleted = send("DELETE", "/api/v1/tenants/" + tenant, null);
    assertThat(deleted.statusCode()).as(deleted.body()).isEqualTo(202);
    await().atMost(patience).pollInterval(Duration.ofMillis(250))
        .untilAsserted(() -> assertThat(state(tenant)).isEqualTo("Deleted"));
  }

  /** Scales the tenant's workers; answers once the request is on Kafka. */
  public void scale(String tenant, int workers) {
    HttpResponse<String> patched = send("PATCH", "/api/v1/tenants/" + tenant,
        "{\"cluster\":{\"workers\":" + workers + "}}");
    assertThat(patched.statusCode()).as(patched.body()).isEqualTo(202);
  }

  public String state(String tenant) {
    HttpResponse<String> got = send("GET", "/api/v1/tenants/" + tenant, null);
    return got.statusCode() == 200 ? new JsonObject(got.body()).getString("state") : "HTTP " + got.statusCode();
  }

  /** The Prometheus text of /metrics. */
  public String scrape() {
    HttpResponse<String> got = send("GET", "/metrics", null);
    assertThat(got.statusCode()).isEqualTo(200);
    return got.body();
  }

  /** The samples of the scrape whose metric name starts with {@code prefix}: series to value. */
  public Map<String, String> samples(String prefix) {
    Map<String, String> samples = new TreeMap<>();
    scrape().lines().filter(line -> line.startsWith(prefix)).forEach(line -> {
      int space = line.lastIndexOf(' ');
      samples.put(line.substring(0, space), line.substring(space + 1));
    });
    return samples;
  }

  private HttpResponse<String> send(String method, String path, String body) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
        .header("Authorization", "Bearer " + token)
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    if (body != null) {
      request.header("Content-Type", "application/json");
    }
    try {
      return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new AssertionError(method + " " + path + " failed: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }
}
