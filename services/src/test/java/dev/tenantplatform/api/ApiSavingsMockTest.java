package dev.tenantplatform.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tenantplatform.events.ClusterSpec;
import dev.tenantplatform.events.EventData;
import dev.tenantplatform.events.EventType;
import dev.tenantplatform.events.PodRequests;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** {@code GET /savings}: the seed's Action 7 table from the log, per tenant and in total, for admins only. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApiSavingsMockTest {

  private ApiFixture api;

  @BeforeAll
  void start() {
    api = new ApiFixture(ApiLimits.DEFAULT.withRate(1000, 1000));
    new Chain("acme").created(ClusterSpec.DEFAULTS)
        .add(EventType.CLUSTER_CONTROLPLANE_READY, EventData.controlPlaneReady(3, 3, "v1.32.8+k0s.0",
            new PodRequests(3, 3000, 3L << 30), new PodRequests(3, 750, 3L * (512 << 20))))
        .add(EventType.TENANT_READY, EventData.ready(Duration.ofMillis(45_000), Duration.ofMillis(40_000),
            Duration.ofMillis(61_234)))
        .into(api.view);
    new Chain("globex").created(ClusterSpec.DEFAULTS)
        .add(EventType.CLUSTER_CONTROLPLANE_READY, EventData.controlPlaneReady(3, 3, "v1.32.8+k0s.0",
            new PodRequests(3, 0, 0), new PodRequests(3, 0, 0)))
        .into(api.view);
  }

  @AfterAll
  void stop() {
    api.close();
  }

  @Test
  void anAdminGetsEachTenantAndTheTotalAgainstTheHaBaseline() {
    HttpResponse<String> response = api.call("GET", "/savings", api.admin(), null);

    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    JsonObject report = new JsonObject(response.body());
    assertThat(report.getJsonObject("model").getString("profile")).isEqualTo("ha");
    assertThat(report.getJsonObject("model").getString("currency")).isEqualTo("USD");
    assertThat(report.getJsonObject("model").getString("formula")).contains("node_cpu_hourly_cost");
    assertThat(report.getInteger("counted")).isEqualTo(1);
    assertThat(report.getString("usage")).isEqualTo("not available");
    JsonObject acme = report.getJsonArray("tenants").getJsonObject(0).getJsonObject("comparison");
    assertThat(acme.getJsonObject("saved").getInteger("controlPlaneMachines")).isEqualTo(3);
    assertThat(acme.getJsonObject("baseline").getInteger("machines")).isEqualTo(5);
    assertThat(acme.getJsonObject("hosted").getInteger("machines")).isEqualTo(2);
    assertThat(acme.getJsonObject("hosted").getInteger("controlPlanePods")).isEqualTo(6);
    // 3 t3.medium control-plane machines at 0.0416 an hour, 730 hours: 91.10 a month.
    assertThat(acme.getJsonObject("saved").getNumber("costPerMonthGross").toString()).isEqualTo("91.1");
    assertThat(acme.getJsonObject("ratios").getNumber("boot_time").toString()).isEqualTo("0.75");
    assertThat(report.getJsonObject("total").getJsonObject("saved").getInteger("controlPlaneMachines"))
        .isEqualTo(3);
  }

  @Test
  void aTenantWhosePodsRequestNothingIsListedAsUnknownWithTheReason() {
    JsonArray tenants = new JsonObject(api.call("GET", "/savings", api.admin(), null).body())
        .getJsonArray("tenants");

    JsonObject globex = tenants.getJsonObject(1);
    assertThat(globex.getString("tenant")).isEqualTo("globex");
    assertThat(globex.containsKey("comparison")).isFalse();
    assertThat(globex.getString("unknown")).contains("request no CPU and no memory");
  }

  @Test
  void theDevProfileComparesWithOneDedicatedNodeAndAnUnknownProfileIsNamed() {
    JsonObject dev = new JsonObject(api.call("GET", "/savings?profile=dev", api.admin(), null).body());
    HttpResponse<String> unknown = api.call("GET", "/savings?profile=huge", api.admin(), null);

    assertThat(dev.getJsonObject("model").getInteger("controlPlaneNodesPerCluster")).isEqualTo(1);
    assertThat(dev.getJsonObject("total").getJsonObject("saved").getInteger("controlPlaneMachines")).isEqualTo(1);
    assertThat(unknown.statusCode()).isEqualTo(400);
    assertThat(unknown.body()).contains("no baseline profile 'huge': choose one of dev, ha");
  }

  @Test
  void aTenantTokenIsRefusedEvenForItsOwnTenant() {
    HttpResponse<String> response = api.call("GET", "/savings", api.member("acme"), null);

    assertThat(response.statusCode()).isEqualTo(403);
    assertThat(response.body()).contains("admin scope");
  }
}
