package dev.tenantplatform.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tenantplatform.events.ClusterSpec;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every route against every kind of caller: no token, a forged one, an expired one, another tenant's, the
 * tenant's own, an admin's. A tenant token never learns whether another tenant exists.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApiAccessMockTest {

  private static final String KUBECONFIG = "apiVersion: v1\nkind: Config\ncurrent-context: acme-admin@acme-k0s\n";
  private ApiFixture api;

  enum Who { NONE, FORGED, EXPIRED, OTHER_TENANT, OWN_TENANT, ADMIN }

  @BeforeAll
  void start() {
    api = new ApiFixture(ApiLimits.DEFAULT.withRate(1000, 1000));
    new Chain("acme").created(ClusterSpec.DEFAULTS).ready().into(api.view);
    new Chain("globex").created(ClusterSpec.DEFAULTS).into(api.view);
    api.kubeconfig("acme", KUBECONFIG);
  }

  @AfterAll
  void stop() {
    api.close();
  }

  static Stream<Arguments> matrix() {
    List<Arguments> rows = new ArrayList<>();
    row(rows, "GET", "/tenants", null, 200, 200, 200);
    row(rows, "POST", "/tenants", "{\"tenant\":\"initech\"}", 403, 403, 202);
    row(rows, "GET", "/tenants/acme", null, 404, 200, 200);
    row(rows, "PATCH", "/tenants/acme", "{\"cluster\":{\"workers\":3}}", 404, 403, 202);
    row(rows, "DELETE", "/tenants/acme", null, 404, 403, 202);
    row(rows, "GET", "/tenants/acme/events", null, 404, 200, 200);
    row(rows, "GET", "/tenants/acme/kubeconfig", null, 404, 200, 200);
    row(rows, "GET", "/savings", null, 403, 403, 200);
    row(rows, "GET", "/audit", null, 403, 403, 200);
    return rows.stream();
  }

  private static void row(List<Arguments> rows, String method, String path, String body, int other, int own,
      int admin) {
    rows.add(Arguments.of(method, path, body, Who.NONE, 401));
    rows.add(Arguments.of(method, path, body, Who.FORGED, 401));
    rows.add(Arguments.of(method, path, body, Who.EXPIRED, 401));
    rows.add(Arguments.of(method, path, body, Who.OTHER_TENANT, other));
    rows.add(Arguments.of(method, path, body, Who.OWN_TENANT, own));
    rows.add(Arguments.of(method, path, body, Who.ADMIN, admin));
  }

  @ParameterizedTest(name = "{0} {1} as {3}: {4}")
  @MethodSource("matrix")
  void eachCallerGetsTheStatusItsTokenAllows(String method, String path, String body, Who who, int status) {
    HttpResponse<String> response = api.call(method, path, token(who), body);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    if (status >= 400) {
      assertThat(response.headers().firstValue("Content-Type")).contains(Problem.CONTENT_TYPE);
      assertThat(new JsonObject(response.body()).getString("detail")).isNotBlank();
    }
    if (who == Who.OTHER_TENANT) {
      assertThat(response.body()).as("nothing of acme's shows").doesNotContain(KUBECONFIG)
          .doesNotContain("\"tenant\":\"acme\"");
    } else if (who != Who.OWN_TENANT && who != Who.ADMIN) {
      assertThat(response.body()).as("nothing shows without a valid token").doesNotContain(KUBECONFIG)
          .doesNotContain("v1.32.8").doesNotContain("Ready").doesNotContain("globex");
    }
    if (status == 401) {
      assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> v.startsWith("Bearer"));
    }
  }

  @Test
  void anAdminReadsBadParameterIsA400AndAnUnavailableLogA503BothSayingWhy() {
    HttpResponse<String> bad = api.call("GET", "/audit?from=yesterday", api.admin(), null);
    HttpResponse<String> unavailable = api.call("GET", "/audit?verify=true", api.admin(), null);

    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(new JsonObject(bad.body()).getString("detail")).isEqualTo("from: 'yesterday' is not a time");
    assertThat(unavailable.statusCode()).isEqualTo(503);
    assertThat(new JsonObject(unavailable.body()).getString("detail")).contains("cannot read the log");
  }

  @Test
  void anotherTenantsTenantLooksExactlyLikeOneThatDoesNotExist() {
    String globex = api.member("globex");
    HttpResponse<String> hidden = api.call("GET", "/tenants/acme", globex, null);
    HttpResponse<String> absent = api.call("GET", "/tenants/nosuch", globex, null);
    assertThat(hidden.statusCode()).isEqualTo(absent.statusCode()).isEqualTo(404);
    assertThat(hidden.body().replace("acme", "X")).isEqualTo(absent.body().replace("nosuch", "X"));
    HttpResponse<String> hiddenKubeconfig = api.call("GET", "/tenants/acme/kubeconfig", globex, null);
    HttpResponse<String> absentKubeconfig = api.call("GET", "/tenants/nosuch/kubeconfig", globex, null);
    assertThat(hiddenKubeconfig.body().replace("acme", "X")).isEqualTo(absentKubeconfig.body().replace("nosuch", "X"));
  }

  @Test
  void aTenantTokenListsItsOwnTenantOnlyAndAnAdminListsAll() {
    JsonObject own = new JsonObject(api.call("GET", "/tenants", api.member("acme"), null).body());
    assertThat(own.getJsonArray("items")).extracting(o -> ((JsonObject) o).getString("tenant"))
        .containsExactly("acme");
    JsonObject all = new JsonObject(api.call("GET", "/tenants", api.admin(), null).body());
    assertThat(all.getJsonArray("items")).extracting(o -> ((JsonObject) o).getString("tenant"))
        .contains("acme", "globex");
  }

  @Test
  void theKubeconfigReadReturnsTheSecretAndCountsTheRead() {
    HttpResponse<String> response = api.call("GET", "/tenants/acme/kubeconfig", api.member("acme"), null);
    assertThat(response.body()).isEqualTo(KUBECONFIG);
    assertThat(api.requests.reads).last().satisfies(read -> {
      assertThat(read.tenant()).isEqualTo("acme");
      assertThat(read.readBy()).isEqualTo("acme-dev");
      assertThat(read.scope()).isEqualTo("tenant");
      assertThat(read.toString()).doesNotContain(KUBECONFIG.strip());
    });
    assertThat(response.headers().firstValue("Cache-Control")).contains("no-store");
    assertThat(api.registry.counter(TenantReads.KUBECONFIG_READS, "scope", "tenant").count()).isPositive();
  }

  @Test
  void aKubeconfigWhoseReadCannotBeRecordedIsNotHandedOut() {
    api.requests.refuseReads(true);
    try {
      HttpResponse<String> response = api.call("GET", "/tenants/acme/kubeconfig", api.admin(), null);

      assertThat(response.statusCode()).isEqualTo(503);
      assertThat(response.body()).doesNotContain(KUBECONFIG.strip())
          .contains("handed out only once its read is recorded");
    } finally {
      api.requests.refuseReads(false);
    }
  }

  @Test
  void aTenantWithoutItsKubeconfigYetIsAConflictThatSaysWhy() {
    HttpResponse<String> response = api.call("GET", "/tenants/globex/kubeconfig", api.admin(), null);
    assertThat(response.statusCode()).isEqualTo(409);
    assertThat(new JsonObject(response.body()).getString("detail")).contains("no kubeconfig yet", "Provisioning");
  }

  @Test
  void theContractIsServedWithoutAToken() {
    HttpResponse<String> response = api.call("GET", "/openapi.yaml", null, null);
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).contains("openapi: 3.1.0", "/tenants/{tenant}/kubeconfig");
  }

  @Test
  void aValidTokenWithoutRoleIsForbiddenWithTheReason() {
    String token = api.keys.mint(api.vertx, new JsonObject().put("sub", "bob").put("scope", "openid"),
        Duration.ofMinutes(5));
    HttpResponse<String> response = api.call("GET", "/tenants", token, null);
    assertThat(response.statusCode()).isEqualTo(403);
    assertThat(response.body()).contains("neither the scope 'admin' nor a 'tenant' claim");
  }

  private String token(Who who) {
    return switch (who) {
      case NONE -> null;
      case FORGED -> SigningKeys.generate(ApiFixture.ISSUER).mintAdmin(api.vertx, "mallory", Duration.ofMinutes(5));
      case EXPIRED -> api.keys.mint(api.vertx, new JsonObject().put("sub", "ops").put("scope", "admin"),
          Duration.ofMinutes(-5));
      case OTHER_TENANT -> api.member("globex");
      case OWN_TENANT -> api.member("acme");
      case ADMIN -> api.admin();
    };
  }
}
