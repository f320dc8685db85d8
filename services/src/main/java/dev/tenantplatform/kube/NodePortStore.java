package dev.tenantplatform.kube;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.informers.cache.Cache;
import io.fabric8.kubernetes.client.informers.cache.ReducedStateItemStore;
import io.vertx.core.Future;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ConfigMap that holds the allocations, as last seen: kept up to date by a watch and by this instance's own
 * writes, so an allocation reads nothing from the API. The copy may lag behind another instance's write; that
 * write then makes ours fail with 409 (it is made under the resource version read), and the next read asks the
 * API itself ({@link #forget}).
 *
 * <p>Of two copies the one with the higher resource version is kept, so the watch's report of a write made
 * before ours never replaces our own answer. Resource versions are etcd's revision numbers on an API server
 * (and counters on the embedded one); one that is not a number is taken as newer.
 */
final class NodePortStore implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(NodePortStore.class);

  private final KubernetesClient client;
  private final String namespace;
  private final String name;
  /** The running informer; a new one for each start. */
  private SharedIndexInformer<ConfigMap> informer;
  /** The ConfigMap as last seen; empty when it does not exist. */
  private final AtomicReference<Seen> latest = new AtomicReference<>(Seen.of(null));
  /** Whether the next read must ask the API: before the watch is up, or after a write lost to another's. */
  private final AtomicBoolean stale = new AtomicBoolean(true);

  /** The ConfigMap as seen (null when there is none) and its table, read once per version. */
  record Seen(ConfigMap map, NodePortTable table) {

    static Seen of(ConfigMap map) {
      NodePortTable table = NodePortTable.parse(map == null ? null : map.getData());
      if (!table.unreadable().isEmpty()) {
        LOG.warn("ConfigMap {}/{} holds entries that are not '<apiPort>,<konnectivityPort>', left as they are: {}",
            map.getMetadata().getNamespace(), map.getMetadata().getName(), table.unreadable());
      }
      return new Seen(map, table);
    }

    long version() {
      return map == null ? -1 : NodePortStore.version(map);
    }
  }

  NodePortStore(KubernetesClient client, String namespace, String name) {
    this.client = client;
    this.namespace = namespace;
    this.name = name;
  }

  /** Starts the watch; completes once it has listed the ConfigMap. Reads ask the API until then. */
  synchronized Future<Void> start() {
    // an informer whose first list failed does not start again: a new one starts afresh (the owner closed the old)
    stale.set(true);
    informer = informer();
    return Future.fromCompletionStage(informer.start());
  }

  private SharedIndexInformer<ConfigMap> informer() {
    SharedIndexInformer<ConfigMap> watch = client.configMaps().inNamespace(namespace).withName(name)
        .runnableInformer(0);
    // the informer's cache keeps the key; the ConfigMap itself is kept here
    watch.itemStore(new ReducedStateItemStore<>(ReducedStateItemStore.NAME_KEY_STATE, ConfigMap.class,
        client.getKubernetesSerialization()));
    watch.removeIndexer(Cache.NAMESPACE_INDEX);
    watch.addEventHandler(new ResourceEventHandler<>() {
      @Override
      public void onAdd(ConfigMap map) {
        offer(map);
      }

      @Override
      public void onUpdate(ConfigMap before, ConfigMap map) {
        offer(map);
      }

      @Override
      public void onDelete(ConfigMap map, boolean finalStateUnknown) {
        // a deletion found on a relist carries no resource version: then the API is asked next time
        if (finalStateUnknown || map.getMetadata().getResourceVersion() == null) {
          stale.set(true);
        } else {
          latest.updateAndGet(seen -> version(map) >= seen.version() ? Seen.of(null) : seen);
        }
      }
    });
    return watch;
  }

  /** The ConfigMap and its table: as last seen, or read from the API when that may be out of date. */
  Seen read() {
    if (stale.getAndSet(false)) {
      try {
        Seen now = Seen.of(client.configMaps().inNamespace(namespace).withName(name).get());
        // what the API says now is the truth, even if older than a copy the watch had sent (a recreation)
        latest.set(now);
        return now;
      } catch (RuntimeException e) {
        stale.set(true);
        throw e;
      }
    }
    return latest.get();
  }

  /** The ConfigMap and its table as last seen, without a call; null when the copy may be out of date. */
  Seen seen() {
    return stale.get() ? null : latest.get();
  }

  /** The next read asks the API: the copy was out of date. */
  void forget() {
    stale.set(true);
  }

  /**
   * Creates the ConfigMap, or replaces it only if nobody wrote it since {@code stored} was read (else 409).
   * Two instances creating it at once: the second create fails with 409 AlreadyExists.
   */
  void write(ConfigMap stored, NodePortTable table) {
    Map<String, String> data = table.data();
    ConfigMap written;
    if (stored == null) {
      written = client.configMaps().inNamespace(namespace).resource(new ConfigMapBuilder().withNewMetadata()
          .withName(name).withNamespace(namespace).addToLabels(Labels.MANAGED_BY, Labels.MANAGED_BY_VALUE)
          .endMetadata().withData(data).build()).create();
    } else {
      written = client.configMaps().inNamespace(namespace).resource(new ConfigMapBuilder(stored).withData(data)
          .build()).lockResourceVersion(stored.getMetadata().getResourceVersion()).update();
    }
    offer(new Seen(written, table));
  }

  /** From the watch: read only if newer than the copy (the report of this instance's own write is not). */
  private void offer(ConfigMap map) {
    long version = version(map);
    if (version > latest.get().version() || version == Long.MAX_VALUE) {
      offer(Seen.of(map));
    }
  }

  private void offer(Seen offered) {
    latest.updateAndGet(seen -> offered.version() >= seen.version() ? offered : seen);
  }

  private static long version(ConfigMap map) {
    String version = map.getMetadata() == null ? null : map.getMetadata().getResourceVersion();
    try {
      return version == null ? Long.MAX_VALUE : Long.parseLong(version);
    } catch (NumberFormatException e) {
      return Long.MAX_VALUE;
    }
  }

  @Override
  public synchronized void close() {
    if (informer != null) {
      informer.close();
      informer = null;
    }
  }
}
