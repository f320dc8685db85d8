package dev.tenantplatform.app;

import dev.tenantplatform.support.KafkaClients;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.healthchecks.HealthChecks;
import io.vertx.ext.healthchecks.Status;
import io.vertx.kafka.admin.KafkaAdminClient;
import java.util.Map;

/** Readiness: the platform is ready when both of its systems of record answer. */
final class Health {

  private static final long TIMEOUT_MS = 3_000;

  private Health() {
  }

  static KafkaAdminClient admin(Vertx vertx, PlatformConfig config) {
    Map<String, String> settings = KafkaClients.connection(config.kafkaBootstrap());
    settings.put("request.timeout.ms", "3000");
    settings.put("default.api.timeout.ms", "3000");
    return KafkaAdminClient.create(vertx, settings);
  }

  static HealthChecks checks(Vertx vertx, KafkaAdminClient admin, KubernetesClient kubernetes) {
    return HealthChecks.create(vertx)
        .register("kafka", TIMEOUT_MS, promise -> admin.describeCluster()
            .onSuccess(c -> promise.complete(Status.OK(new JsonObject().put("nodes", c.getNodes().size()))))
            .onFailure(e -> promise.complete(Status.KO(new JsonObject().put("error", e.getMessage())))))
        .register("kubernetes", TIMEOUT_MS, promise -> vertx
            .executeBlocking(() -> kubernetes.getKubernetesVersion().getGitVersion(), false)
            .onSuccess(v -> promise.complete(Status.OK(new JsonObject().put("version", v))))
            .onFailure(e -> promise.complete(Status.KO(new JsonObject().put("error", e.getMessage())))));
  }
}
