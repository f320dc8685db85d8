package dev.tenantplatform.provisioner;

import dev.tenantplatform.kube.Applier;
import dev.tenantplatform.kube.NodePortAllocator;
import dev.tenantplatform.provisioner.blueprint.ClusterBlueprint;
import dev.tenantplatform.support.Telemetry;
import dev.tenantplatform.support.TenantLedger;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.Set;
import java.util.function.Consumer;

/** Assembles the provisioner from its parts and deploys it. */
public final class Provisioner {

  private Provisioner() {
  }

  /** Deploys the consumer; completes with the deployment id once it has subscribed. */
  public static Future<String> deploy(Vertx vertx, ProvisionerConfig config, KubernetesClient client,
      TenantLedger ledger) {
    return deploy(vertx, config, client, ledger, Telemetry.NOOP, partitions -> { });
  }

  /**
   * Deploys the consumer, telling {@code tookOver} the partition numbers this instance takes over on each
   * rebalance once their chains are read back (the watcher derives their tenants again then).
   */
  public static Future<String> deploy(Vertx vertx, ProvisionerConfig config, KubernetesClient client,
      TenantLedger ledger, Consumer<Set<Integer>> tookOver) {
    return deploy(vertx, config, client, ledger, Telemetry.NOOP, tookOver);
  }

  /**
   * Deploys the consumer, telling {@code telemetry} what it does and {@code tookOver} the partition numbers this
   * instance takes over on each rebalance once their chains are read back (the watcher derives their tenants
   * again then).
   */
  public static Future<String> deploy(Vertx vertx, ProvisionerConfig config, KubernetesClient client,
      TenantLedger ledger, Telemetry telemetry, Consumer<Set<Integer>> tookOver) {
    Applier applier = new Applier(vertx, client, config.apiRetries());
    PortBook ports = new PortBook(new NodePortAllocator(vertx, client, config.platformNamespace(),
        config.nodePorts(), NodePortAllocator.DEFAULT_RETRIES));
    Offboarding offboarding = new Offboarding(vertx, client, applier, config.deleteTimeout(), config.deletePoll());
    TenantReconciler reconciler = new TenantReconciler(applier, ports, new ClusterBlueprint(config.blueprint()),
        ledger, offboarding, telemetry);
    return vertx.deployVerticle(new ProvisionerVerticle(config, ledger, reconciler, telemetry, tookOver));
  }
}
