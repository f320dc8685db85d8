package dev.tenantplatform.testing;

import dev.tenantplatform.kube.NodePortRange;
import dev.tenantplatform.kube.RetryPolicy;
import dev.tenantplatform.ledger.Ledger;
import dev.tenantplatform.ledger.LedgerConfig;
import dev.tenantplatform.provisioner.Provisioner;
import dev.tenantplatform.provisioner.ProvisionerConfig;
import dev.tenantplatform.support.Telemetry;
import dev.tenantplatform.watcher.Watcher;
import dev.tenantplatform.watcher.WatcherConfig;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One platform instance of several in this JVM, wired as the platform wires itself (ledger fenced until the
 * group gives it partitions, watcher writing only the tenants it owns), in a consumer group of the test's own so
 * that other test classes' requests on the shared broker are left alone.
 */
public final class PlatformInstance {

  private static final Logger LOG = LoggerFactory.getLogger(PlatformInstance.class);

  private final Vertx vertx = Vertx.vertx();
  private final Ledger ledger;
  private final String provisioner;
  private final Watcher watcher;

  public PlatformInstance(KafkaCluster kafka, KubernetesClient client, String group) {
    AtomicReference<Watcher> watching = new AtomicReference<>();
    ledger = join(Ledger.startShared(vertx, kafka.bootstrapServers(), LedgerConfig.defaults(), Telemetry.NOOP));
    provisioner = join(Provisioner.deploy(vertx, ProvisionerConfig.defaults(kafka.bootstrapServers())
        .withGroupId(group).withHandOver(Duration.ofSeconds(10))
        .withApiRetries(new RetryPolicy(8, Duration.ofMillis(10), Duration.ofMillis(100)))
        .withNodePorts(new NodePortRange(30000, 32000)), client, ledger,
        partitions -> Optional.ofNullable(watching.get()).ifPresent(Watcher::resync)));
    watcher = join(Watcher.deploy(vertx, WatcherConfig.defaults(), client, ledger, ledger::writes));
    watching.set(watcher);
  }

  /** The platform's graceful stop: hand the partitions over, then the watcher, the ledger, Vert.x. */
  public void stop() {
    join(vertx.undeploy(provisioner)
        .andThen(done -> LOG.info("provisioner stopped: {}", done.succeeded() ? "ok" : done.cause()))
        .transform(ignored -> vertx.undeploy(watcher.deploymentId()))
        .andThen(done -> LOG.info("watcher stopped: {}", done.succeeded() ? "ok" : done.cause()))
        .transform(ignored -> ledger.close())
        .andThen(done -> LOG.info("ledger closed: {}", done.succeeded() ? "ok" : done.cause())));
    // Not from one of its own threads, which the previous steps end on.
    join(vertx.close());
  }

  private static <T> T join(Future<T> future) {
    try {
      return future.toCompletionStage().toCompletableFuture().get(90, TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      // Where it hangs is what a reader of a failed run needs.
      StringBuilder threads = new StringBuilder();
      Thread.getAllStackTraces().forEach((thread, stack) -> {
        threads.append('\n').append(thread.getName()).append(' ').append(thread.getState());
        Arrays.stream(stack).limit(40).forEach(frame -> threads.append("\n    at ").append(frame));
      });
      LOG.error("a step of the platform's start or stop did not complete within 90 s; the threads:{}", threads);
      throw new AssertionError(e);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }
}
