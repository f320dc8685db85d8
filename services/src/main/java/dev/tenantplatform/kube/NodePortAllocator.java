package dev.tenantplatform.kube;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.HashSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
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
 * one instance the operations run one after the other, so they do not contend with each other.
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
  private final KubernetesClient client;
  private final String namespace;
  private final NodePortRange range;
  private final Backoff backoff;
  private final ObjectRef store;
  private Future<?> previous = Future.succeededFuture();

  /**
   * @param retries for transient errors and for losing a write to another instance, e.g.
   *     {@link #DEFAULT_RETRIES}
   */
  public NodePortAllocator(Vertx vertx, KubernetesClient client, String namespace, NodePortRange range,
      RetryPolicy retries) {
    this.vertx = Objects.requireNonNull(vertx, "vertx");
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
    return checked(tenant).compose(name -> serially(() -> run("allocate NodePorts for tenant " + name + " in",
        () -> allocateOnce(name))));
  }

  /** Frees the tenant's pair for later tenants; empty when it held none. */
  public Future<Optional<NodePortAllocation>> release(String tenant) {
    return checked(tenant).compose(name -> serially(() -> run("release the NodePorts of tenant " + name + " in",
        () -> releaseOnce(name))));
  }

  /** The tenant's pair, if it holds one. */
  public Future<Optional<NodePortAllocation>> lookup(String tenant) {
    return checked(tenant).compose(name -> run("look up the NodePorts of tenant " + name + " in",
        () -> read(configMap().get()).lookup(name)));
  }

  public NodePortRange range() {
    return range;
  }

  private NodePortAllocation allocateOnce(String tenant) {
    ConfigMap stored = configMap().get();
    NodePortTable table = read(stored);
    Optional<NodePortAllocation> held = table.lookup(tenant);
    if (held.isPresent()) {
      return held.get();
    }
    NodePortAllocation chosen = table.choose(tenant, range, servicePorts());
    write(stored, table.with(chosen));
    LOG.info("tenant {}: NodePorts {} (API) and {} (konnectivity), from {}", tenant, chosen.apiPort(),
        chosen.konnectivityPort(), range);
    return chosen;
  }

  private Optional<NodePortAllocation> releaseOnce(String tenant) {
    ConfigMap stored = configMap().get();
    NodePortTable table = read(stored);
    if (!table.holds(tenant)) {
      return Optional.empty();
    }
    write(stored, table.without(tenant));
    Optional<NodePortAllocation> released = table.lookup(tenant);
    released.ifPresent(a -> LOG.info("tenant {}: NodePorts {} and {} released", tenant, a.apiPort(),
        a.konnectivityPort()));
    return released;
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
    return backoff.run(() -> vertx.executeBlocking(call, false), (error, attempts) ->
        error instanceof KubernetesClientException ? new ApplyException(operation, store, error, attempts) : error);
  }

  /** Starts {@code operation} once the previous one of this instance has ended, however it ended. */
  private synchronized <T> Future<T> serially(Supplier<Future<T>> operation) {
    Future<T> next = previous.transform(ignored -> operation.get());
    previous = next;
    return next;
  }

  private static Future<String> checked(String tenant) {
    if (tenant == null || !TENANT.matcher(tenant).matches()) {
      return Future.failedFuture(new IllegalArgumentException("'" + tenant + "' is not a tenant name: "
          + "lowercase letters, digits and '-', starting and ending with a letter or digit"));
    }
    return Future.succeededFuture(tenant);
  }
}
