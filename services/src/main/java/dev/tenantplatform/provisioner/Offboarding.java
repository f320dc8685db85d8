package dev.tenantplatform.provisioner;

import dev.tenantplatform.kube.Applier;
import dev.tenantplatform.kube.KubeKind;
import dev.tenantplatform.kube.Kinds;
import dev.tenantplatform.kube.KubernetesWorkers;
import dev.tenantplatform.kube.Labels;
import dev.tenantplatform.kube.TenantNames;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.time.Duration;
import java.util.List;

/**
 * Removes a tenant's cluster the way k0smotron's documentation asks: delete only the top-level Cluster,
 * let the controllers take down what hangs off it, wait until it is gone, then remove the platform's own
 * objects (templates, Calico) and the namespace.
 */
final class Offboarding {

  private static final List<KubeKind> TEMPLATES = List.of(Kinds.DOCKER_MACHINE_TEMPLATE,
      Kinds.DEV_MACHINE_TEMPLATE, Kinds.K0S_WORKER_CONFIG_TEMPLATE);

  private final Vertx vertx;
  private final WorkerExecutor workers;
  private final KubernetesClient client;
  private final Applier applier;
  private final Duration timeout;
  private final Duration poll;

  Offboarding(Vertx vertx, KubernetesClient client, Applier applier, Duration timeout, Duration poll) {
    this.vertx = vertx;
    this.workers = KubernetesWorkers.open(vertx);
    this.client = client;
    this.applier = applier;
    this.timeout = timeout;
    this.poll = poll;
  }

  Future<Void> remove(String tenant) {
    TenantNames names = new TenantNames(tenant);
    String ns = names.namespace();
    long deadline = System.nanoTime() + timeout.toNanos();
    return applier.delete(Kinds.CLUSTER, ns, names.cluster())
        .compose(v -> untilGone(names, deadline))
        .compose(v -> Future.all(List.of(
            applier.delete(Kinds.MACHINE_DEPLOYMENT, ns, names.machineDeployment()),
            applier.delete(Kinds.K0SMOTRON_CONTROL_PLANE, ns, names.controlPlane()),
            applier.delete(Kinds.DOCKER_CLUSTER, ns, names.cluster()),
            applier.delete(Kinds.DEV_CLUSTER, ns, names.cluster()))))
        .compose(v -> templates(ns, tenant))
        .compose(v -> applier.delete(Kinds.CLUSTER_RESOURCE_SET, ns, names.calicoResourceSet()))
        .compose(v -> applier.delete(ConfigMap.class, ns, names.calicoConfigMap()))
        .compose(v -> applier.delete(Namespace.class, null, ns))
        .mapEmpty();
  }

  private Future<Void> untilGone(TenantNames names, long deadline) {
    return workers.executeBlocking(() -> client.genericKubernetesResources(Kinds.CLUSTER.context())
            .inNamespace(names.namespace()).withName(names.cluster()).get())
        .compose(cluster -> {
          if (cluster == null) {
            return Future.succeededFuture();
          }
          if (System.nanoTime() > deadline) {
            return Future.failedFuture(new ProvisioningException("the Cluster " + names.cluster() + " in "
                + names.namespace() + " is still there after " + timeout.toMinutes() + " min (phase "
                + phase(cluster) + "): check the Cluster API controllers and the Cluster's finalizers"));
          }
          return vertx.timer(poll.toMillis()).compose(v -> untilGone(names, deadline));
        });
  }

  /** Templates are named by a hash of their spec: every generation of them carries the tenant label. */
  private Future<Void> templates(String ns, String tenant) {
    return workers.executeBlocking(() -> TEMPLATES.stream()
            .flatMap(kind -> client.genericKubernetesResources(kind.context()).inNamespace(ns)
                .withLabel(Labels.TENANT, tenant).list().getItems().stream()
                .map(item -> new Template(kind, item.getMetadata().getName())))
            .toList())
        .compose(found -> Future.all(found.stream().map(t -> applier.delete(t.kind(), ns, t.name())).toList()))
        .mapEmpty();
  }

  private record Template(KubeKind kind, String name) {
  }

  private static Object phase(GenericKubernetesResource cluster) {
    Object phase = cluster.get("status", "phase");
    return phase == null ? "unknown" : phase;
  }

}
