package dev.tenantplatform.sandbox.simulator;

import dev.tenantplatform.kube.Kinds;
import dev.tenantplatform.kube.KubeKind;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.informers.cache.Cache;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.random.RandomGenerator;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Plays the controllers of a management cluster — CAPI, its Docker provider and k0smotron, plus the
 * StatefulSet controller, kubelet and garbage collector the CRUD mock lacks — against a Kubernetes API, with
 * the real kinds, names, owner references, status fields and transitions, at the pace of a
 * {@link SimulatorProfile}. Watches every namespace; one thread runs every reconcile; {@link #close()} stops it
 * all.
 */
public final class ManagementClusterSimulator implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(ManagementClusterSimulator.class);
  private static final Duration QUIET = Duration.ofMillis(100);
  private static final Duration QUIET_LIMIT = Duration.ofSeconds(2);

  private final SimulatorProfile profile;
  private final Faults faults;
  private final WorkQueue queue = new WorkQueue();
  private final Map<KubeKind, Reconciler> controllers = new LinkedHashMap<>();
  private final Map<KubeKind, SharedIndexInformer<GenericKubernetesResource>> informers = new LinkedHashMap<>();
  private final GarbageCollector collector;
  private final Api api;
  private volatile long lastEvent = System.nanoTime();
  private final Timeline timeline = new Timeline(Clock.systemUTC());

  private ManagementClusterSimulator(KubernetesClient client, SimulatorProfile profile, Faults faults) {
    this.profile = profile;
    this.faults = faults;
    api = new Api(client);
    RandomNames names = new RandomNames(RandomGenerator.getDefault());
    Readiness readiness = new Readiness(api, faults);
    controllers.put(Kinds.CLUSTER, new ClusterController(api, faults, timeline));
    controllers.put(Kinds.K0SMOTRON_CONTROL_PLANE, new ControlPlaneController(api, timeline));
    controllers.put(Kinds.K0SMOTRON_CLUSTER, new HostedClusterController(api, new Addresses()));
    controllers.put(CoreKinds.STATEFUL_SET, new StatefulSetController(api, new PodLifecycle(api, timeline), profile,
        readiness::mayBeReady));
    controllers.put(Kinds.MACHINE_DEPLOYMENT, new MachineDeploymentController(api, names, timeline));
    controllers.put(Kinds.MACHINE_SET, new MachineSetController(api, names, timeline));
    controllers.put(Kinds.MACHINE, new MachineController(api, profile, faults, timeline));
    controllers.put(Kinds.CLUSTER_RESOURCE_SET, new ResourceSetController(api, profile, timeline));
    collector = new GarbageCollector(api, watchedKinds());
  }

  /** Starts simulating against the client's API, with faults only from the Clusters' annotations. */
  public static ManagementClusterSimulator start(KubernetesClient client, SimulatorProfile profile) {
    return start(client, profile, new Faults());
  }

  /** Starts simulating against the client's API, with the given faults (the Clusters' annotations add to them). */
  public static ManagementClusterSimulator start(KubernetesClient client, SimulatorProfile profile, Faults faults) {
    ManagementClusterSimulator simulator = new ManagementClusterSimulator(client, profile, faults);
    try {
      Addresses.ensureNode(client);
      for (KubeKind kind : watchedKinds()) {
        simulator.watch(client, kind);
      }
    } catch (RuntimeException e) {
      simulator.close();
      throw e;
    }
    LOG.info("management-cluster simulator started, profile {}", profile.name());
    return simulator;
  }

  public SimulatorProfile profile() {
    return profile;
  }

  public Faults faults() {
    return faults;
  }

  private static List<KubeKind> watchedKinds() {
    return Stream.concat(Kinds.ALL.stream(), CoreKinds.ALL.stream()).toList();
  }

  private void watch(KubernetesClient client, KubeKind kind) {
    SharedIndexInformer<GenericKubernetesResource> informer = client.genericKubernetesResources(kind.context())
        .inAnyNamespace().inform(new ResourceEventHandler<>() {
          @Override
          public void onAdd(GenericKubernetesResource object) {
            route(kind, object, false, false);
          }

          @Override
          public void onUpdate(GenericKubernetesResource before, GenericKubernetesResource object) {
            route(kind, object, Routes.statusOnly(before, object), false);
          }

          @Override
          public void onDelete(GenericKubernetesResource object, boolean finalStateUnknown) {
            route(kind, object, false, true);
          }
        });
    informers.put(kind, informer);
    api.cache(kind, informer.getStore());
  }

  /**
   * Hands a change to the controller of the object's kind and to those whose objects depend on it; a change of
   * status alone only to those that read it.
   */
  private void route(KubeKind kind, GenericKubernetesResource object, boolean statusOnly, boolean deleted) {
    lastEvent = System.nanoTime();
    ObjectKey key = ObjectKey.of(object);
    Reconciler own = controllers.get(kind);
    if (own != null && !statusOnly) {
      queue.enqueueAfter(own, key, profile.controllerLatency());
    }
    for (Routes.Route route : Routes.dependentsOf(kind, object)) {
      if (route.readsStatus() || !statusOnly) {
        enqueueAll(route.target(), key.namespace());
      }
    }
    if (deleted) {
      String uid = object.getMetadata().getUid();
      timeline.forget(uid);
      controllers.values().forEach(c -> c.forget(uid));
      queue.submit(() -> collector.ownerDeleted(object));
      if (kind.equals(CoreKinds.SERVICE)) {
        enqueueAll(Kinds.K0SMOTRON_CLUSTER, null);
      }
    }
  }

  /** Enqueues every object of the kind in the namespace (every namespace when null). */
  private void enqueueAll(KubeKind kind, String namespace) {
    Reconciler reconciler = controllers.get(kind);
    SharedIndexInformer<GenericKubernetesResource> informer = informers.get(kind);
    if (reconciler == null || informer == null) {
      return;
    }
    List<GenericKubernetesResource> objects = namespace == null ? informer.getStore().list()
        : informer.getIndexer().byIndex(Cache.NAMESPACE_INDEX, namespace);
    for (GenericKubernetesResource object : new ArrayList<>(objects)) {
      queue.enqueueAfter(reconciler, ObjectKey.of(object), profile.controllerLatency());
    }
  }

  /** Stops the simulator's thread, then its watches; the client stays open. */
  @Override
  public void close() {
    queue.close();
    awaitQuiet();
    informers.values().forEach(SharedIndexInformer::close);
    LOG.info("management-cluster simulator stopped");
  }

  /**
   * Waits (two seconds at most) until no event has arrived for a moment. The CRUD mock server blocks its event
   * loop when a watch is closed while it still has events to send on it, so watches close once the last writes
   * have been delivered.
   */
  private void awaitQuiet() {
    CompletableFuture<Void> quiet = new CompletableFuture<>();
    ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "management-cluster-simulator-close");
      t.setDaemon(true);
      return t;
    });
    timer.scheduleAtFixedRate(() -> {
      if (System.nanoTime() - lastEvent >= QUIET.toNanos()) {
        quiet.complete(null);
      }
    }, 0, Math.max(1, QUIET.toMillis() / 4), TimeUnit.MILLISECONDS);
    try {
      quiet.get(QUIET_LIMIT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException | ExecutionException e) {
      LOG.debug("events still arriving after {}: closing the watches anyway", QUIET_LIMIT);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      timer.shutdownNow();
    }
  }
}
