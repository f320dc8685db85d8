package dev.tenantplatform.api;

import dev.tenantplatform.events.RequestLimits;
import dev.tenantplatform.metrics.model.SavingsConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What the HTTP API needs: where Kafka is, which tokens it trusts, its limits.
 *
 * @param kafkaBootstrap Kafka bootstrap servers, {@code host:port[,host:port]}
 * @param tokens the bearer tokens it trusts
 * @param limits body size, rate per caller, timeout
 * @param requests what a tenant request may ask for (the provisioner's limits: the API refuses early what the
 *     provisioner would refuse late)
 * @param historyPerTenant events kept in memory per tenant for {@code /events}
 * @param savings the baseline and prices {@code /savings} compares with
 * @param adminReads routes other components serve to the admin scope under the API
 */
public record ApiConfig(String kafkaBootstrap, TokenConfig tokens, ApiLimits limits, RequestLimits requests,
    int historyPerTenant, SavingsConfig savings, List<AdminRead> adminReads) {

  public static final int DEFAULT_HISTORY_PER_TENANT = 1000;

  public ApiConfig {
    if (kafkaBootstrap == null || !kafkaBootstrap.matches("[^,\\s]+:\\d+(,[^,\\s]+:\\d+)*")) {
      throw new IllegalArgumentException("invalid API configuration: the Kafka bootstrap servers '"
          + kafkaBootstrap + "' are not host:port[,host:port]");
    }
    Objects.requireNonNull(tokens, "tokens: the API trusts no token without a token configuration");
    Objects.requireNonNull(limits, "limits");
    Objects.requireNonNull(requests, "requests");
    Objects.requireNonNull(savings, "savings: start from SavingsConfig.defaults()");
    adminReads = List.copyOf(adminReads);
    if (historyPerTenant < 1) {
      throw new IllegalArgumentException("invalid API configuration: historyPerTenant " + historyPerTenant
          + " must be at least 1");
    }
  }

  public static ApiConfig defaults(String kafkaBootstrap, TokenConfig tokens) {
    return new ApiConfig(kafkaBootstrap, tokens, ApiLimits.DEFAULT, RequestLimits.DEFAULT,
        DEFAULT_HISTORY_PER_TENANT, SavingsConfig.defaults(), List.of());
  }

  public ApiConfig withLimits(ApiLimits newLimits) {
    return new ApiConfig(kafkaBootstrap, tokens, newLimits, requests, historyPerTenant, savings, adminReads);
  }

  public ApiConfig withSavings(SavingsConfig newSavings) {
    return new ApiConfig(kafkaBootstrap, tokens, limits, requests, historyPerTenant, newSavings, adminReads);
  }

  /** This configuration with {@code read} served too. */
  public ApiConfig withAdminRead(AdminRead read) {
    List<AdminRead> more = new ArrayList<>(adminReads);
    more.add(read);
    return new ApiConfig(kafkaBootstrap, tokens, limits, requests, historyPerTenant, savings, more);
  }
}
