package dev.tenantplatform.support;

import dev.tenantplatform.events.Action;
import dev.tenantplatform.events.DeadLetterReason;
import java.time.Duration;
import java.util.Locale;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.producer.Producer;

/**
 * What the components tell about their work as it happens, so that the platform's meters come from the code
 * paths themselves. The components do not know the meters (the metrics package does); {@link #NOOP} is what a
 * component built without metrics (a test, the benchmark) gets.
 */
public interface Telemetry {

  /** Tells nothing to anyone. */
  Telemetry NOOP = new Telemetry() {
  };

  /**
   * A record of {@code tenant.requests} handled to its end (its events acknowledged, or its dead letter sent).
   *
   * @param action null when the record could not be read far enough to tell
   */
  default void requestHandled(Action action, RequestOutcome outcome) {
  }

  /** A tenant's objects applied to the Kubernetes API, all of them, in {@code took} (failed applies count too). */
  default void applied(Duration took) {
  }

  /** A record went to {@code tenant.requests.dlq}. */
  default void deadLettered(DeadLetterReason reason) {
  }

  /** Publishes a Kafka consumer's own metrics (lag above all) until the registration is closed. */
  default Registration kafkaClient(Consumer<?, ?> consumer) {
    return Registration.NONE;
  }

  /** Publishes a Kafka producer's own metrics until the registration is closed. */
  default Registration kafkaClient(Producer<?, ?> producer) {
    return Registration.NONE;
  }

  /** How a request ended; the {@code outcome} label of {@code tenantplatform_requests_total}. */
  enum RequestOutcome {
    /** Carried out: the tenant's events are in the log. */
    ACCEPTED,
    /** Refused: dead-lettered, with a {@code tenant.rejected} where a tenant could be named. */
    REJECTED,
    /** Seen before (a redelivery, or the same requestId again): nothing new was done. */
    DUPLICATE;

    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** Meters published for a client; closing removes them (a closed client's meters would lie). */
  interface Registration extends AutoCloseable {

    Registration NONE = () -> {
    };

    @Override
    void close();
  }
}
