package dev.tenantplatform.app;

import java.util.ArrayList;
import java.util.List;

/**
 * What the platform process needs to run, whichever mode built it: where Kafka is, where the HTTP API
 * listens, how many partitions the topics get. Validated at start with messages that say what to fix.
 *
 * @param httpHost       interface of the HTTP API
 * @param httpPort       port of the HTTP API (0 picks a free one)
 * @param kafkaBootstrap Kafka bootstrap servers, {@code host:port[,host:port]}
 * @param partitions     partition count of the platform's topics when the platform creates them
 */
public record PlatformConfig(String httpHost, int httpPort, String kafkaBootstrap, int partitions) {

  public static final int DEFAULT_HTTP_PORT = 8080;
  public static final int DEFAULT_PARTITIONS = 12;

  public PlatformConfig {
    List<String> problems = new ArrayList<>();
    if (httpHost == null || httpHost.isBlank()) {
      problems.add("the HTTP host is empty: give an interface such as 0.0.0.0 or 127.0.0.1");
    }
    if (httpPort < 0 || httpPort > 65_535) {
      problems.add("the HTTP port " + httpPort + " is not a port: use 1-65535, or 0 for any free port");
    }
    if (kafkaBootstrap == null || !kafkaBootstrap.matches("[^,\\s]+:\\d+(,[^,\\s]+:\\d+)*")) {
      problems.add("the Kafka bootstrap servers '" + kafkaBootstrap + "' are not host:port[,host:port]");
    }
    if (partitions < 1 || partitions > 10_000) {
      problems.add("the partition count " + partitions + " must be between 1 and 10000");
    }
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException("invalid configuration: " + String.join("; ", problems));
    }
  }
}
