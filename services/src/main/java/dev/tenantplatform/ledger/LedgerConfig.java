package dev.tenantplatform.ledger;

import dev.tenantplatform.events.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * How the ledger runs.
 *
 * @param topic the topic of the chains: {@code tenant.events} (another name only to keep apart test or
 *     migration runs)
 * @param onceKeysPerTenant how many once-keys of its latest events the ledger remembers per tenant; a request
 *     redelivered after more events than that would act again. Memory grows with tenants times this bound
 * @param readTimeout how long a read of the log may make no progress before a restore fails
 * @param producer producer settings over the platform's (client id, size limits…); idempotence and
 *     {@code acks=all} cannot be turned off
 */
public record LedgerConfig(String topic, int onceKeysPerTenant, Duration readTimeout, Map<String, String> producer) {

  public static final int DEFAULT_ONCE_KEYS_PER_TENANT = 1_000;
  public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(60);

  public LedgerConfig {
    List<String> problems = new ArrayList<>();
    if (topic == null || topic.isBlank()) {
      problems.add("the topic is empty: use " + Topics.EVENTS.name());
    }
    if (onceKeysPerTenant < 1) {
      problems.add("onceKeysPerTenant " + onceKeysPerTenant + " must be at least 1 (default "
          + DEFAULT_ONCE_KEYS_PER_TENANT + ")");
    }
    if (readTimeout == null || readTimeout.isNegative() || readTimeout.isZero()) {
      problems.add("the read timeout " + readTimeout + " must be positive (default " + DEFAULT_READ_TIMEOUT + ")");
    }
    if (producer != null && producer.containsKey("partitioner.class")) {
      problems.add("the producer's partitioner cannot be set: a tenant's events must land on the partition"
          + " the default partitioner gives its name (Ledger.partitionOf)");
    }
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException("invalid ledger configuration: " + String.join("; ", problems));
    }
    producer = producer == null ? Map.of() : Map.copyOf(producer);
  }

  /** {@code tenant.events}, 1,000 once-keys per tenant, a minute of patience, the platform's producer. */
  public static LedgerConfig defaults() {
    return new LedgerConfig(Topics.EVENTS.name(), DEFAULT_ONCE_KEYS_PER_TENANT, DEFAULT_READ_TIMEOUT, Map.of());
  }

  public LedgerConfig withTopic(String name) {
    return new LedgerConfig(name, onceKeysPerTenant, readTimeout, producer);
  }

  public LedgerConfig withProducer(Map<String, String> settings) {
    return new LedgerConfig(topic, onceKeysPerTenant, readTimeout, settings);
  }

  public LedgerConfig withOnceKeysPerTenant(int keys) {
    return new LedgerConfig(topic, keys, readTimeout, producer);
  }
}
