package dev.tenantplatform.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KafkaSecurityTest {

  @TempDir
  Path dir;

  @AfterEach
  void backToPlaintext() {
    KafkaClients.useSecurity(KafkaSecurity.PLAINTEXT);
  }

  @Test
  void scramOverTlsBecomesTheClientPropertiesOfAStrimziScramUser() throws Exception {
    Path ca = Files.writeString(dir.resolve("ca.crt"), "-----BEGIN CERTIFICATE-----\n…\n-----END CERTIFICATE-----\n");
    KafkaSecurity security = new KafkaSecurity("sasl_ssl", "SCRAM-SHA-512", "tenant-platform", "s3cr\"t", ca);

    assertThat(security.clientProperties())
        .containsEntry("security.protocol", "SASL_SSL")
        .containsEntry("sasl.mechanism", "SCRAM-SHA-512")
        .containsEntry("sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required"
            + " username=\"tenant-platform\" password=\"s3cr\\\"t\";")
        .containsEntry("ssl.truststore.type", "PEM")
        .containsEntry("ssl.truststore.location", ca.toString());
  }

  @Test
  void everyClientOfTheProcessConnectsWithTheSettingsOnceTheyAreSet() {
    KafkaClients.useSecurity(new KafkaSecurity("SASL_PLAINTEXT", "PLAIN", "ops", "pw", null));

    assertThat(KafkaClients.connection("kafka:9092")).containsEntry("bootstrap.servers", "kafka:9092")
        .containsEntry("security.protocol", "SASL_PLAINTEXT").containsKey("sasl.jaas.config");
    assertThat(KafkaClients.idempotentProducer("kafka:9092", java.util.Map.of()))
        .containsEntry("security.protocol", "SASL_PLAINTEXT").containsEntry("sasl.mechanism", "PLAIN");
    assertThat(KafkaClients.logReader("kafka:9092")).containsEntry("security.protocol", "SASL_PLAINTEXT");
  }

  @Test
  void withoutSettingsTheClientsSpeakPlaintext() {
    assertThat(KafkaClients.connection("kafka:9092")).containsOnly(
        java.util.Map.entry("bootstrap.servers", "kafka:9092"), java.util.Map.entry("security.protocol", "PLAINTEXT"));
  }

  @Test
  void aSaslProtocolWithoutCredentialsSaysWhichSettingsToGive() {
    assertThatThrownBy(() -> new KafkaSecurity("SASL_SSL", "SCRAM-SHA-512", null, "", null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("--kafka-sasl-username (env KAFKA_SASL_USERNAME)")
        .hasMessageContaining("KAFKA_SASL_PASSWORD");
  }

  @Test
  void unknownProtocolsAndMechanismsAreNamedWithTheChoices() {
    assertThatThrownBy(() -> new KafkaSecurity("TLS", null, null, null, null))
        .hasMessageContaining("'TLS' is not one of PLAINTEXT, SSL, SASL_PLAINTEXT, SASL_SSL");
    assertThatThrownBy(() -> new KafkaSecurity("SASL_SSL", "GSSAPI", "u", "p", null))
        .hasMessageContaining("'GSSAPI' is not one of PLAIN, SCRAM-SHA-256, SCRAM-SHA-512");
  }

  @Test
  void aTruststoreNeedsTlsAndAReadableFile() {
    assertThatThrownBy(() -> new KafkaSecurity("SSL", null, null, null, dir.resolve("missing.crt")))
        .hasMessageContaining("cannot read the Kafka truststore");
    assertThatThrownBy(() -> new KafkaSecurity("PLAINTEXT", null, null, null, dir))
        .hasMessageContaining("only read with TLS");
  }

  @Test
  void thePasswordNeverShowsInTheSettingsText() {
    assertThat(new KafkaSecurity("SASL_SSL", "SCRAM-SHA-512", "ops", "hunter2", null).toString())
        .contains("ops").doesNotContain("hunter2");
  }
}
