package dev.tenantplatform.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tenantplatform.support.KafkaClients;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LedgerConfigTest {

  private static final String BOOTSTRAP = "127.0.0.1:9092";

  @Test
  void theDefaultsWriteTenantEventsWithAnIdempotentProducerThatWaitsForEveryReplica() {
    Map<String, String> producer = KafkaClients.idempotentProducer(BOOTSTRAP, LedgerConfig.defaults().producer());

    assertThat(LedgerConfig.defaults().topic()).isEqualTo("tenant.events");
    assertThat(producer).containsEntry("enable.idempotence", "true").containsEntry("acks", "all")
        .containsEntry("max.in.flight.requests.per.connection", "5");
  }

  @Test
  void producerSettingsThatWouldWeakenTheChainAreRefused() {
    assertThatThrownBy(() -> KafkaClients.idempotentProducer(BOOTSTRAP, Map.of("acks", "1")))
        .hasMessageContaining("acks=1 is refused").hasMessageContaining("acks=all");
    assertThatThrownBy(() -> KafkaClients.idempotentProducer(BOOTSTRAP, Map.of("enable.idempotence", "false")))
        .hasMessageContaining("enable.idempotence=true");
    assertThatThrownBy(() -> KafkaClients.idempotentProducer(BOOTSTRAP,
        Map.of("max.in.flight.requests.per.connection", "6"))).hasMessageContaining("1 to 5");
    assertThatThrownBy(() -> LedgerConfig.defaults().withProducer(Map.of("partitioner.class", "org.example.Mine")))
        .hasMessageContaining("partitioner").hasMessageContaining("Ledger.partitionOf");
  }

  @Test
  void producerSettingsThatKeepTheGuaranteesAreTaken() {
    Map<String, String> producer = KafkaClients.idempotentProducer(BOOTSTRAP,
        LedgerConfig.defaults().withProducer(Map.of("client.id", "ledger-1", "acks", "all")).producer());

    assertThat(producer).containsEntry("client.id", "ledger-1").containsEntry("acks", "all");
  }

  @Test
  void everyWrongSettingIsNamedAtOnce() {
    assertThatThrownBy(() -> new LedgerConfig(" ", 0, Duration.ZERO, Map.of()))
        .hasMessageContaining("topic is empty")
        .hasMessageContaining("onceKeysPerTenant 0")
        .hasMessageContaining("read timeout PT0S");
  }
}
