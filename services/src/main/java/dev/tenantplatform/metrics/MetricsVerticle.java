package dev.tenantplatform.metrics;

import dev.tenantplatform.events.TenantEvent;
import dev.tenantplatform.support.EventLogFeed;
import dev.tenantplatform.support.Telemetry;
import dev.tenantplatform.metrics.model.SavingsConfig;
import dev.tenantplatform.metrics.model.SavingsFold;
import dev.tenantplatform.metrics.model.SavingsModel;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The platform's own meters. The code-path meters exist from construction ({@link #telemetry()} goes to the
 * components); on deployment, the tenant meters and every added fold replay {@code tenant.events} from the
 * beginning and then follow it, and the deployment completes once they have caught up with the log.
 *
 * <pre>{@code
 * MetricsVerticle metrics = new MetricsVerticle(MetricsConfig.defaults(bootstrap), registry);
 * Ledger.start(vertx, bootstrap, LedgerConfig.defaults(), metrics.telemetry());
 * vertx.deployVerticle(metrics.withFold(savingsFold));
 * }</pre>
 */
public final class MetricsVerticle extends VerticleBase {

  /** How often the control-plane pods' measured usage is read, where the metrics API is served. */
  static final Duration USAGE_PERIOD = Duration.ofMinutes(1);

  private final MetricsConfig config;
  private final MeterRegistry registry;
  private final PlatformMeters platformMeters;
  private ControlPlaneUsage usage;
  /** Held here: the registry keeps only weak references to what its gauges read. */
  private SavingsMeters savingsMeters;
  private final List<Consumer<TenantEvent>> folds = new ArrayList<>();
  private EventLogFeed feed;

  public MetricsVerticle(MetricsConfig config, MeterRegistry registry) {
    this.config = config;
    this.registry = registry;
    this.platformMeters = new PlatformMeters(registry, config.kafkaRefresh());
    folds.add(new TenantMeters(registry, config.slowestTenants()));
  }

  /** What the components report through; it feeds the request, apply, DLQ and Kafka client meters. */
  public Telemetry telemetry() {
    return platformMeters;
  }

  /**
   * Adds a fold that sees every decoded event of {@code tenant.events}, in log order per partition, on the feed's
   * thread (not an event loop): it must not block, and what it publishes must be safe to read from a scrape.
   * Add folds before deploying.
   */
  public MetricsVerticle withFold(Consumer<TenantEvent> fold) {
    if (feed != null) {
      throw new IllegalStateException("add folds before deploying the metrics: a fold added later would miss the"
          + " log's beginning");
    }
    folds.add(fold);
    return this;
  }

  /**
   * Publishes the savings meters: a {@link SavingsFold} over the log priced by {@code savings}, with the
   * control-plane pods' measured usage read through {@code kubernetes} beside it. Before deploying.
   */
  public MetricsVerticle withSavings(SavingsConfig savings, KubernetesClient kubernetes) {
    SavingsFold fold = new SavingsFold();
    SavingsModel model = new SavingsModel(savings);
    usage = new ControlPlaneUsage(kubernetes);
    withFold(fold::apply);
    ControlPlaneUsage measured = usage;
    savingsMeters = SavingsMeters.bind(registry, () -> fold.report(model).withUsage(measured.describe()));
    return this;
  }

  @Override
  public Future<?> start() {
    feed = new EventLogFeed(context, config.bootstrapServers(), "metrics", folds, platformMeters);
    if (usage != null) {
      usage.start(vertx, USAGE_PERIOD);
    }
    return feed.start();
  }

  @Override
  public Future<?> stop() {
    return vertx.executeBlocking(() -> {
      if (feed != null) {
        feed.close();
      }
      platformMeters.close();
      return null;
    });
  }
}
