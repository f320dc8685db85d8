package dev.tenantplatform.bench;

import dev.tenantplatform.events.CloudEventCodec;
import dev.tenantplatform.events.ClusterSpec;
import dev.tenantplatform.events.EventType;
import dev.tenantplatform.events.TenantEvent;
import dev.tenantplatform.events.TenantRequest;
import dev.tenantplatform.events.Topics;
import dev.tenantplatform.ledger.Ledger;
import dev.tenantplatform.ledger.LedgerConfig;
import dev.tenantplatform.provisioner.Provisioner;
import dev.tenantplatform.provisioner.ProvisionerConfig;
import dev.tenantplatform.support.EventLogFeed;
import dev.tenantplatform.support.KafkaClients;
import dev.tenantplatform.support.Telemetry;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * The platform's path: create requests produced to {@code tenant.requests}, keyed by tenant, taken by the
 * provisioner (with the ledger, deployed here as the platform deploys them, in a consumer group of their own),
 * finished when the tenant's {@code cluster.applied} is read back from {@code tenant.events}.
 *
 * <p>Concurrency: a window of as many requests as the floor has threads. A request is produced only when
 * fewer than that many tenants await their {@code cluster.applied}, so both sides have the same number of
 * tenants in flight and neither side's latency includes waiting in a queue. The provisioner's own bound,
 * partitions × {@code maxInFlightPerPartition}, is set above the window (the window per partition), so it
 * never holds back a request the window let through, however the tenants fall on partitions.
 */
final class PlatformSide implements Side {

  private static final String REQUESTED_BY = "tenant-platform-bench";
  private static final Consumer<TenantEvent> NOBODY = event -> { };

  private final Vertx vertx;
  private final KafkaProducer<String, byte[]> producer;
  private final EventLogFeed events;
  private final CloudEventCodec codec = new CloudEventCodec();
  private final ClusterSpec requested;
  private final int concurrency;
  // The feed's folds are fixed when it starts; each onboarding hears the log through this one while it runs.
  private final AtomicReference<Consumer<TenantEvent>> listener;

  private PlatformSide(Vertx vertx, KafkaProducer<String, byte[]> producer, EventLogFeed events,
      AtomicReference<Consumer<TenantEvent>> listener, ClusterSpec requested, int concurrency) {
    this.vertx = vertx;
    this.producer = producer;
    this.events = events;
    this.listener = listener;
    this.requested = requested;
    this.concurrency = concurrency;
  }

  /**
   * Deploys ledger and provisioner on a Vert.x of their own, writing through {@code client}.
   *
   * @param requested the cluster every request asks for
   */
  static PlatformSide start(String bootstrapServers, KubernetesClient client, ClusterSpec requested,
      int concurrency) {
    Vertx vertx = Vertx.vertx();
    KafkaProducer<String, byte[]> producer = null;
    EventLogFeed events = null;
    AtomicReference<Consumer<TenantEvent>> listener = new AtomicReference<>(NOBODY);
    try {
      Ledger ledger = join(Ledger.start(vertx, bootstrapServers, LedgerConfig.defaults()));
      ProvisionerConfig config = ProvisionerConfig.defaults(bootstrapServers)
          .withGroupId("tenant-platform-bench-" + UUID.randomUUID())
          .withMaxInFlightPerPartition(concurrency);
      join(Provisioner.deploy(vertx, config, client, ledger));
      // Read up to the log's end before the first request, so that no tenant of an earlier run is heard as done.
      events = new EventLogFeed(vertx.getOrCreateContext(), bootstrapServers, "bench",
          List.of(event -> listener.get().accept(event)), Telemetry.NOOP);
      join(events.start());
      producer = new KafkaProducer<>(new HashMap<>(KafkaClients.idempotentProducer(bootstrapServers,
          Map.of("client.id", REQUESTED_BY, "linger.ms", "0"))));
      return new PlatformSide(vertx, producer, events, listener, requested, concurrency);
    } catch (RuntimeException e) {
      if (events != null) {
        events.close();
      }
      join(vertx.close());
      throw e;
    }
  }

  @Override
  public Onboarding onboard(List<String> tenants) throws InterruptedException {
    Map<String, Long> sentAt = new ConcurrentHashMap<>();
    Map<String, Long> latencies = new ConcurrentHashMap<>();
    Map<String, String> failures = new ConcurrentHashMap<>();
    Completion completion = new Completion("platform", tenants.size());
    Semaphore window = new Semaphore(concurrency);
    listener.set(event -> {
      long at = System.nanoTime();
      Long sent = sentAt.get(event.tenant());
      String failure = failure(event);
      if (sent == null || (event.type() != EventType.CLUSTER_APPLIED && failure == null)) {
        return;
      }
      boolean first = completion.finish(event.tenant(), failure == null
          ? () -> latencies.put(event.tenant(), at - sent)
          : () -> failures.put(event.tenant(), failure));
      if (first) {
        window.release();
      }
    });
    long started = System.nanoTime();
    try {
      for (String tenant : tenants) {
        if (!window.tryAcquire(Completion.STALL.toSeconds(), TimeUnit.SECONDS)) {
          throw new BenchException("the platform side applied no tenant for " + Completion.STALL.toSeconds()
              + " s, with " + latencies.size() + " applied and " + failures.size() + " failed of "
              + tenants.size() + ": it is stuck; see the log above for the cause");
        }
        send(tenant, sentAt, failures, completion, window);
      }
      completion.await();
      return new Onboarding(System.nanoTime() - started, latencies, failures);
    } finally {
      listener.set(NOBODY);
    }
  }

  private void send(String tenant, Map<String, Long> sentAt, Map<String, String> failures, Completion completion,
      Semaphore window) {
    byte[] request = codec.encodeRequest(TenantRequest.create(tenant, REQUESTED_BY, requested));
    sentAt.put(tenant, System.nanoTime());
    producer.send(new ProducerRecord<>(Topics.REQUESTS.name(), tenant, request), (metadata, error) -> {
      if (error != null && completion.finish(tenant, () -> failures.put(tenant,
          "the request was not written to " + Topics.REQUESTS.name() + ": " + error.getMessage()))) {
        window.release();
      }
    });
  }

  /** Why the platform gave the tenant up, or null when the event says nothing of that. */
  private static String failure(TenantEvent event) {
    if (event.type() == EventType.CLUSTER_FAILED || event.type() == EventType.TENANT_REJECTED) {
      return event.type() + ": " + event.data();
    }
    return null;
  }

  @Override
  public void close() {
    producer.close();
    events.close();
    join(vertx.close());
  }

  private static <T> T join(Future<T> future) {
    try {
      return future.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new BenchException("interrupted while starting or stopping the platform", e);
    } catch (Exception e) {
      throw new BenchException("the platform did not start or stop: " + e.getMessage(), e);
    }
  }
}
