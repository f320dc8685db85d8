package dev.tenantplatform.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class EventTypeTest {

  @Test
  void theThirteenNamesOfTheContract() {
    assertThat(Arrays.stream(EventType.values()).map(EventType::eventName)).containsExactly(
        "tenant.accepted", "tenant.rejected", "cluster.applied", "cluster.controlplane.ready",
        "cluster.provisioned", "cluster.workers.ready", "cluster.cni.applied", "tenant.ready", "tenant.updated",
        "cluster.degraded", "cluster.failed", "tenant.deleting", "tenant.deleted");
  }

  @Test
  void cloudEventTypesAreVersionedUnderTheProductsPrefix() {
    assertThat(EventType.CLUSTER_CONTROLPLANE_READY.ceType())
        .isEqualTo("dev.tenantplatform.cluster.controlplane.ready.v1");
    assertThat(EventType.REQUESTED_CE_TYPE).isEqualTo("dev.tenantplatform.tenant.requested.v1");
    assertThat(EventType.TENANT_READY).hasToString("tenant.ready");
  }

  @Test
  void everyTypeIsFoundByItsNameAndByItsCloudEventType() {
    for (EventType type : EventType.values()) {
      assertThat(EventType.byName(type.eventName())).contains(type);
      assertThat(EventType.byCeType(type.ceType())).contains(type);
    }
    assertThat(EventType.byName("tenant.exploded")).isEmpty();
    assertThat(EventType.byName(null)).isEmpty();
    assertThat(EventType.byCeType(EventType.REQUESTED_CE_TYPE)).isEmpty();
    assertThat(EventType.byCeType("tenant.ready")).as("the bare name is not a CloudEvent type").isEmpty();
  }

  @Test
  void aRecoveryIsATenantReadyWithRecoveredAndItsOwnKeys() {
    var recovery = EventData.recovered(java.time.Duration.ofSeconds(42));

    assertThat(EventType.TENANT_READY.isRecovery(recovery)).isTrue();
    assertThat(EventType.TENANT_READY.missingKeys(recovery)).isEmpty();
    assertThat(EventType.CLUSTER_DEGRADED.isRecovery(recovery)).isFalse();
    assertThat(EventType.TENANT_READY.missingKeys(JsonNodeFactory.instance.objectNode().put("recovered", true)))
        .containsExactly("degradedSeconds");
    assertThat(EventType.TENANT_READY.missingKeys(JsonNodeFactory.instance.objectNode()))
        .containsExactly("controlPlaneReadySeconds", "provisionedSeconds", "readySeconds");
  }

  @Test
  void theSampleDataOfEveryTypeHasItsRequiredKeys() {
    for (EventType type : EventType.values()) {
      assertThat(type.missingKeys(EventSamples.dataOf(type))).as(type.eventName()).isEmpty();
    }
  }
}
