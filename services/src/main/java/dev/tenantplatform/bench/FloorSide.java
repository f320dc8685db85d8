package dev.tenantplatform.bench;

import dev.tenantplatform.events.ClusterSpec;
import dev.tenantplatform.kube.KubeKind;
import dev.tenantplatform.kube.Kinds;
import dev.tenantplatform.kube.NodePortRange;
import dev.tenantplatform.provisioner.blueprint.BlueprintConfig;
import dev.tenantplatform.provisioner.blueprint.ClusterBlueprint;
import dev.tenantplatform.provisioner.blueprint.NodePorts;
import dev.tenantplatform.provisioner.blueprint.TenantObjects;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The floor: the tenants' objects, built by the platform's blueprint, created by a bare fabric8 client, one
 * plain {@code create()} per object in the blueprint's order, on a fixed pool of as many threads as tenants in
 * flight. No Kafka, no ledger, no read before the write, no retries: what the API itself allows at this
 * concurrency. NodePort tenants get their pairs handed out in order, as no other writer competes for them.
 */
final class FloorSide implements Side {

  private final KubernetesClient client;
  private final ClusterSpec spec;
  private final int concurrency;
  private final ClusterBlueprint blueprint = new ClusterBlueprint(BlueprintConfig.defaults());
  private final AtomicInteger pairs = new AtomicInteger();

  /**
   * @param spec the cluster every tenant asks for, with every field set
   */
  FloorSide(KubernetesClient client, ClusterSpec spec, int concurrency) {
    this.client = client;
    this.spec = spec;
    this.concurrency = concurrency;
  }

  @Override
  public Onboarding onboard(List<String> tenants) throws InterruptedException {
    Map<String, Long> latencies = new ConcurrentHashMap<>();
    Map<String, String> failures = new ConcurrentHashMap<>();
    Completion completion = new Completion("floor", tenants.size());
    AtomicInteger thread = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(concurrency, task -> {
      Thread t = new Thread(task, "bench-floor-" + thread.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
    long started = System.nanoTime();
    try {
      for (String tenant : tenants) {
        Optional<NodePorts> ports = nextPorts();
        pool.execute(() -> {
          try {
            long latency = createAll(tenant, ports);
            completion.finish(tenant, () -> latencies.put(tenant, latency));
          } catch (RuntimeException e) {
            completion.finish(tenant, () -> failures.put(tenant, String.valueOf(e.getMessage())));
          }
        });
      }
      completion.await();
      return new Onboarding(System.nanoTime() - started, latencies, failures);
    } finally {
      pool.shutdownNow();
    }
  }

  /** Creates the tenant's objects in order; the nanoseconds from the first request to the last answer. */
  private long createAll(String tenant, Optional<NodePorts> ports) {
    TenantObjects objects = blueprint.desired(tenant, spec, ports);
    long began = System.nanoTime();
    for (HasMetadata object : objects.inApplyOrder()) {
      create(client, object);
    }
    return System.nanoTime() - began;
  }

  /** One plain {@code create()} of {@code object}, as the floor makes it: no read before, no retry. */
  static void create(KubernetesClient client, HasMetadata object) {
    if (object instanceof GenericKubernetesResource generic) {
      KubeKind kind = Kinds.find(generic.getApiVersion(), generic.getKind()).orElseThrow(
          () -> new IllegalStateException("the blueprint built a " + generic.getApiVersion() + " "
              + generic.getKind() + ", which Kinds does not know"));
      var operation = client.genericKubernetesResources(kind.context());
      (kind.namespaced() ? operation.inNamespace(generic.getMetadata().getNamespace()) : operation)
          .resource(generic).create();
    } else {
      client.resource(object).create();
    }
  }

  private Optional<NodePorts> nextPorts() {
    if (!BenchOptions.NODE_PORT.equals(spec.serviceType())) {
      return Optional.empty();
    }
    int first = NodePortRange.DEFAULT.first() + 2 * pairs.getAndIncrement();
    return Optional.of(new NodePorts(first, first + 1));
  }

  @Override
  public void close() {
    // the client belongs to the cluster, which closes it
  }
}
