package dev.tenantplatform.metrics;

import dev.tenantplatform.events.Action;
import dev.tenantplatform.events.DeadLetterReason;
import dev.tenantplatform.support.Telemetry;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.producer.Producer;

/**
 * The meters the components' code paths feed through {@link Telemetry}: requests by action and outcome, apply
 * latency, dead letters by reason, and the Kafka clients' own metrics (consumer lag among them). Every label
 * value is from a closed set, and each series exists from the start at zero, so a rate over it is never
 * "no data".
 */
public final class PlatformMeters implements Telemetry, AutoCloseable {

  /** Apply latency buckets: a handful of objects against one API server, milliseconds to half a minute. */
  static final Duration[] APPLY_BUCKETS = seconds(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30);
  private static final String UNKNOWN_ACTION = "unknown";

  private final MeterRegistry registry;
  private final Duration kafkaRefresh;
  private final Map<RequestOutcome, Map<String, Counter>> requests = new EnumMap<>(RequestOutcome.class);
  private final Map<DeadLetterReason, Counter> deadLetters = new EnumMap<>(DeadLetterReason.class);
  private final Timer apply;
  /** One thread looks for the Kafka clients' new metrics (a partition's lag appears once it is assigned). */
  private final ScheduledExecutorService kafkaScheduler = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread thread = new Thread(r, "tenant-platform-kafka-meters");
    thread.setDaemon(true);
    return thread;
  });

  public PlatformMeters(MeterRegistry registry, Duration kafkaRefresh) {
    this.registry = registry;
    this.kafkaRefresh = kafkaRefresh;
    for (RequestOutcome outcome : RequestOutcome.values()) {
      Map<String, Counter> byAction = new ConcurrentHashMap<>();
      for (Action action : Action.values()) {
        byAction.put(action.wire(), requestCounter(action.wire(), outcome));
      }
      if (outcome == RequestOutcome.REJECTED) {
        byAction.put(UNKNOWN_ACTION, requestCounter(UNKNOWN_ACTION, outcome));
      }
      requests.put(outcome, byAction);
    }
    for (DeadLetterReason reason : DeadLetterReason.values()) {
      deadLetters.put(reason, Counter.builder(MetricNames.DLQ).tag(MetricNames.REASON, reason.label())
          .description("Records of tenant.requests sent to tenant.requests.dlq, by reason").register(registry));
    }
    apply = Timer.builder(MetricNames.APPLY).serviceLevelObjectives(APPLY_BUCKETS)
        .description("Time to apply all of a tenant's objects to the Kubernetes API").register(registry);
  }

  @Override
  public void requestHandled(Action action, RequestOutcome outcome) {
    String label = action == null ? UNKNOWN_ACTION : action.wire();
    requests.get(outcome).computeIfAbsent(label, a -> requestCounter(a, outcome)).increment();
  }

  @Override
  public void applied(Duration took) {
    apply.record(took);
  }

  @Override
  public void deadLettered(DeadLetterReason reason) {
    deadLetters.get(reason).increment();
  }

  @Override
  public Registration kafkaClient(Consumer<?, ?> consumer) {
    return bind(new KafkaClientMetrics(consumer, Tags.empty(), kafkaScheduler, kafkaRefresh));
  }

  @Override
  public Registration kafkaClient(Producer<?, ?> producer) {
    return bind(new KafkaClientMetrics(producer, Tags.empty(), kafkaScheduler, kafkaRefresh));
  }

  @Override
  public void close() {
    kafkaScheduler.shutdownNow();
  }

  private Registration bind(KafkaClientMetrics metrics) {
    metrics.bindTo(registry);
    return metrics::close;
  }

  private Counter requestCounter(String action, RequestOutcome outcome) {
    return Counter.builder(MetricNames.REQUESTS).tag(MetricNames.ACTION, action)
        .tag(MetricNames.OUTCOME, outcome.label())
        .description("Records of tenant.requests handled to their end, by action and outcome").register(registry);
  }

  static Duration[] seconds(double... values) {
    Duration[] durations = new Duration[values.length];
    for (int i = 0; i < values.length; i++) {
      durations[i] = Duration.ofNanos(Math.round(values[i] * 1e9));
    }
    return durations;
  }
}
