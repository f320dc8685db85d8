package dev.tenantplatform.ledger;

import static dev.tenantplatform.ledger.TestEvents.ALICE;
import static dev.tenantplatform.ledger.TestEvents.T0;
import static dev.tenantplatform.ledger.TestEvents.accepted;
import static dev.tenantplatform.ledger.TestEvents.applied;
import static dev.tenantplatform.ledger.TestEvents.create;
import static dev.tenantplatform.ledger.TestEvents.sealFromGenesis;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tenantplatform.events.Action;
import dev.tenantplatform.events.ClusterSpec;
import dev.tenantplatform.events.EventData;
import dev.tenantplatform.events.EventType;
import dev.tenantplatform.events.TenantEvent;
import dev.tenantplatform.events.TenantRequest;
import dev.tenantplatform.support.TenantRecord.Progress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProgressFoldTest {

  private static final String ACME = "acme";
  private final TenantRequest create = create(ACME, ClusterSpec.UNCHANGED);

  @Test
  void aTenantNeverAcceptedHasNoProgress() {
    assertThat(LedgerFold.fold(ACME, sealFromGenesis(List.of(TestEvents.rejected(ACME, "r-1")))).progress())
        .isEqualTo(Progress.NONE);
  }

  @Test
  void theAcceptedCreateIsTheCurrentRequestAndTheStartOfEveryDuration() {
    Progress progress = fold(accepted(create, ClusterSpec.DEFAULTS), applied(ACME, create.requestId()),
        event(EventType.CLUSTER_CONTROLPLANE_READY, create.requestId(), 30, EventData.controlPlaneReady(3, 3, null)));

    assertThat(progress.requestId()).isEqualTo(create.requestId());
    assertThat(progress.action()).isEqualTo(Action.CREATE);
    assertThat(progress.createdAt()).isEqualTo(T0);
    assertThat(progress.reached()).containsEntry(EventType.CLUSTER_CONTROLPLANE_READY, T0.plusSeconds(30))
        .containsKey(EventType.CLUSTER_APPLIED);
    assertThat(progress.sinceRequest()).containsExactlyInAnyOrder(EventType.CLUSTER_APPLIED,
        EventType.CLUSTER_CONTROLPLANE_READY);
  }

  @Test
  void anUpdateIsANewRequestWithItsChangedFieldsButKeepsWhatTheTenantReachedBefore() {
    TenantRequest update = TenantRequest.update(ACME, ALICE, ClusterSpec.UNCHANGED.withWorkers(4));
    Progress progress = fold(accepted(create, ClusterSpec.DEFAULTS),
        event(EventType.TENANT_READY, create.requestId(), 60, EventData.ready(Duration.ofSeconds(20),
            Duration.ofSeconds(10), Duration.ofSeconds(60))),
        accepted(update, ClusterSpec.DEFAULTS.withWorkers(4)));

    assertThat(progress.requestId()).isEqualTo(update.requestId());
    assertThat(progress.action()).isEqualTo(Action.UPDATE);
    assertThat(progress.changed()).containsExactly("workers");
    assertThat(progress.createdAt()).isEqualTo(T0);
    assertThat(progress.reached(EventType.TENANT_READY)).isTrue();
    assertThat(progress.sinceRequest()).isEmpty();
  }

  @Test
  void aDegradedTenantStaysDegradedUntilTenantReadyAndEachEpisodeIsCounted() {
    String id = create.requestId();
    List<TenantEvent> events = new ArrayList<>(List.of(accepted(create, ClusterSpec.DEFAULTS),
        event(EventType.CLUSTER_DEGRADED, id, 600, EventData.degraded("control plane 1/3 ready for 10m", null))));
    Progress degraded = fold(events.toArray(TenantEvent[]::new));
    events.add(event(EventType.TENANT_READY, id, 700, EventData.recovered(Duration.ofSeconds(100))));
    Progress recovered = fold(events.toArray(TenantEvent[]::new));
    events.add(event(EventType.CLUSTER_DEGRADED, id, 800, EventData.degraded("workers 1/2 ready for 10m", null)));
    Progress again = fold(events.toArray(TenantEvent[]::new));

    assertThat(degraded.degraded()).isTrue();
    assertThat(degraded.degradedSince()).isEqualTo(T0.plusSeconds(600));
    assertThat(recovered.degraded()).isFalse();
    assertThat(again.degradedSince()).isEqualTo(T0.plusSeconds(800));
    assertThat(again.degradedEpisodes()).isEqualTo(2);
  }

  @Test
  void aNewCreateAfterADeletionStartsANewLife() {
    TenantRequest delete = TenantRequest.delete(ACME, ALICE);
    TenantRequest again = create(ACME, ClusterSpec.UNCHANGED);
    Progress progress = fold(accepted(create, ClusterSpec.DEFAULTS),
        event(EventType.CLUSTER_DEGRADED, create.requestId(), 600, EventData.degraded("stuck", null)),
        accepted(delete, null), TestEvents.deleting(ACME, delete.requestId()),
        TestEvents.deleted(ACME, delete.requestId()),
        withTime(accepted(again, ClusterSpec.DEFAULTS), 900));

    assertThat(progress.requestId()).isEqualTo(again.requestId());
    assertThat(progress.createdAt()).isEqualTo(T0.plusSeconds(900));
    assertThat(progress.reached()).isEmpty();
    assertThat(progress.degraded()).isFalse();
    assertThat(progress.degradedEpisodes()).isZero();
  }

  @Test
  void eventsOfAnEarlierRequestCountForTheLifeButNotForTheCurrentRequest() {
    TenantRequest update = TenantRequest.update(ACME, ALICE, ClusterSpec.UNCHANGED.withWorkers(4));
    Progress progress = fold(accepted(create, ClusterSpec.DEFAULTS), accepted(update,
        ClusterSpec.DEFAULTS.withWorkers(4)), applied(ACME, create.requestId()));

    assertThat(progress.reached(EventType.CLUSTER_APPLIED)).isTrue();
    assertThat(progress.sinceRequest(EventType.CLUSTER_APPLIED)).isFalse();
  }

  private static Progress fold(TenantEvent... events) {
    return LedgerFold.fold(ACME, sealFromGenesis(List.of(events))).progress();
  }

  private static TenantEvent event(EventType type, String requestId, long seconds,
      ObjectNode data) {
    return TenantEvent.unsealed(type, ACME, requestId, T0.plusSeconds(seconds), data);
  }

  private static TenantEvent withTime(TenantEvent event, long seconds) {
    return TenantEvent.unsealed(event.type(), event.tenant(), event.requestId(), T0.plusSeconds(seconds),
        event.data());
  }
}
