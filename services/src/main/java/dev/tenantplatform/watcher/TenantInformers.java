package dev.tenantplatform.watcher;

import dev.tenantplatform.kube.KubeKind;
import dev.tenantplatform.kube.Kinds;
import dev.tenantplatform.kube.Labels;
import dev.tenantplatform.kube.TenantNames;
import dev.tenantplatform.watcher.state.TenantObservation;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.informers.cache.Cache;
import io.fabric8.kubernetes.client.informers.cache.ReducedStateItemStore;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One shared informer per watched kind, selected by label where the objects carry one, each object mapped to its
 * tenant by namespace ({@code tenant-<tenant>}) and by name or CAPI's cluster-name label. The informers' own caches
 * keep each object's key and resource version only ({@link ReducedStateItemStore}); the object itself is turned
 * into its slim view on the informer's thread and handed on as a change of the tenant's {@link TenantObservation},
 * so no full object outlives its event.
 *
 * <p>Selection: what the platform writes carries {@code tenantplatform.dev/tenant}, and the worker Machines inherit
 * it from the MachineDeployment's template. What k0smotron creates carries CAPI's
 * {@code cluster.x-k8s.io/cluster-name}; its pods also {@code app=k0smotron}. The ClusterResourceSetBinding carries
 * no label, so every binding is watched and those not named like a tenant's Cluster are ignored. Only equality and
 * existence selectors are used: the embedded API ignores set-based ones.
 */
final class TenantInformers implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(TenantInformers.class);

  private final KubernetesClient client;
  private final BiConsumer<String, UnaryOperator<TenantObservation>> sink;
  private final List<SharedIndexInformer<?>> informers = new ArrayList<>();
  /** Notifications handled so far, whether they concerned a tenant or not. */
  private final AtomicLong handled = new AtomicLong();

  /** How a slim view (null for a deleted object) changes the observation. */
  private interface Apply<V> {
    TenantObservation to(TenantObservation observation, String name, V view);
  }

  /**
   * How one kind's objects reach the observation.
   *
   * @param nameOf the one name the tenant's object of this kind has; null when there are several, matched by
   *     CAPI's cluster-name label instead
   */
  private record Route<T extends HasMetadata, V>(Function<TenantNames, String> nameOf, Function<T, V> slim,
      Apply<V> apply) {

    boolean mine(String tenant, T object, boolean deleted) {
      if (nameOf != null) {
        return nameOf.apply(new TenantNames(tenant)).equals(object.getMetadata().getName());
      }
      // A deletion found on a relist carries no labels; removing a name the tenant lacks changes nothing.
      Map<String, String> labels = object.getMetadata().getLabels();
      return deleted || labels != null && tenant.equals(labels.get(Labels.CLUSTER_NAME));
    }
  }

  /** @param sink receives each change with its tenant, on the informer's thread */
  TenantInformers(KubernetesClient client, BiConsumer<String, UnaryOperator<TenantObservation>> sink) {
    this.client = client;
    this.sink = sink;
  }

  /**
   * Starts every informer; completes on {@code context} once each has listed its kind and every object listed has
   * been handed to the sink. An informer reports itself synced when its cache is filled, while its handlers may
   * still be on their way: a state derived before they arrive would be derived from half the objects.
   */
  Future<Void> start(Vertx vertx, Context context) {
    return listAll(context).compose(v -> {
      long listed = informers.stream().mapToLong(i -> i.getStore().listKeys().size()).sum();
      Promise<Void> drained = Promise.promise();
      vertx.setPeriodic(1, 10, id -> {
        if (handled.get() >= listed) {
          vertx.cancelTimer(id);
          // After the changes those handlers queued on the context: the queue keeps its order.
          context.runOnContext(x -> drained.complete());
        }
      });
      return drained.future();
    });
  }

  private Future<Void> listAll(Context context) {
    generic(Kinds.CLUSTER, true, new Route<>(TenantNames::cluster, SlimObjects::cluster,
        (o, name, view) -> o.withCluster(view)));
    generic(Kinds.K0SMOTRON_CONTROL_PLANE, true, new Route<>(TenantNames::controlPlane, SlimObjects::controlPlane,
        (o, name, view) -> o.withControlPlane(view)));
    generic(Kinds.MACHINE_DEPLOYMENT, true, new Route<>(TenantNames::machineDeployment,
        SlimObjects::machineDeployment, (o, name, view) -> o.withMachineDeployment(view)));
    generic(Kinds.MACHINE, true, new Route<>(null, SlimObjects::machine, TenantObservation::withMachine));
    generic(Kinds.CLUSTER_RESOURCE_SET_BINDING, false, new Route<>(TenantNames::resourceSetBinding,
        SlimObjects::binding, (o, name, view) -> o.withBinding(view)));
    SharedIndexInformer<Pod> pods = client.pods().inAnyNamespace().withLabel("app", "k0smotron").runnableInformer(0);
    register(pods, Pod.class, "pods", new Route<>(null, SlimObjects::pod, TenantObservation::withPod));
    // Only the kubeconfig Secret's existence counts: its content goes with the event, never kept or logged.
    SharedIndexInformer<Secret> secrets = client.secrets().inAnyNamespace().withLabel(Labels.CLUSTER_NAME)
        .runnableInformer(0);
    register(secrets, Secret.class, "secrets", new Route<Secret, Boolean>(TenantNames::kubeconfigSecret,
        secret -> Boolean.TRUE, (o, name, view) -> o.withKubeconfig(view != null)));
    List<Future<Void>> synced = new ArrayList<>();
    for (SharedIndexInformer<?> informer : informers) {
      synced.add(Future.fromCompletionStage(informer.start(), context));
    }
    return Future.all(synced).mapEmpty();
  }

  private void generic(KubeKind kind, boolean tenantLabel, Route<GenericKubernetesResource, ?> route) {
    var any = client.genericKubernetesResources(kind.context()).inAnyNamespace();
    SharedIndexInformer<GenericKubernetesResource> informer = tenantLabel
        ? any.withLabel(Labels.TENANT).runnableInformer(0) : any.runnableInformer(0);
    register(informer, GenericKubernetesResource.class, kind.resource(), route);
  }

  private <T extends HasMetadata, V> void register(SharedIndexInformer<T> informer, Class<T> type, String what,
      Route<T, V> route) {
    informer.itemStore(new ReducedStateItemStore<>(ReducedStateItemStore.NAME_KEY_STATE, type,
        client.getKubernetesSerialization()));
    // The namespace index keeps a set per namespace and kind, seven per tenant: the watcher never looks things up.
    informer.removeIndexer(Cache.NAMESPACE_INDEX);
    informer.addEventHandler(new ResourceEventHandler<>() {
      @Override
      public void onAdd(T object) {
        hand(what, object, false, route);
      }

      @Override
      public void onUpdate(T before, T object) {
        hand(what, object, false, route);
      }

      @Override
      public void onDelete(T object, boolean finalStateUnknown) {
        hand(what, object, true, route);
      }
    });
    informers.add(informer);
  }

  private <T extends HasMetadata, V> void hand(String what, T object, boolean deleted, Route<T, V> route) {
    String tenant = TenantNames.tenantOfNamespace(object.getMetadata().getNamespace());
    String name = object.getMetadata().getName();
    try {
      if (tenant != null && route.mine(tenant, object, deleted)) {
        V view = deleted ? null : route.slim().apply(object);
        sink.accept(tenant, observation -> route.apply().to(observation, name, view));
      }
    } catch (RuntimeException e) {
      // One unreadable object must not stop the informer: the tenant's other objects still count.
      LOG.warn("tenant {}: cannot read {} {}: {}", tenant, what, name, e.toString());
    } finally {
      handled.incrementAndGet();
    }
  }

  /** Stops every watch; the client stays open. */
  @Override
  public void close() {
    informers.forEach(SharedIndexInformer::close);
  }
}
