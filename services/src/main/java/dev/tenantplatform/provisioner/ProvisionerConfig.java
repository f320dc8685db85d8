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
 * @param maxInFlightPerPartition records of one partition being worked on at once before it is paused
 * @param maxRetryDelay the longest pause between attempts when Kafka or the ledger fail
 * @param deleteTimeout how long an offboarding waits for the controllers to remove the Cluster
 * @param deletePoll how often it looks
 * @param platformNamespace where the platform keeps its own state in the management cluster (NodePort book)
 * @param apiRetries retries of transient Kubernetes API errors
 */
public record ProvisionerConfig(String bootstrapServers, String groupId, int maxTenants, int maxInFlightPerPartition,
    Duration maxRetryDelay, Duration deleteTimeout, Duration deletePoll, String platformNamespace,
    NodePortRange nodePorts, RetryPolicy apiRetries, BlueprintConfig blueprint, CloudEventCodec codec,
    RequestValidator validator) {

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
    return new ProvisionerConfig(bootstrapServers, ProvisionerVerticle.GROUP, 10_000, 64, Duration.ofSeconds(10), Duration.ofMinutes(10),
        Duration.ofMillis(500), NodePortAllocator.DEFAULT_NAMESPACE, NodePortRange.DEFAULT, RetryPolicy.DEFAULT,
        BlueprintConfig.defaults(), new CloudEventCodec(), new RequestValidator());
  }

  public ProvisionerConfig withMaxTenants(int max) {
    return new ProvisionerConfig(bootstrapServers, groupId, max, maxInFlightPerPartition, maxRetryDelay, deleteTimeout,
        deletePoll, platformNamespace, nodePorts, apiRetries, blueprint, codec, validator);
  }

  public ProvisionerConfig withGroupId(String group) {
    return new ProvisionerConfig(bootstrapServers, group, maxTenants, maxInFlightPerPartition, maxRetryDelay,
        deleteTimeout, deletePoll, platformNamespace, nodePorts, apiRetries, blueprint, codec, validator);
  }

  public ProvisionerConfig withApiRetries(RetryPolicy retries) {
    return new ProvisionerConfig(bootstrapServers, groupId, maxTenants, maxInFlightPerPartition, maxRetryDelay,
        deleteTimeout, deletePoll, platformNamespace, nodePorts, retries, blueprint, codec, validator);
  }

  public ProvisionerConfig withMaxInFlightPerPartition(int max) {
    return new ProvisionerConfig(bootstrapServers, groupId, maxTenants, max, maxRetryDelay, deleteTimeout,
        deletePoll, platformNamespace, nodePorts, apiRetries, blueprint, codec, validator);
  }

  public ProvisionerConfig withNodePorts(NodePortRange range) {
    return new ProvisionerConfig(bootstrapServers, groupId, maxTenants, maxInFlightPerPartition, maxRetryDelay,
        deleteTimeout, deletePoll, platformNamespace, range, apiRetries, blueprint, codec, validator);
  }
}
