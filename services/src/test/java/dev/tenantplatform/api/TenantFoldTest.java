package dev.tenantplatform.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tenantplatform.events.ClusterSpec;
import dev.tenantplatform.events.EventData;
import dev.tenantplatform.events.EventType;
import dev.tenantplatform.events.TenantEvent;
import dev.tenantplatform.events.TenantPhase;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the API shows of a tenant after each of its events. */
class TenantFoldTest {

  @Test
  void aTenantComesUpThroughItsStatesInTheOrderItsEventsTellThem() {
    Chain chain = new Chain("acme").created(ClusterSpec.DEFAULTS).ready();
    List<TenantPhase> states = new ArrayList<>();
    TenantSnapshot s = TenantSnapshot.unknown("acme");
    for (TenantEvent event : chain.events()) {
      s = TenantFold.apply(s, event);
      states.add(s.state());
    }
    assertThat(states).containsExactly(TenantPhase.REQUESTED, TenantPhase.PROVISIONING, TenantPhase.PROVISIONED,
        TenantPhase.CONTROL_PLANE_READY, TenantPhase.CONTROL_PLANE_READY, TenantPhase.CONTROL_PLANE_READY,
        TenantPhase.READY);
    assertThat(s.checks()).isEqualTo(new TenantSnapshot.Checks(true, true, true, true, "2/2"));
    assertThat(s.durations().readySeconds()).isEqualByComparingTo(new BigDecimal("61.234"));
    assertThat(s.cluster()).isEqualTo(ClusterSpec.DEFAULTS);
    assertThat(s.requestedBy()).isEqualTo("ops");
    assertThat(s.sequence()).isEqualTo(7);
  }

  @Test
  void anUpdateIsUpdatingUntilTheClusterReflectsItAndTheSpecIsTheAcceptedOne() {
    ClusterSpec scaled = ClusterSpec.DEFAULTS.withWorkers(5);
    Chain chain = new Chain("acme").created(ClusterSpec.DEFAULTS).ready().updated(scaled);
    TenantSnapshot s = fold(chain.events());
    assertThat(s.state()).isEqualTo(TenantPhase.UPDATING);
    assertThat(s.cluster().workers()).isEqualTo(5);

    chain.add(EventType.TENANT_UPDATED, EventData.updated(scaled, List.of("workers")));
    assertThat(fold(chain.events()).state()).isEqualTo(TenantPhase.READY);
  }

  @Test
  void degradedAndFailedCarryTheirReasonAndARecoveryClearsIt() {
    Chain chain = new Chain("acme").created(ClusterSpec.DEFAULTS)
        .add(EventType.CLUSTER_DEGRADED, EventData.degraded("control plane 1/3 ready for 10m", "controlPlane"));
    TenantSnapshot degraded = fold(chain.events());
    assertThat(degraded.state()).isEqualTo(TenantPhase.DEGRADED);
    assertThat(degraded.reason()).isEqualTo("control plane 1/3 ready for 10m");
    assertThat(degraded.stage()).isEqualTo("controlPlane");

    chain.add(EventType.TENANT_READY, EventData.recovered(Duration.ofMinutes(3)));
    TenantSnapshot recovered = fold(chain.events());
    assertThat(recovered.state()).isEqualTo(TenantPhase.READY);
    assertThat(recovered.reason()).isNull();
    assertThat(recovered.durations()).as("a recovery measures no provisioning").isNull();
  }

  @Test
  void aTenantWithRejectionsOnlyDoesNotExistButKeepsTheReason() {
    TenantSnapshot s = fold(new Chain("acme").rejected("controlPlaneReplicas 2 is even").events());
    assertThat(s.exists()).isFalse();
    assertThat(s.lastRejection()).contains("controlPlaneReplicas 2 is even");
  }

  @Test
  void deletionEndsInDeletedAndACreateAfterItStartsOver() {
    Chain chain = new Chain("acme").created(ClusterSpec.DEFAULTS).ready()
        .add(EventType.TENANT_DELETING, EventData.deleting("ops"))
        .add(EventType.TENANT_DELETED, EventData.none());
    assertThat(fold(chain.events()).state()).isEqualTo(TenantPhase.DELETED);

    chain.created(ClusterSpec.DEFAULTS.withWorkers(1));
    TenantSnapshot again = fold(chain.events());
    assertThat(again.state()).isEqualTo(TenantPhase.PROVISIONING);
    assertThat(again.checks()).isEqualTo(TenantSnapshot.Checks.NONE);
    assertThat(again.cluster().workers()).isEqualTo(1);
  }

  @Test
  void anEventReadTwiceIsFoldedOnce() {
    List<TenantEvent> events = new Chain("acme").created(ClusterSpec.DEFAULTS).events();
    List<TenantEvent> twice = new ArrayList<>(events);
    twice.addAll(events);
    assertThat(fold(twice)).isEqualTo(fold(events));
  }

  @Test
  void theViewKeepsTheNewestEventsAndSaysWhereItsHistoryStarts() {
    TenantView view = new TenantView(3);
    new Chain("acme").created(ClusterSpec.DEFAULTS).ready().into(view);
    TenantView.EventPage page = view.events("acme", 0, 2);
    assertThat(page.firstKept()).isEqualTo(5);
    assertThat(page.events()).extracting(TenantEvent::sequence).containsExactly(5L, 6L);
    assertThat(page.more()).isTrue();
    assertThat(view.events("acme", 6, 2).events()).extracting(TenantEvent::sequence).containsExactly(7L);
  }

  private static TenantSnapshot fold(List<TenantEvent> events) {
    TenantSnapshot s = TenantSnapshot.unknown("acme");
    for (TenantEvent event : events) {
      s = TenantFold.apply(s, event);
    }
    return s;
  }
}
