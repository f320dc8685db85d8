package dev.tenantplatform.provisioner;

import dev.tenantplatform.events.CloudEventCodec;
import dev.tenantplatform.events.RequestValidator;
import dev.tenantplatform.kube.NodePortAllocator;
import dev.tenantplatform.kube.NodePortRange;
import dev.tenantplatform.kube.RetryPolicy;
import dev.tenantplatform.provisioner.blueprint.BlueprintConfig;
import java.time.Duration;
import java.util.Objects;

/**
 * The provisioner's settings.
 *
 * @param groupId the consumer group; instances of one platform share it
 * @param maxTenants the quota: creates beyond this many live tenants are rejected
 * @param maxInFlight records being worked on at once by this instance; at the bound every partition is paused
 *     until some finish, so a slow Kubernetes API slows consumption instead of filling memory
 * @param maxInFlightPerPartition records of one partition being worked on at once before it is paused
 * @param handOver how long a partition being revoked (a rebalance, a stop) waits for its records in work to
 *     finish; those still running then are left to the new owner, which gets them again
 * @param maxRetryDelay the longest pause between attempts when Kafka or the ledger fail
 * @param deleteTimeout how long an offboarding waits for the controllers to remove the Cluster
 * @param deletePoll how often it looks
 * @param platformNamespace where the platform keeps its own state in the management cluster (NodePort book)
 * @param apiRetries retries of transient Kubernetes API errors
 */
public record ProvisionerConfig(String bootstrapServers, String groupId, int maxTenants, int maxInFlight,
    int maxInFlightPerPartition, Duration handOver, Duration maxRetryDelay, Duration deleteTimeout,
    Duration deletePoll, String platformNamespace, NodePortRange nodePorts, RetryPolicy apiRetries,
    BlueprintConfig blueprint, CloudEventCodec codec, RequestValidator validator) {

  public static final int DEFAULT_MAX_IN_FLIGHT = 512;
  public static final Duration DEFAULT_HAND_OVER = Duration.ofSeconds(15);

  public ProvisionerConfig {
    Objects.requireNonNull(bootstrapServers, "bootstrapServers");
    if (maxTenants < 1) {
      throw new IllegalArgumentException("maxTenants " + maxTenants + " must be at least 1");
    }
    if (maxInFlight < 1) {
      throw new IllegalArgumentException("maxInFlight " + maxInFlight + " must be at least 1 (default "
          + DEFAULT_MAX_IN_FLIGHT + ")");
    }
    if (maxInFlightPerPartition < 1) {
      throw new IllegalArgumentException("maxInFlightPerPartition " + maxInFlightPerPartition + " must be at least 1");
    }
    if (handOver == null || handOver.isNegative() || handOver.compareTo(Duration.ofMinutes(4)) > 0) {
      // Kafka waits for a rebalance listener up to max.poll.interval.ms (5 minutes) before it drops the member.
      throw new IllegalArgumentException("the hand-over time " + handOver + " must be between 0 and 4 minutes"
          + " (default " + DEFAULT_HAND_OVER + ")");
    }
  }

  public static ProvisionerConfig defaults(String bootstrapServers) {
    return new ProvisionerConfig(bootstrapServers, ProvisionerVerticle.GROUP, 10_000, DEFAULT_MAX_IN_FLIGHT, 64,
        DEFAULT_HAND_OVER, Duration.ofSeconds(10), Duration.ofMinutes(10), Duration.ofMillis(500),
        NodePortAllocator.DEFAULT_NAMESPACE, NodePortRange.DEFAULT, RetryPolicy.DEFAULT, BlueprintConfig.defaults(),
        new CloudEventCodec(), new RequestValidator());
  }

  public ProvisionerConfig withMaxTenants(int max) {
    return new ProvisionerConfig(bootstrapServers, groupId, max, maxInFlight, maxInFlightPerPartition, handOver,
        maxRetryDelay, deleteTimeout, deletePoll, platformNamespace, nodePorts, apiRetries, blueprint, codec,
        validator);
  }

  public ProvisionerConfig withGroupId(String group) {
    return new ProvisionerConfig(bootstrapServers, group, maxTenants, maxInFlight, maxInFlightPerPartition, handOver,
        maxRetryDelay, deleteTimeout, deletePoll, platformNamespace, nodePorts, apiRetries, blueprint, codec,
        validator);
  }

  public ProvisionerConfig withApiRetries(RetryPolicy retries) {
    return new ProvisionerConfig(bootstrapServers, groupId, maxTenants, maxInFlight, maxInFlightPerPartition,
        handOver, maxRetryDelay, deleteTimeout, deletePoll, platformNamespace, nodePorts, retries, blueprint, codec,
        validator);
  }

  public ProvisionerConfig withMaxInFlight(int max) {
    return new ProvisionerConfig(bootstrapServers, groupId, maxTenants, max, maxInFlightPerPartition, handOver,
        maxRetryDelay, deleteTimeout, deletePoll, platformNamespace, nodePorts, apiRetries, blueprint, codec,
        validator);
  }

  public ProvisionerConfig withMaxInFlightPerPartition(int max) {
    return new ProvisionerConfig(bootstrapServers, groupId, maxTenants, maxInFlight, max, handOver, maxRetryDelay,
        deleteTimeout, deletePoll, platformNamespace, nodePorts, apiRetries, blueprint, codec, validator);
  }

  public ProvisionerConfig withHandOver(Duration wait) {
    return new ProvisionerConfig(bootstrapServers, groupId, maxTenants, maxInFlight, maxInFlightPerPartition, wait,
        maxRetryDelay, deleteTimeout, deletePoll, platformNamespace, nodePorts, apiRetries, blueprint, codec,
        validator);
  }

  public ProvisionerConfig withNodePorts(NodePortRange range) {
    return new ProvisionerConfig(bootstrapServers, groupId, maxTenants, maxInFlight, maxInFlightPerPartition,
        handOver, maxRetryDelay, deleteTimeout, deletePoll, platformNamespace, range, apiRetries, blueprint, codec,
        validator);
  }
}
