package dev.tenantplatform.kube;

import static dev.tenantplatform.kube.TestObjects.controlPlane;
import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tenantplatform.sandbox.ApiFault;
import dev.tenantplatform.sandbox.EmbeddedKubernetes;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Calls a silent API server holds take threads of the Kubernetes pool only: the rest of the process (the HTTP
 * API's request validation runs on Vert.x's shared worker pool) keeps its threads.
 */
@ExtendWith(VertxExtension.class)
class KubernetesWorkersMockTest {

  /** Vert.x's shared worker pool has 20 threads: as many held calls would have taken all of them. */
  private static final int HELD_CALLS = 20;

  private EmbeddedKubernetes api;
  private KubernetesClient client;

  @BeforeEach
  void start() {
    api = EmbeddedKubernetes.start(null);
    client = new KubernetesClientBuilder().withConfig(RetryPolicy.withoutClientRetries(new ConfigBuilder()
        .withMasterUrl(api.url()).withRequestTimeout((int) Duration.ofMinutes(1).toMillis()).build())).build();
  }

  @AfterEach
  void stop() {
    client.close();
    api.close();
  }

  @Test
  void callsTheApiServerHoldsLeaveTheSharedWorkerThreadsFree(Vertx vertx) throws Exception {
    AtomicInteger held = new AtomicInteger();
    api.injectFaults(call -> {
      if (!call.isWrite()) {
        return Optional.empty();
      }
      held.incrementAndGet();
      return Optional.of(new ApiFault.NoAnswer(Duration.ofMinutes(2)));
    });
    Applier applier = new Applier(vertx, client, TestObjects.FAST_RETRIES);
    for (int i = 0; i < HELD_CALLS; i++) {
      applier.apply(controlPlane(3));
    }
    await().atMost(Duration.ofSeconds(20)).until(() -> held.get() >= HELD_CALLS);

    String thread = vertx.executeBlocking(() -> Thread.currentThread().getName(), false).await(5, SECONDS);

    assertThat(thread).startsWith("vert.x-worker-thread");
  }
}
