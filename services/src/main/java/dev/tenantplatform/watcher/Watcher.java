package dev.tenantplatform.watcher;

import dev.tenantplatform.support.TenantLedger;
import dev.tenantplatform.watcher.state.TenantState;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.util.Optional;
import java.util.function.Predicate;

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

  /** Deploys the watcher of a single instance, which owns every tenant; completes once its informers have synced. */
  public static Future<Watcher> deploy(Vertx vertx, WatcherConfig config, KubernetesClient client,
      TenantLedger ledger) {
    return deploy(vertx, config, client, ledger, tenant -> true);
  }

  /**
   * Deploys the watcher of one of several instances: it derives every tenant's state, but emits events only for
   * the tenants {@code owns} accepts (those whose partition of {@code tenant.requests} this instance holds), so
   * each tenant keeps one writer.
   */
  public static Future<Watcher> deploy(Vertx vertx, WatcherConfig config, KubernetesClient client,
      TenantLedger ledger, Predicate<String> owns) {
    WatcherVerticle verticle = new WatcherVerticle(config, client, ledger, owns, Clock.systemUTC());
    return vertx.deployVerticle(verticle).map(id -> new Watcher(verticle, id));
  }

  /** Derives every tenant again now, e.g. after this instance took partitions over; emits what chains lack. */
  public void resync() {
    verticle.resyncSoon();
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
