package dev.tenantplatform.support;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * How the platform's Kafka clients authenticate and encrypt: the broker's listener protocol, SASL credentials and
 * the certificates to trust. Validated at start, with a message that says what to give.
 *
 * @param protocol PLAINTEXT, SSL, SASL_PLAINTEXT or SASL_SSL
 * @param saslMechanism PLAIN, SCRAM-SHA-256 or SCRAM-SHA-512; read only with a SASL protocol
 * @param username the SASL user; required with a SASL protocol
 * @param password the SASL password; required with a SASL protocol, never logged
 * @param truststore PEM file of the CA certificates to trust; null for the JVM's default trust
 */
public record KafkaSecurity(String protocol, String saslMechanism, String username, String password,
    Path truststore) {

  private static final Set<String> PROTOCOLS = Set.of("PLAINTEXT", "SSL", "SASL_PLAINTEXT", "SASL_SSL");
  private static final Map<String, String> LOGIN_MODULES = Map.of(
      "PLAIN", "org.apache.kafka.common.security.plain.PlainLoginModule",
      "SCRAM-SHA-256", "org.apache.kafka.common.security.scram.ScramLoginModule",
      "SCRAM-SHA-512", "org.apache.kafka.common.security.scram.ScramLoginModule");

  /** No TLS, no authentication: the embedded broker of local mode, or a cluster-internal plain listener. */
  public static final KafkaSecurity PLAINTEXT = new KafkaSecurity("PLAINTEXT", null, null, null, null);

  public KafkaSecurity {
    protocol = protocol == null || protocol.isBlank() ? "PLAINTEXT" : protocol.trim().toUpperCase(Locale.ROOT);
    List<String> problems = new ArrayList<>();
    if (!PROTOCOLS.contains(protocol)) {
      problems.add("the Kafka security protocol '" + protocol + "' is not one of PLAINTEXT, SSL, SASL_PLAINTEXT,"
          + " SASL_SSL (the protocol of the broker's listener)");
    }
    if (protocol.startsWith("SASL_")) {
      if (saslMechanism == null || !LOGIN_MODULES.containsKey(saslMechanism)) {
        problems.add("the SASL mechanism '" + saslMechanism + "' is not one of PLAIN, SCRAM-SHA-256, SCRAM-SHA-512");
      }
      if (username == null || username.isBlank()) {
        problems.add("no SASL user: give --kafka-sasl-username (env KAFKA_SASL_USERNAME)");
      }
      if (password == null || password.isEmpty()) {
        problems.add("no SASL password: give it in the environment variable KAFKA_SASL_PASSWORD");
      }
    }
    if (truststore != null && !protocol.endsWith("SSL")) {
      problems.add("a truststore is only read with TLS: use the protocol SSL or SASL_SSL, or drop the truststore");
    }
    if (truststore != null && !Files.isReadable(truststore)) {
      problems.add("cannot read the Kafka truststore " + truststore + ": give a readable PEM file of CA certificates");
    }
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException("invalid Kafka security settings: " + String.join("; ", problems));
    }
  }

  /** The Kafka client properties these settings stand for. */
  public Map<String, String> clientProperties() {
    Map<String, String> properties = new LinkedHashMap<>();
    properties.put("security.protocol", protocol);
    if (protocol.startsWith("SASL_")) {
      properties.put("sasl.mechanism", saslMechanism);
      properties.put("sasl.jaas.config", LOGIN_MODULES.get(saslMechanism) + " required username=\""
          + quoted(username) + "\" password=\"" + quoted(password) + "\";");
    }
    if (truststore != null) {
      properties.put("ssl.truststore.type", "PEM");
      properties.put("ssl.truststore.location", truststore.toString());
    }
    return properties;
  }

  private static String quoted(String value) {
    return value.replace("\\", "\\\\").replace("\"", "\\\"");
  }

  @Override
  public String toString() {
    // The password stays out of logs and exception messages.
    return "KafkaSecurity[" + protocol + (protocol.startsWith("SASL_") ? " " + saslMechanism + " as " + username : "")
        + (truststore == null ? "" : ", trusting " + truststore) + "]";
  }
}
