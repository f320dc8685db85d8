package dev.tenantplatform.cli;

import dev.tenantplatform.support.KafkaSecurity;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * How a command authenticates to Kafka and which certificates it trusts: the same options, environment variables
 * and defaults for every command that reads or writes the platform's topics ({@code run}, {@code replay}).
 */
final class KafkaSecurityOptions {

  /** The one setting read from the environment only: a password given as an option would show in {@code ps}. */
  static final String KAFKA_SASL_PASSWORD = "KAFKA_SASL_PASSWORD";

  @Option(names = "--kafka-security-protocol", paramLabel = "PROTOCOL",
      defaultValue = "${env:KAFKA_SECURITY_PROTOCOL:-PLAINTEXT}",
      description = "Protocol of the brokers' listener: PLAINTEXT, SSL, SASL_PLAINTEXT or SASL_SSL"
          + " (env KAFKA_SECURITY_PROTOCOL, default: PLAINTEXT).")
  String protocol;

  @Option(names = "--kafka-sasl-mechanism", paramLabel = "MECHANISM",
      defaultValue = "${env:KAFKA_SASL_MECHANISM:-SCRAM-SHA-512}",
      description = "SASL mechanism: PLAIN, SCRAM-SHA-256 or SCRAM-SHA-512 (env KAFKA_SASL_MECHANISM,"
          + " default: SCRAM-SHA-512).")
  String saslMechanism;

  @Option(names = "--kafka-sasl-username", paramLabel = "USER", defaultValue = "${env:KAFKA_SASL_USERNAME}",
      description = "SASL user (env KAFKA_SASL_USERNAME). The password is read from the environment variable"
          + " KAFKA_SASL_PASSWORD only, so that it never shows in the process list.")
  String saslUsername;

  @Option(names = "--kafka-truststore", paramLabel = "FILE", defaultValue = "${env:KAFKA_SSL_TRUSTSTORE}",
      description = "PEM file of the CA certificates the brokers' TLS certificates are checked against, e.g."
          + " Strimzi's <cluster>-cluster-ca-cert ca.crt (env KAFKA_SSL_TRUSTSTORE; default: the JVM's trust).")
  Path truststore;

  /** The Kafka security of the options, with the password given apart (it is never an option). */
  KafkaSecurity security(String saslPassword) {
    return new KafkaSecurity(protocol, saslMechanism, saslUsername, saslPassword, truststore);
  }

  /** The Kafka security of the options, the password read from {@value #KAFKA_SASL_PASSWORD}. */
  KafkaSecurity fromEnvironment() {
    return security(System.getenv(KAFKA_SASL_PASSWORD));
  }
}
