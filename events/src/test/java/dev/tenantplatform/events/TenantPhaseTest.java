package dev.tenantplatform.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TenantPhaseTest {

  private static List<TenantPhase> fold(TenantPhase start, EventType... types) {
    List<TenantPhase> seen = new ArrayList<>();
    TenantPhase state = start;
    for (EventType type : types) {
      state = TenantPhase.after(state, type, type == EventType.TENANT_ACCEPTED ? "create" : null);
      seen.add(state);
    }
    return seen;
  }

  @Test
  void aCreateComesUpThroughTheMilestonesInEitherOrderToReady() {
    assertThat(fold(null, EventType.TENANT_ACCEPTED, EventType.CLUSTER_APPLIED, EventType.CLUSTER_PROVISIONED,
        EventType.CLUSTER_CONTROLPLANE_READY, EventType.CLUSTER_WORKERS_READY, EventType.TENANT_READY))
        .containsExactly(TenantPhase.REQUESTED, TenantPhase.PROVISIONING, TenantPhase.PROVISIONED,
            TenantPhase.CONTROL_PLANE_READY, TenantPhase.CONTROL_PLANE_READY, TenantPhase.READY);
  }

  @Test
  void aMilestoneReportedAgainAfterReadyDoesNotTakeTheTenantBack() {
    assertThat(fold(TenantPhase.READY, EventType.CLUSTER_PROVISIONED, EventType.CLUSTER_CONTROLPLANE_READY))
        .containsOnly(TenantPhase.READY);
  }

  @Test
  void anUpdateOfATenantNeverCreatedOrDeletedLeavesItAsItWas() {
    assertThat(TenantPhase.after(null, EventType.TENANT_ACCEPTED, "update")).isNull();
    assertThat(TenantPhase.after(TenantPhase.DELETED, EventType.TENANT_ACCEPTED, "update"))
        .isEqualTo(TenantPhase.DELETED);
    assertThat(TenantPhase.after(TenantPhase.READY, EventType.TENANT_ACCEPTED, "update"))
        .isEqualTo(TenantPhase.UPDATING);
    assertThat(TenantPhase.after(TenantPhase.UPDATING, EventType.TENANT_UPDATED, null)).isEqualTo(TenantPhase.READY);
  }

  @Test
  void aDegradedTenantIsProvisionedAgainWhenItsObjectsAreReapplied() {
    assertThat(TenantPhase.after(TenantPhase.DEGRADED, EventType.CLUSTER_APPLIED, null))
        .isEqualTo(TenantPhase.PROVISIONING);
  }

  @Test
  void aStateIsFoundByItsContractSpellingInAnyCase() {
    assertThat(TenantPhase.byLabel("controlplaneready")).isEqualTo(TenantPhase.CONTROL_PLANE_READY);
    assertThat(TenantPhase.CONTROL_PLANE_READY).hasToString("ControlPlaneReady");
    assertThat(TenantPhase.byLabel("Running")).isNull();
  }
}
