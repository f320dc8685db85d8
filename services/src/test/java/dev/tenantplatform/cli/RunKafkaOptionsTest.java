package dev.tenantplatform.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class RunKafkaOptionsTest {

  private static final String[] REQUIRED = {"--kafka", "kafka:9093", "--token-issuer", "https://id.example",
      "--token-keys", "/etc/keys"};

  @Test
  void theSaslOptionsWithThePasswordFromTheEnvironmentMakeTheClientsAuthenticate() {
    RunCommand run = new RunCommand();
    new CommandLine(run).parseArgs(concat(REQUIRED, "--kafka-security-protocol", "SASL_SSL",
        "--kafka-sasl-mechanism", "SCRAM-SHA-256", "--kafka-sasl-username", "tenant-platform"));

    assertThat(run.kafkaSecurity.security("from-the-environment").clientProperties())
        .containsEntry("security.protocol", "SASL_SSL")
        .containsEntry("sasl.mechanism", "SCRAM-SHA-256")
        .containsEntry("sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required"
            + " username=\"tenant-platform\" password=\"from-the-environment\";");
  }

  @Test
  void withoutKafkaOptionsRunSpeaksPlaintextAsBefore() {
    RunCommand run = new RunCommand();
    new CommandLine(run).parseArgs(REQUIRED);

    assertThat(run.kafkaSecurity.security(null).clientProperties()).containsOnlyKeys("security.protocol")
        .containsEntry("security.protocol", "PLAINTEXT");
  }

  @Test
  void replayTakesTheSameKafkaOptionsToReadASecuredLog(@TempDir Path dir) throws Exception {
    Path ca = Files.writeString(dir.resolve("ca.crt"), "-----BEGIN CERTIFICATE-----\n");
    ReplayCommand replay = new ReplayCommand();
    new CommandLine(replay).setCaseInsensitiveEnumValuesAllowed(true).parseArgs("--kafka", "kafka:9093",
        "--verify", "--kafka-security-protocol", "SSL", "--kafka-truststore", ca.toString());

    assertThat(replay.kafkaSecurity.security(null).clientProperties())
        .containsEntry("security.protocol", "SSL")
        .containsEntry("ssl.truststore.type", "PEM");
  }

  @Test
  void thePasswordIsNoOption() {
    assertThat(new CommandLine(new RunCommand()).getCommandSpec().options())
        .noneMatch(option -> option.longestName().contains("password"));
    assertThat(new CommandLine(new ReplayCommand()).getCommandSpec().options())
        .noneMatch(option -> option.longestName().contains("password"));
  }

  private static String[] concat(String[] first, String... more) {
    String[] all = java.util.Arrays.copyOf(first, first.length + more.length);
    System.arraycopy(more, 0, all, first.length, more.length);
    return all;
  }
}
