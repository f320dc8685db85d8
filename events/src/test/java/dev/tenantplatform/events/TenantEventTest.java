package dev.tenantplatform.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class TenantEventTest {

  @Test
  void theIdIsAVersion5UuidOfTenantAndSequence() {
    // uuid.uuid5(uuid.uuid5(uuid.NAMESPACE_DNS, "tenantplatform.dev"), "acme/1") in Python
    assertThat(TenantEvent.ID_NAMESPACE).hasToString("8bc0c537-a11e-5e91-896e-0fc108abe1f7");
    assertThat(TenantEvent.idFor("acme", 1)).isEqualTo("4c86d7f3-a480-5c4e-bf7c-594cfe87c295");
  }

  @Test
  void theSameEventRecomputedGetsTheSameId() {
    TenantEvent first = EventSamples.lifeOf("acme").get(2);
    TenantEvent again = EventSamples.lifeOf("acme").get(2);

    assertThat(again.id()).isEqualTo(first.id());
    assertThat(again).isEqualTo(first);
    assertThat(EventSamples.lifeOf("globex").get(2).id()).isNotEqualTo(first.id());
  }

  @Test
  void timeIsKeptToTheMillisecond() {
    TenantEvent event = TenantEvent.unsealed(EventType.TENANT_DELETED, "acme", "r1",
        Instant.parse("2026-01-02T03:04:05.678912345Z"), null);

    assertThat(event.time()).isEqualTo(Instant.parse("2026-01-02T03:04:05.678Z"));
  }

  @Test
  void dataIsNormalisedSoThatEqualJsonMeansEqualEvents() throws Exception {
    ObjectNode written = JsonNodeFactory.instance.objectNode().put("reason", "slow").put("stage", "cni")
        .put("attempt", 3L).put("waitedSeconds", 600.0);
    ObjectNode readBack = (ObjectNode) new ObjectMapper().readTree(
        "{\"waitedSeconds\":600,\"attempt\":3,\"stage\":\"cni\",\"reason\":\"slow\"}");

    TenantEvent a = TenantEvent.unsealed(EventType.CLUSTER_DEGRADED, "acme", "r1", EventSamples.T0, written);
    TenantEvent b = TenantEvent.unsealed(EventType.CLUSTER_DEGRADED, "acme", "r1", EventSamples.T0, readBack);

    assertThat(a).isEqualTo(b);
    assertThat(a.data().fieldNames()).toIterable().containsExactly("attempt", "reason", "stage", "waitedSeconds");
  }

  @Test
  void theDataCannotBeChangedFromOutside() {
    ObjectNode data = EventData.degraded("slow", null);
    TenantEvent event = TenantEvent.unsealed(EventType.CLUSTER_DEGRADED, "acme", "r1", EventSamples.T0, data);

    data.put("reason", "changed after");
    event.data().put("reason", "changed through the accessor");

    assertThat(event.data().get("reason").asText()).isEqualTo("slow");
  }

  @Test
  void aTypeWithoutItsRequiredKeysIsRefusedByName() {
    assertThatThrownBy(() -> TenantEvent.unsealed(EventType.TENANT_READY, "acme", "r1", EventSamples.T0,
        JsonNodeFactory.instance.objectNode().put("readySeconds", 3)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("tenant.ready needs data key(s) controlPlaneReadySeconds, provisionedSeconds");
  }

  @Test
  void dataCannotTakeTheNameOfAChainField() {
    assertThatThrownBy(() -> TenantEvent.unsealed(EventType.CLUSTER_DEGRADED, "acme", "r1", EventSamples.T0,
        EventData.degraded("slow", null).put("sequence", 9)))
        .hasMessageContaining("cannot hold 'sequence': it is a chain field");
  }

  @Test
  void numbersJsonCannotCarryAreRefused() {
    assertThatThrownBy(() -> TenantEvent.unsealed(EventType.CLUSTER_DEGRADED, "acme", "r1", EventSamples.T0,
        EventData.degraded("slow", null).put("ratio", Double.NaN)))
        .hasMessageContaining("JSON has no such number");
  }

  @Test
  void onlyAValidTenantNameGetsEvents() {
    assertThatThrownBy(() -> TenantEvent.unsealed(EventType.TENANT_REJECTED, "Acme!", "r1", EventSamples.T0,
        EventData.rejected("tenant 'Acme!' is not a DNS-1123 label", java.util.List.of())))
        .hasMessageContaining("'Acme!' cannot name a tenant");
    assertThat(RequestValidator.isTenantName("acme-2")).isTrue();
    assertThat(RequestValidator.isTenantName("a".repeat(41))).isFalse();
    assertThat(RequestValidator.isTenantName(null)).isFalse();
  }

  @Test
  void aSequenceWithoutHashesIsNotAnEvent() {
    assertThatThrownBy(() -> new TenantEvent(null, EventType.TENANT_DELETED, "acme", 3, null, null, "r1",
        EventSamples.T0, null))
        .hasMessageContaining("seal events with HashChain.next");
  }
}
