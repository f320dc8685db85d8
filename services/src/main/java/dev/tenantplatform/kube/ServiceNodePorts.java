package dev.tenantplatform.kube;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.informers.cache.Cache;
import io.fabric8.kubernetes.client.informers.cache.ReducedStateItemStore;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The node ports every Service of the cluster uses, kept up to date by a watch: NodePort and LoadBalancer
 * Services both hold them, whoever made them (a tenant's control plane, or anything else). A list of every
 * Service per allocation grew with the tenants; this costs a watch event per change of a Service.
 *
 * <p>The informer's own cache keeps only each Service's key; the ports live here, counted per port, as two
 * Services may name the same one while the API server rejects the second.
 */
final class ServiceNodePorts implements AutoCloseable {

  private final KubernetesClient client;
  /** The running informer; a new one for each start. */
  private SharedIndexInformer<Service> informer;
  /** The node ports of each Service that has any, by namespace/name. */
  private final Map<String, List<Integer>> byService = new ConcurrentHashMap<>();
  /** How many Services use each node port. */
  private final Map<Integer, Integer> users = new ConcurrentHashMap<>();
  private final Set<Integer> inUse = Collections.unmodifiableSet(users.keySet());
  /** Notifications handled so far. */
  private final AtomicLong handled = new AtomicLong();

  ServiceNodePorts(KubernetesClient client) {
    this.client = client;
  }

  /**
   * Lists and watches the Services; completes once every Service listed is counted. The informer says it has
   * synced when its cache is filled, while its handlers may still be on their way.
   */
  synchronized Future<Void> start(Vertx vertx) {
    // an informer whose first list failed does not start again: a new one starts afresh (the owner closed the old)
    byService.clear();
    users.clear();
    handled.set(0);
    SharedIndexInformer<Service> started = informer();
    informer = started;
    return Future.fromCompletionStage(started.start()).compose(v -> {
      long listed = started.getStore().listKeys().size();
      Promise<Void> counted = Promise.promise();
      whenCounted(vertx, listed, counted);
      return counted.future();
    });
  }

  private void whenCounted(Vertx vertx, long listed, Promise<Void> counted) {
    if (handled.get() >= listed) {
      counted.tryComplete();
    } else {
      vertx.setTimer(5, id -> whenCounted(vertx, listed, counted));
    }
  }

  private SharedIndexInformer<Service> informer() {
    SharedIndexInformer<Service> services = client.services().inAnyNamespace().runnableInformer(0);
    services.itemStore(new ReducedStateItemStore<>(ReducedStateItemStore.NAME_KEY_STATE, Service.class,
        client.getKubernetesSerialization()));
    services.removeIndexer(Cache.NAMESPACE_INDEX);
    // The handlers run one at a time, in the order of the changes; readers on other threads see a live set.
    services.addEventHandler(new ResourceEventHandler<>() {
      @Override
      public void onAdd(Service service) {
        update(service, false);
      }

      @Override
      public void onUpdate(Service before, Service service) {
        update(service, false);
      }

      @Override
      public void onDelete(Service service, boolean finalStateUnknown) {
        update(service, true);
      }
    });
    return services;
  }

  /** Every node port in use, live: it changes as Services come and go. */
  Set<Integer> inUse() {
    return inUse;
  }

  private void update(Service service, boolean deleted) {
    try {
      count(service, deleted);
    } finally {
      handled.incrementAndGet();
    }
  }

  private void count(Service service, boolean deleted) {
    String key = service.getMetadata().getNamespace() + "/" + service.getMetadata().getName();
    List<Integer> now = deleted ? List.of() : nodePorts(service);
    List<Integer> before = now.isEmpty() ? byService.remove(key) : byService.put(key, now);
    // the new ports count before the old ones go: a port the Service keeps is never seen free
    now.forEach(port -> users.merge(port, 1, Integer::sum));
    if (before != null) {
      before.forEach(port -> users.computeIfPresent(port, (p, count) -> count == 1 ? null : count - 1));
    }
  }

  private static List<Integer> nodePorts(Service service) {
    if (service.getSpec() == null || service.getSpec().getPorts() == null) {
      return List.of();
    }
    return service.getSpec().getPorts().stream().map(ServicePort::getNodePort).filter(Objects::nonNull).toList();
  }

  @Override
  public synchronized void close() {
    if (informer != null) {
      informer.close();
      informer = null;
    }
  }
}
