package dev.tenantplatform.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tenantplatform.api.SigningKeys;
import dev.tenantplatform.app.LocalInfo;
import dev.tenantplatform.testing.KafkaCluster;
import dev.tenantplatform.testing.KafkaExtension;
import dev.tenantplatform.testing.RunningPlatform;
import dev.tenantplatform.events.EventData;
import dev.tenantplatform.events.EventType;
import dev.tenantplatform.events.TenantEvent;
import dev.tenantplatform.support.TenantLedger;
import io.vertx.core.json.JsonObject;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The CLI, end to end: through the HTTP API, the real broker, the provisioner and the simulated controllers. */
@ExtendWith(KafkaExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TenantsCommandIT {

  private static final Duration PATIENCE = Duration.ofSeconds(60);
  private RunningPlatform platform;
  private Path dataDir;

  @BeforeAll
  void start(KafkaCluster kafka, @TempDir Path dir) throws Exception {
    dataDir = dir;
    SigningKeys keys = SigningKeys.loadOrCreate(dir);
    platform = new RunningPlatform(kafka, keys);
    new LocalInfo(platform.url(), kafka.bootstrapServers(), platform.kube.url(), dir.resolve("kubeconfig"),
        platform.admin()).write(dir);
  }

  @AfterAll
  void stop() {
    platform.close();
  }

  @Test
  void aTenantIsCreatedScaledReadAndDeletedWithTheCli(@TempDir Path work) throws Exception {
    String tenant = "cli-" + UUID.randomUUID().toString().substring(0, 8);
    Run created = cli("tenants", "create", tenant, "--workers", "1", "--data", dataDir.toString());
    assertThat(created.code).as(created.err).isZero();
    assertThat(created.out).contains("create of tenant " + tenant + " accepted");

    await().atMost(PATIENCE).untilAsserted(() -> assertThat(cli("tenants", "get", tenant, "-o", "json", "--data",
        dataDir.toString()).out).contains("\"state\" : \"Provisioning\""));
    Run update = cli("tenants", "update", tenant, "--workers", "3", "--data", dataDir.toString());
    assertThat(update.code).as(update.err).isZero();
    await().atMost(PATIENCE).untilAsserted(() -> assertThat(new JsonObject(cli("tenants", "get", tenant, "-o",
        "json", "--data", dataDir.toString()).out).getJsonObject("cluster").getInteger("workers")).isEqualTo(3));

    Run list = cli("tenants", "list", "--data", dataDir.toString());
    assertThat(list.out).contains("TENANT", "STATE").containsPattern(tenant + "\\s+\\w+\\s+v1.32.8\\+k0s.0\\s+3\\s+3");
    Run events = cli("tenants", "events", tenant, "--data", dataDir.toString());
    assertThat(events.out).contains("tenant.accepted", "cluster.applied", "create", "update");

    Path kubeconfig = work.resolve("kubeconfig");
    await().atMost(PATIENCE).until(() -> cli("tenants", "kubeconfig", tenant, "-f", kubeconfig.toString(),
        "--data", dataDir.toString()).code == 0);
    assertThat(Files.readString(kubeconfig)).contains("kind: Config");

    Run deleted = cli("tenants", "delete", tenant, "--data", dataDir.toString());
    assertThat(deleted.code).as(deleted.err).isZero();
    await().atMost(PATIENCE).untilAsserted(() -> assertThat(cli("tenants", "get", tenant, "--data",
        dataDir.toString()).out).containsPattern("state\\s+Deleted"));
  }

  @Test
  void aMintedTenantTokenSeesItsTenantOnlyAndMayNotChangeIt() {
    String tenant = "mint-" + UUID.randomUUID().toString().substring(0, 8);
    assertThat(cli("tenants", "create", tenant, "--data", dataDir.toString()).code).isZero();
    Run minted = cli("tokens", "mint", "--tenant", tenant, "--data", dataDir.toString());
    assertThat(minted.code).as(minted.err).isZero();
    List<String> lines = minted.out.lines().toList();
    String token = lines.get(lines.size() - 1);

    await().atMost(PATIENCE).untilAsserted(() -> assertThat(cli("tenants", "list", "-o", "json", "--token", token,
        "--server", platform.url()).out).contains("\"tenant\" : \"" + tenant + "\""));
    Run other = cli("tenants", "get", "someone-else", "--token", token, "--server", platform.url());
    assertThat(other.code).isEqualTo(1);
    assertThat(other.err).contains("no tenant named 'someone-else' that this token may see", "HTTP 404");
    Run scale = cli("tenants", "update", tenant, "--workers", "5", "--token", token, "--server", platform.url());
    assertThat(scale.code).isEqualTo(1);
    assertThat(scale.err).contains("needs a token with the admin scope");
  }

  @Test
  void aBadRequestShowsEveryReasonAndNoPlatformSaysHowToFindOne(@TempDir Path empty) {
    Run bad = cli("tenants", "create", "acme", "--control-plane-replicas", "2", "--service-type", "nodeport",
        "--data", dataDir.toString());
    assertThat(bad.code).isEqualTo(1);
    assertThat(bad.err).contains("etcd needs an odd number", "did you mean 'NodePort'", "HTTP 400");

    Run nowhere = cli("tenants", "list", "--data", empty.toString());
    assertThat(nowhere.code).isEqualTo(1);
    assertThat(nowhere.err).contains("give --server URL", "tenant-platform local");
  }

  @Test
  void validateFailsUntilEveryCheckPassesAndThenSucceeds() {
    String tenant = "valid-" + UUID.randomUUID().toString().substring(0, 8);
    assertThat(cli("tenants", "create", tenant, "--data", dataDir.toString()).code).isZero();
    await().atMost(PATIENCE).until(() -> cli("tenants", "get", tenant, "--data", dataDir.toString()).code == 0);
    Run coming = cli("validate", tenant, "--data", dataDir.toString());
    assertThat(coming.code).isEqualTo(ValidateCommand.NOT_VALID);
    assertThat(coming.out).contains("✅ Cluster " + tenant + " exists", "❌ Cluster phase = Provisioned");

    // What the watcher reports as the controllers bring the cluster up.
    String requestId = "watcher-" + tenant;
    RunningPlatform.join(platform.ledger.append(tenant, Stream.of(
        unsealed(EventType.CLUSTER_PROVISIONED, tenant, requestId, EventData.provisioned("172.18.0.2", 30443)),
        unsealed(EventType.CLUSTER_CONTROLPLANE_READY, tenant, requestId, EventData.controlPlaneReady(3, 3, null)),
        unsealed(EventType.CLUSTER_CNI_APPLIED, tenant, requestId, EventData.cniApplied("calico", "calico")),
        unsealed(EventType.CLUSTER_WORKERS_READY, tenant, requestId, EventData.workersReady(2, 2)),
        unsealed(EventType.TENANT_READY, tenant, requestId, EventData.ready(Duration.ofSeconds(22),
            Duration.ofSeconds(20), Duration.ofSeconds(61)))).map(TenantLedger.Entry::always).toList()));
    await().atMost(PATIENCE).untilAsserted(() -> {
      Run valid = cli("validate", tenant, "--data", dataDir.toString());
      assertThat(valid.code).as(valid.out).isZero();
      assertThat(valid.out).contains("✅ 2 workers Ready (2/2)", "All checks pass.").doesNotContain("❌");
    });
  }

  private static TenantEvent unsealed(EventType type, String tenant, String requestId,
      com.fasterxml.jackson.databind.node.ObjectNode data) {
    return TenantEvent.unsealed(type, tenant, requestId, Instant.now(), data);
  }

  @Test
  void everyClientCommandHasHelp() {
    for (String[] args : List.of(new String[] {"tenants", "--help"}, new String[] {"tenants", "create", "--help"},
        new String[] {"tenants", "kubeconfig", "--help"}, new String[] {"tokens", "mint", "--help"},
        new String[] {"validate", "--help"})) {
      Run help = cli(args);
      assertThat(help.code).isZero();
      assertThat(help.out).contains("Usage: tenant-platform");
    }
  }

  private record Run(int code, String out, String err) {
  }

  private static Run cli(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = Main.commandLine();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    int code = cli.execute(new ArrayList<>(List.of(args)).toArray(String[]::new));
    return new Run(code, out.toString(), err.toString());
  }
}
