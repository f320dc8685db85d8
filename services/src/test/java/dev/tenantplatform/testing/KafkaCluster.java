package dev.tenantplatform.testing;

/** A real Kafka broker for tests: Testcontainers Kafka where a Docker engine runs, the embedded broker otherwise. */
public interface KafkaCluster extends AutoCloseable {

  String bootstrapServers();

  /** Which broker the tests run on, for the test report. */
  String description();

  @Override
  void close();
}
