package dev.tenantplatform.kube;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletionException;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands each NodePort tenant its own {@code apiPort}/{@code konnectivityPort} pair, unique across the
 * management cluster. k0smotron pins its Service's node ports to these two numbers, and the defaults
 * (30443/30132) collide from the second tenant on (k0smotron-capi.md §2, §12 item 11).
 *
 * <p>The allocations live in the management cluster itself, in the ConfigMap {@value #CONFIG_MAP} of the
 * platform's namespace ({@code <tenant>: "<apiPort>,<konnectivityPort>"}): they survive restarts, every
 * platform instance sees the same ones, and a person can read them with kubectl. An allocation takes the lowest
 * two ports of the range that no tenant holds and no Service uses (another tenant's control plane, or anything
 * else with a node port), and writes the ConfigMap back under the resource version it read. A concurrent writer
 * makes that write fail with 409; the allocation then starts over from a fresh read, so two instances never
 * hand out the same port. Both the ConfigMap ({@link NodePortStore}) and the Services' node ports
 * ({@link ServiceNodePorts}) are kept up to date by watches, so an allocation costs one write and no read,
 * whatever the number of tenants and Services. A pair the copy shows a tenant holding is answered without a
 * write: only the tenant's own writer changes its entry, and a tenant moves to another instance only through a
 * partition hand-over, which takes far longer than a watch event.
 * Within one instance the writes run one after the other, so they do not contend with each other; the
 * allocations and releases asked for while one runs are made together in the next.
 *
 * <p>Its owner starts it ({@link #start}, or the first call does) and closes it, which ends the watches.
 * Needs, besides the ConfigMap, permission to list and watch Services in all namespaces.
 */
public final class NodePortAllocator implements AutoCloseable {

  public static final String CONFIG_MAP = "tenant-platform-nodeports";
  public static final String DEFAULT_NAMESPACE = "tenant-platform";
  /** Losing a write to another instance is expected when tenants arrive together: many short waits. */
  public static final RetryPolicy DEFAULT_RETRIES = new RetryPolicy(20, Duration.ofMillis(20), Duration.ofSeconds(1));

  private static final int NOT_FOUND = 404;
  private static final Logger LOG = LoggerFactory.getLogger(NodePortAllocator.class);
  /** Tenant names are DNS-1123 labels, which are also valid ConfigMap keys. */
  private static final Pattern TENANT = Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");

  private final Vertx vertx;
  private final WorkerExecutor workers;
  private final NodePortRange range;
  private final Backoff backoff;
  private final ObjectRef ref;
  private final NodePortStore store;
  private final ServiceNodePorts services;
  /** The watches' start, once asked for; guarded by {@code this}. */
  private Future<Void> started;
  /** Allocations and releases waiting for the next write; guarded by {@code this}. */
  private final List<Change> waiting = new ArrayList<>();
  /** Whether a write is running; guarded by {@code this}. */
  private boolean writing;

  /** A tenant's allocation ({@code allocate}) or release, waiting for its write. */
  private record Change(String tenant, boolean allocate, Promise<Optional<NodePortAllocation>> answer) {
  }

  /**
   * @param retries for transient errors and for losing a write to another instance, e.g.
   *     {@link #DEFAULT_RETRIES}
   */
  public NodePortAllocator(Vertx vertx, KubernetesClient client, String namespace, NodePortRange range,
      RetryPolicy retries) {
    this.vertx = Objects.requireNonNull(vertx, "vertx");
    this.workers = KubernetesWorkers.open(vertx);
    Objects.requireNonNull(client, "client");
    if (namespace == null || !TENANT.matcher(namespace).matches()) {
      throw new IllegalArgumentException("the namespace of the NodePort allocations must be a DNS label, e.g. "
          + DEFAULT_NAMESPACE + ", got '" + namespace + "'");
    }
    this.range = Objects.requireNonNull(range, "range");
    this.backoff = new Backoff(vertx, Objects.requireNonNull(retries, "retries"));
    this.ref = new ObjectRef("v1", "ConfigMap", namespace, CONFIG_MAP);
    this.store = new NodePortStore(client, namespace, CONFIG_MAP);
    this.services = new ServiceNodePorts(client);
  }

  /**
   * Starts the watches of the ConfigMap and of the Services; completes once both have listed what there is.
   * The first allocation waits for it; calling it again gives the same start.
   */
  public synchronized Future<Void> start() {
    if (started == null) {
      // a start that failed left informers behind; closing them waits for the API server: not on an event loop
      Future<Void> starting = workers.executeBlocking(() -> {
        close();
        return null;
      }, false).compose(v -> Future.all(services.start(vertx), store.start())).<Void>mapEmpty()
          .recover(e -> Future.failedFuture(new ApplyException("watch the Services of all namespaces and", ref,
              e instanceof CompletionException && e.getCause() != null ? e.getCause() : e, 1)));
      // a start that failed (the API away, a permission missing) is tried again by the next call
      starting.onFailure(e -> forgetStart(starting));
      started = starting;
    }
    return started;
  }

  private synchronized void forgetStart(Future<Void> failed) {
    if (started == failed) {
      started = null;
    }
  }

  /** Ends the watches; blocks until the API server has answered, so not on an event loop. */
  @Override
  public void close() {
    store.close();
    services.close();
  }

  /**
   * The tenant's pair: the one it already holds, or a new one.
   *
   * @return fails with {@link NodePortsExhaustedException} when no pair is left in the range
   */
  public Future<NodePortAllocation> allocate(String tenant) {
    return checked(tenant).compose(name -> start().compose(v -> queued(name, true))).map(Optional::orElseThrow);
  }

  /** Frees the tenant's pair for later tenants; empty when it held none. */
  public Future<Optional<NodePortAllocation>> release(String tenant) {
    return checked(tenant).compose(name -> start().compose(v -> queued(name, false)));
  }

  /** The tenant's pair, if it holds one. */
  public Future<Optional<NodePortAllocation>> lookup(String tenant) {
    return checked(tenant).compose(name -> start().compose(v -> run("look up the NodePorts of tenant " + name
        + " in", () -> store.read().table().lookup(name))));
  }

  public NodePortRange range() {
    return range;
  }

  /**
   * Whether {@link #allocate} would find the tenant a pair, judged from the watched copies without a call: the
   * tenant holds one, or two ports are free. False when the copies are not ready or may be out of date.
   */
  public boolean hasRoomFor(String tenant) {
    Future<Void> watching;
    synchronized (this) {
      watching = started;
    }
    NodePortStore.Seen seen = watching != null && watching.succeeded() ? store.seen() : null;
    if (seen == null || seen.map() == null || !TENANT.matcher(tenant).matches()) {
      return false;
    }
    NodePortTable table = seen.table();
    try {
      return table.holds(tenant) || table.choose(tenant, range, services.inUse()) != null;
    } catch (NodePortsExhaustedException full) {
      return false;
    }
  }

  /** The node ports the Services of the cluster use, as the watch last saw them. */
  Set<Integer> portsInUse() {
    return services.inUse();
  }

  private Future<Optional<NodePortAllocation>> queued(String tenant, boolean allocate) {
    Change change = new Change(tenant, allocate, Promise.promise());
    boolean idle;
    synchronized (this) {
      waiting.add(change);
      idle = !writing;
      writing = true;
    }
    if (idle) {
      writeNext();
    }
    return change.answer().future();
  }

  /** Makes every change waiting in one read-modify-write, answers them, then goes on with those that came since. */
  private void writeNext() {
    List<Change> batch;
    synchronized (this) {
      if (waiting.isEmpty()) {
        writing = false;
        return;
      }
      batch = List.copyOf(waiting);
      waiting.clear();
    }
    run(describe(batch), () -> changeOnce(batch)).onComplete(done -> {
      for (int i = 0; i < batch.size(); i++) {
        batch.get(i).answer().handle(done.succeeded() ? done.result().get(i) : Future.failedFuture(done.cause()));
      }
      writeNext();
    });
  }

  /**
   * Makes the changes on the table as last seen and writes it back; if the copy was out of date (the write lost
   * to another instance's with 409, or the ConfigMap is gone), the next try reads the table from the API.
   */
  private List<Future<Optional<NodePortAllocation>>> changeOnce(List<Change> batch) {
    try {
      return changeOn(store.read(), batch);
    } catch (KubernetesClientException e) {
      if (e.getCode() != ApiErrors.CONFLICT && e.getCode() != NOT_FOUND) {
        throw e;
      }
      store.forget();
      if (e.getCode() == ApiErrors.CONFLICT) {
        throw e;
      }
      // deleted by hand since it was last seen: made again, from a fresh read
      return changeOn(store.read(), batch);
    }
  }

  /**
   * Makes the changes in the order they were asked on the table {@code stored} holds, and writes once if anything
   * changed. The answers, in the same order: the tenant's pair (held or new), the pair released or empty, or the
   * refusal of a full range, which fails only its own tenant.
   */
  private List<Future<Optional<NodePortAllocation>>> changeOn(NodePortStore.Seen stored, List<Change> batch) {
    NodePortTable before = stored.table();
    NodePortTable table = before;
    List<Future<Optional<NodePortAllocation>>> answers = new ArrayList<>();
    for (Change change : batch) {
      Optional<NodePortAllocation> held = table.lookup(change.tenant());
      if (!change.allocate()) {
        table = table.holds(change.tenant()) ? table.without(change.tenant()) : table;
        answers.add(Future.succeededFuture(held));
      } else if (held.isPresent()) {
        answers.add(Future.succeededFuture(held));
      } else {
        try {
          NodePortAllocation chosen = table.choose(change.tenant(), range, services.inUse());
          table = table.with(chosen);
          answers.add(Future.succeededFuture(Optional.of(chosen)));
        } catch (NodePortsExhaustedException full) {
          answers.add(Future.failedFuture(full));
        }
      }
    }
    if (table != before) {
      store.write(stored.map(), table);
      logChanges(batch, before, table);
    }
    return answers;
  }

  private void logChanges(List<Change> batch, NodePortTable before, NodePortTable after) {
    batch.stream().map(Change::tenant).distinct().forEach(tenant -> {
      Optional<NodePortAllocation> was = before.lookup(tenant);
      Optional<NodePortAllocation> now = after.lookup(tenant);
      if (now.isPresent() && !now.equals(was)) {
        LOG.info("tenant {}: NodePorts {} (API) and {} (konnectivity), from {}", tenant, now.get().apiPort(),
            now.get().konnectivityPort(), range);
      } else if (now.isEmpty() && was.isPresent()) {
        LOG.info("tenant {}: NodePorts {} and {} released", tenant, was.get().apiPort(),
            was.get().konnectivityPort());
      }
    });
  }

  private static String describe(List<Change> batch) {
    if (batch.size() == 1) {
      Change only = batch.get(0);
      return only.allocate() ? "allocate NodePorts for tenant " + only.tenant() + " in"
          : "release the NodePorts of tenant " + only.tenant() + " in";
    }
    return "allocate or release the NodePorts of tenants "
        + String.join(", ", batch.stream().map(Change::tenant).distinct().toList()) + " in";
  }

  private <T> Future<T> run(String operation, Callable<T> call) {
    return backoff.run(() -> operation + " " + ref, () -> workers.executeBlocking(call, false),
        (error, attempts) -> error instanceof KubernetesClientException
            ? new ApplyException(operation, ref, error, attempts) : error);
  }

  private static Future<String> checked(String tenant) {
    if (tenant == null || !TENANT.matcher(tenant).matches()) {
      return Future.failedFuture(new IllegalArgumentException("'" + tenant + "' is not a tenant name: "
          + "lowercase letters, digits and '-', starting and ending with a letter or digit"));
    }
    return Future.succeededFuture(tenant);
  }
}
