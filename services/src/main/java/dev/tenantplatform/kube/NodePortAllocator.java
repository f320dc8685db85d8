package dev.tenantplatform.kube;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
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
 * platform instance sees the same ones, and a person can read them with kubectl. An allocation reads the
 * ConfigMap and every Service of the cluster, takes the lowest two ports of the range that no tenant holds
 * and no Service uses (another tenant's control plane, or anything else with a node port), and writes the
 * ConfigMap back under the resource version it read. A concurrent writer makes that write fail with 409;
 * the allocation then starts over from a fresh read, so two instances never hand out the same port. Within
 * one instance the writes run one after the other, so they do not contend with each other; the allocations
 * and releases asked for while one runs are made together in the next, so tenants arriving together cost one
 * read of the Services and one write between them, not one each (the Service list grows with the tenants).
 *
 * <p>Needs, besides the ConfigMap, permission to list Services in all namespaces.
 */
public final class NodePortAllocator {

  public static final String CONFIG_MAP = "tenant-platform-nodeports";
  public static final String DEFAULT_NAMESPACE = "tenant-platform";
  /** Losing a write to another instance is expected when tenants arrive together: many short waits. */
  public static final RetryPolicy DEFAULT_RETRIES = new RetryPolicy(20, Duration.ofMillis(20), Duration.ofSeconds(1));

  private static final Logger LOG = LoggerFactory.getLogger(NodePortAllocator.class);
  /** Tenant names are DNS-1123 labels, which are also valid ConfigMap keys. */
  private static final Pattern TENANT = Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");

  private final Vertx vertx;
  private final WorkerExecutor workers;
  private final KubernetesClient client;
  private final String namespace;
  private final NodePortRange range;
  private final Backoff backoff;
  private final ObjectRef store;
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
    this.client = Objects.requireNonNull(client, "client");
    if (namespace == null || !TENANT.matcher(namespace).matches()) {
      throw new IllegalArgumentException("the namespace of the NodePort allocations must be a DNS label, e.g. "
          + DEFAULT_NAMESPACE + ", got '" + namespace + "'");
    }
    this.namespace = namespace;
    this.range = Objects.requireNonNull(range, "range");
    this.backoff = new Backoff(vertx, Objects.requireNonNull(retries, "retries"));
    this.store = new ObjectRef("v1", "ConfigMap", namespace, CONFIG_MAP);
  }

  /**
   * The tenant's pair: the one it already holds, or a new one.
   *
   * @return fails with {@link NodePortsExhaustedException} when no pair is left in the range
   */
  public Future<NodePortAllocation> allocate(String tenant) {
    return checked(tenant).compose(name -> queued(name, true)).map(Optional::orElseThrow);
  }

  /** Frees the tenant's pair for later tenants; empty when it held none. */
  public Future<Optional<NodePortAllocation>> release(String tenant) {
    return checked(tenant).compose(name -> queued(name, false));
  }

  /** The tenant's pair, if it holds one. */
  public Future<Optional<NodePortAllocation>> lookup(String tenant) {
    return checked(tenant).compose(name -> run("look up the NodePorts of tenant " + name + " in",
        () -> read(configMap().get()).lookup(name)));
  }

  public NodePortRange range() {
    return range;
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
   * Reads the table once, makes the changes in the order they were asked, lists the Services only if a tenant
   * needs a new pair, and writes once if anything changed. The answers, in the same order: the tenant's pair
   * (held or new), the pair released or empty, or the refusal of a full range, which fails only its own tenant.
   */
  private List<Future<Optional<NodePortAllocation>>> changeOnce(List<Change> batch) {
    ConfigMap stored = configMap().get();
    NodePortTable before = read(stored);
    NodePortTable table = before;
    Set<Integer> servicePorts = null;
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
          servicePorts = servicePorts == null ? servicePorts() : servicePorts;
          NodePortAllocation chosen = table.choose(change.tenant(), range, servicePorts);
          table = table.with(chosen);
          answers.add(Future.succeededFuture(Optional.of(chosen)));
        } catch (NodePortsExhaustedException full) {
          answers.add(Future.failedFuture(full));
        }
      }
    }
    if (table != before) {
      write(stored, table);
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

  /** Every node port any Service of the cluster uses: NodePort and LoadBalancer Services both hold them. */
  private Set<Integer> servicePorts() {
    Set<Integer> ports = new HashSet<>();
    for (Service service : client.services().inAnyNamespace().list().getItems()) {
      if (service.getSpec() != null && service.getSpec().getPorts() != null) {
        service.getSpec().getPorts().stream().map(ServicePort::getNodePort).filter(Objects::nonNull)
            .forEach(ports::add);
      }
    }
    return ports;
  }

  private NodePortTable read(ConfigMap stored) {
    NodePortTable table = NodePortTable.parse(stored == null ? null : stored.getData());
    if (!table.unreadable().isEmpty()) {
      LOG.warn("{} holds entries that are not '<apiPort>,<konnectivityPort>', left as they are: {}", store,
          table.unreadable());
    }
    return table;
  }

  /** Creates the ConfigMap, or replaces it only if nobody wrote it since {@code stored} was read (else 409). */
  private void write(ConfigMap stored, NodePortTable table) {
    if (stored == null) {
      // two instances creating it at once: the second create fails with 409 AlreadyExists, and starts over
      client.configMaps().inNamespace(namespace).resource(new ConfigMapBuilder().withNewMetadata()
          .withName(CONFIG_MAP).withNamespace(namespace).addToLabels(Labels.MANAGED_BY, Labels.MANAGED_BY_VALUE)
          .endMetadata().withData(table.data()).build()).create();
      return;
    }
    ConfigMap next = new ConfigMapBuilder(stored).withData(table.data()).build();
    client.configMaps().inNamespace(namespace).resource(next)
        .lockResourceVersion(stored.getMetadata().getResourceVersion()).update();
  }

  private Resource<ConfigMap> configMap() {
    return client.configMaps().inNamespace(namespace).withName(CONFIG_MAP);
  }

  private <T> Future<T> run(String operation, Callable<T> call) {
    return backoff.run(() -> workers.executeBlocking(call, false), (error, attempts) ->
        error instanceof KubernetesClientException ? new ApplyException(operation, store, error, attempts) : error);
  }

  private static Future<String> checked(String tenant) {
    if (tenant == null || !TENANT.matcher(tenant).matches()) {
      return Future.failedFuture(new IllegalArgumentException("'" + tenant + "' is not a tenant name: "
          + "lowercase letters, digits and '-', starting and ending with a letter or digit"));
    }
    return Future.succeededFuture(tenant);
  }
}
