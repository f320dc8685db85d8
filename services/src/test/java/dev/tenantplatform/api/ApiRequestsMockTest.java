package dev.tenantplatform.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tenantplatform.events.Action;
import dev.tenantplatform.events.ClusterSpec;
import dev.tenantplatform.events.TenantRequest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What the API makes of request bodies, good and bad, and how it holds a flooding caller back. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApiRequestsMockTest {

  private ApiFixture api;

  @BeforeAll
  void start() {
    api = new ApiFixture(ApiLimits.DEFAULT.withRate(1000, 1000));
    new Chain("acme").created(ClusterSpec.DEFAULTS).ready().into(api.view);
  }

  @AfterAll
  void stop() {
    api.close();
  }

  @Test
  void aCreateIsWrittenInTheCallersNameAndAnswered202WithItsLocation() {
    HttpResponse<String> response = api.call("POST", "/tenants",
        api.admin(), "{\"tenant\":\"initech\",\"cluster\":{\"workers\":4,\"version\":\"v1.33.4\"}}");
    assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
    assertThat(response.headers().firstValue("Location")).contains("/api/v1/tenants/initech");
    JsonObject body = new JsonObject(response.body());
    TenantRequest written = api.requests.written.stream()
        .filter(r -> r.requestId().equals(body.getString("requestId"))).findFirst().orElseThrow();
    assertThat(written.action()).isEqualTo(Action.CREATE);
    assertThat(written.tenant()).isEqualTo("initech");
    assertThat(written.requestedBy()).isEqualTo("ops");
    assertThat(written.cluster()).isEqualTo(ClusterSpec.UNCHANGED.withWorkers(4).withVersion("v1.33.4"));
  }

  @Test
  void anIdempotencyKeyBecomesTheRequestId() throws Exception {
    var request = java.net.http.HttpRequest.newBuilder(java.net.URI.create(api.call("GET", "/openapi.yaml", null,
        null).uri().toString().replace("/openapi.yaml", "/tenants/acme")))
        .header("Authorization", "Bearer " + api.admin()).header("Idempotency-Key", "order-4711")
        .DELETE().build();
    HttpResponse<String> response = java.net.http.HttpClient.newHttpClient().send(request,
        HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(202);
    assertThat(new JsonObject(response.body()).getString("requestId")).isEqualTo("order-4711");
    assertThat(api.requests.written).anySatisfy(r -> {
      assertThat(r.requestId()).isEqualTo("order-4711");
      assertThat(r.action()).isEqualTo(Action.DELETE);
    });
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "broken JSON|{\"tenant\": \"x\"|body",
      "not an object|[1, 2]|body",
      "workers as a string|{\"tenant\":\"x\",\"cluster\":{\"workers\":\"3\"}}|cluster.workers",
      "an unknown field|{\"tenant\":\"x\",\"clster\":{}}|clster",
      "an unknown cluster field|{\"tenant\":\"x\",\"cluster\":{\"wrokers\":3}}|cluster.wrokers",
      "no tenant|{\"cluster\":{}}|tenant",
      "a tenant that is no DNS label|{\"tenant\":\"Acme_Corp\"}|tenant",
      "an even control plane|{\"tenant\":\"x\",\"cluster\":{\"controlPlaneReplicas\":2}}|cluster.controlPlaneReplicas",
      "a wrongly cased service type|{\"tenant\":\"x\",\"cluster\":{\"serviceType\":\"nodeport\"}}|cluster.serviceType"})
  void aBadBodyIsA400ProblemNamingTheField(String what, String body, String field) {
    int before = api.requests.written.size();
    HttpResponse<String> response = api.call("POST", "/tenants", api.admin(), body);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
    assertThat(response.headers().firstValue("Content-Type")).contains(Problem.CONTENT_TYPE);
    JsonObject problem = new JsonObject(response.body());
    assertThat(problem.getString("type")).isEqualTo(Problem.TYPE_BASE + "invalid-request");
    JsonArray violations = problem.getJsonArray("violations");
    assertThat(violations).as(response.body()).isNotEmpty();
    assertThat(violations.stream().map(v -> ((JsonObject) v).getString("field")).toList()).as(response.body())
        .anySatisfy(f -> assertThat(f).startsWith(field));
    assertThat(api.requests.written).as("nothing written").hasSize(before);
  }

  @Test
  void aWrongTypeIsOneViolationInPlainWords() {
    JsonObject problem = new JsonObject(api.call("POST", "/tenants", api.admin(),
        "{\"tenant\":\"x\",\"cluster\":{\"workers\":\"3\"}}").body());
    assertThat(problem.getJsonArray("violations")).hasSize(1);
    assertThat(problem.getString("detail")).isEqualTo("field 'cluster.workers' must be a whole number, got a string");
  }

  @Test
  void brokenJsonIsReportedWithItsPosition() {
    JsonObject problem = new JsonObject(api.call("POST", "/tenants", api.admin(),
        "{\"tenant\": \"x\", \"cluster\": {\"workers\": 3,}}").body());
    assertThat(problem.getString("detail")).startsWith("the body is not JSON at line 1, column ")
        .doesNotContain("Source");
  }

  @Test
  void anUnknownFieldIsNamedWithTheKnownOnes() {
    HttpResponse<String> response = api.call("POST", "/tenants", api.admin(),
        "{\"tenant\":\"x\",\"cluster\":{\"wrokers\":3}}");
    assertThat(response.body()).contains("unknown field 'cluster.wrokers'", "workers");
  }

  @Test
  void theValidatorsReasonsReachTheCaller() {
    HttpResponse<String> response = api.call("POST", "/tenants", api.admin(),
        "{\"tenant\":\"x\",\"cluster\":{\"serviceType\":\"nodeport\",\"controlPlaneReplicas\":2}}");
    assertThat(response.body()).contains("did you mean 'NodePort'", "etcd needs an odd number");
  }

  @Test
  void anUpdateIsCheckedAgainstTheTenantsCurrentCluster() {
    HttpResponse<String> response = api.call("PATCH", "/tenants/acme", api.admin(),
        "{\"cluster\":{\"version\":\"v1.35.0+k0s.0\"}}", "application/merge-patch+json");
    assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
    assertThat(new JsonObject(response.body()).getJsonArray("violations").getJsonObject(0).getString("field"))
        .isEqualTo("cluster.version");
    HttpResponse<String> scaled = api.call("PATCH", "/tenants/acme", api.admin(), "{\"cluster\":{\"workers\":6}}",
        "application/merge-patch+json");
    assertThat(scaled.statusCode()).as(scaled.body()).isEqualTo(202);
  }

  @Test
  void creatingATenantThatExistsIsAConflict() {
    HttpResponse<String> response = api.call("POST", "/tenants", api.admin(), "{\"tenant\":\"acme\"}");
    assertThat(response.statusCode()).isEqualTo(409);
    assertThat(response.body()).contains("PATCH /tenants/acme");
  }

  @Test
  void anOversizeBodyIsA413Problem() {
    String padding = "x".repeat(ApiLimits.DEFAULT.maxBodyBytes() + 1);
    HttpResponse<String> response = api.call("POST", "/tenants", api.admin(),
        "{\"tenant\":\"big\",\"cluster\":{\"version\":\"" + padding + "\"}}");
    assertThat(response.statusCode()).isEqualTo(413);
    assertThat(response.headers().firstValue("Content-Type")).contains(Problem.CONTENT_TYPE);
    assertThat(response.body()).contains("over the limit of " + ApiLimits.DEFAULT.maxBodyBytes() + " bytes");
  }

  @Test
  void anUnknownRouteOrMethodIsAProblemThatSaysWhatIsOffered() {
    HttpResponse<String> route = api.call("GET", "/tenant", api.admin(), null);
    assertThat(route.statusCode()).isEqualTo(404);
    assertThat(route.body()).contains("openapi.yaml");
    HttpResponse<String> method = api.call("PUT", "/tenants/acme", api.admin(), "{}");
    assertThat(method.statusCode()).isEqualTo(405);
    assertThat(method.headers().firstValue("Allow")).contains("GET, PATCH, DELETE");
  }

  @Test
  void aFloodFromOneTokenIs429WhileAnotherTokenIsStillServed() {
    try (ApiFixture limited = new ApiFixture(ApiLimits.DEFAULT.withRate(1, 5))) {
      new Chain("acme").created(ClusterSpec.DEFAULTS).into(limited.view);
      new Chain("globex").created(ClusterSpec.DEFAULTS).into(limited.view);
      String flooder = limited.member("acme");
      String other = limited.member("globex");
      List<HttpResponse<String>> flood = java.util.stream.IntStream.range(0, 20)
          .mapToObj(i -> limited.call("GET", "/tenants/acme", flooder, null)).toList();
      assertThat(flood).filteredOn(r -> r.statusCode() == 200).hasSizeLessThanOrEqualTo(7);
      HttpResponse<String> refused = flood.get(flood.size() - 1);
      assertThat(refused.statusCode()).isEqualTo(429);
      assertThat(refused.headers().firstValue("Retry-After")).hasValueSatisfying(
          v -> assertThat(Integer.parseInt(v)).isBetween(1, 2));
      assertThat(refused.body()).contains("retry after");

      assertThat(limited.call("GET", "/tenants/globex", other, null).statusCode()).isEqualTo(200);
    }
  }

  @Test
  void aSlowRequestTimesOutAsA503Problem() {
    try (ApiFixture slow = new ApiFixture(ApiLimits.DEFAULT.withTimeout(Duration.ofMillis(300)))) {
      slow.requests.hold();
      HttpResponse<String> response = slow.call("POST", "/tenants", slow.admin(), "{\"tenant\":\"slow\"}");
      assertThat(response.statusCode()).isEqualTo(503);
      assertThat(response.body()).contains("did not finish within", "Idempotency-Key");
    }
  }
}
