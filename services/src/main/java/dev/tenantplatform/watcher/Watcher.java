package dev.tenantplatform.watcher;

import dev.tenantplatform.support.TenantLedger;
import dev.tenantplatform.watcher.state.TenantState;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.util.Optional;

/**
 * The watcher, deployed: lifecycle events from what the controllers report, and each tenant's current state.
 * Deploy one per platform instance; every event it derives goes through the ledger, the tenants' single writer.
 */
public final class Watcher {

  private final WatcherVerticle verticle;
  private final String deploymentId;

  private Watcher(WatcherVerticle verticle, String deploymentId) {
    this.verticle = verticle;
    this.deploymentId = deploymentId;
  }

  /** Deploys the watcher; completes once its informers have listed every watched kind. */
  public static Future<Watcher> deploy(Vertx vertx, WatcherConfig config, KubernetesClient client,
      TenantLedger ledger) {
    WatcherVerticle verticle = new WatcherVerticle(config, client, ledger, Clock.systemUTC());
    return vertx.deployVerticle(verticle).map(id -> new Watcher(verticle, id));
  }

  public String deploymentId() {
    return deploymentId;
  }

  /** The tenant's state as last derived: phase, reason, the Action 10 checks one by one; empty when unknown. */
  public Future<Optional<TenantState>> state(String tenant) {
    return verticle.state(tenant);
  }

  /** How many tenants the watcher holds. */
  public Future<Integer> tenants() {
    return verticle.tenants();
  }
}
