package dev.tenantplatform.provisioner;

import dev.tenantplatform.events.CloudEventCodec;
import dev.tenantplatform.events.RequestValidator;
import java.time.Duration;
import java.util.Objects;

/**
 * The provisioner's settings.
 *
 * @param maxTenants the quota: creates beyond this many live tenants are rejected
 * @param maxInFlightPerPartition records of one partition being worked on at once before it is paused
 * @param maxRetryDelay the longest pause between attempts when Kafka or the ledger fail
 * @param deleteTimeout how long an offboarding waits for the controllers to remove the Cluster
 */
public record ProvisionerConfig(String bootstrapServers, int maxTenants, int maxInFlightPerPartition,
    Duration maxRetryDelay, Duration deleteTimeout, CloudEventCodec codec, RequestValidator validator) {

  public ProvisionerConfig {
    Objects.requireNonNull(bootstrapServers, "bootstrapServers");
    if (maxTenants < 1) {
      throw new IllegalArgumentException("maxTenants " + maxTenants + " must be at least 1");
    }
    if (maxInFlightPerPartition < 1) {
      throw new IllegalArgumentException("maxInFlightPerPartition " + maxInFlightPerPartition + " must be at least 1");
    }
  }

  public static ProvisionerConfig defaults(String bootstrapServers) {
    return new ProvisionerConfig(bootstrapServers, 10_000, 64, Duration.ofSeconds(10), Duration.ofMinutes(10),
        new CloudEventCodec(), new RequestValidator());
  }
}
