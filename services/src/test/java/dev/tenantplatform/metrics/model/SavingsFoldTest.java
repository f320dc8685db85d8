package dev.tenantplatform.metrics.model;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tenantplatform.events.ChainHead;
import dev.tenantplatform.events.ClusterSpec;
import dev.tenantplatform.events.EventData;
import dev.tenantplatform.events.EventType;
import dev.tenantplatform.events.HashChain;
import dev.tenantplatform.events.PodRequests;
import dev.tenantplatform.events.TenantEvent;
import dev.tenantplatform.events.TenantRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SavingsFoldTest {

  private static final Instant T0 = Instant.parse("2026-03-04T05:06:07.890Z");
  /** A generous plan: k0s 1 CPU / 1Gi and etcd 250m / 512Mi per pod, three of each. */
  private static final PodRequests K0S = new PodRequests(3, 3000, 3L << 30);
  private static final PodRequests ETCD = new PodRequests(3, 750, 3L * (512 << 20));

  private final SavingsModel model = new SavingsModel(SavingsConfig.defaults());

  /** A tenant's sealed events, one at a time. */
  private static final class Life {
    private final String tenant;
    private final List<TenantEvent> events = new ArrayList<>();
    private ChainHead head;

    Life(String tenant) {
      this.tenant = tenant;
      this.head = ChainHead.genesis(tenant);
    }

    Life add(EventType type, ObjectNode data) {
      TenantEvent sealed = HashChain.next(head, TenantEvent.unsealed(type, tenant, "req",
          T0.plusSeconds(events.size()), data));
      events.add(sealed);
      head = ChainHead.of(sealed);
      return this;
    }

    Life created(int workers) {
      return add(EventType.TENANT_ACCEPTED, EventData.accepted(TenantRequest.create(tenant, "ops",
          ClusterSpec.UNCHANGED), ClusterSpec.DEFAULTS.withWorkers(workers)));
    }

    Life controlPlaneReady(PodRequests k0s, PodRequests etcd) {
      return add(EventType.CLUSTER_CONTROLPLANE_READY, EventData.controlPlaneReady(3, 3, "v1.32.8+k0s.0", k0s,
          etcd));
    }

    Life ready(long controlPlaneMillis) {
      return add(EventType.TENANT_READY, EventData.ready(Duration.ofMillis(controlPlaneMillis),
          Duration.ofMillis(controlPlaneMillis), Duration.ofMillis(controlPlaneMillis + 30_000)));
    }

    List<TenantEvent> events() {
      return events;
    }
  }

  private static SavingsFold fold(Life... lives) {
    SavingsFold fold = new SavingsFold();
    for (Life life : lives) {
      life.events().forEach(fold::apply);
    }
    return fold;
  }

  @Test
  void aReadyTenantIsComparedOnWhatItsPodsRequestAndHowFastItBooted() {
    SavingsReport report = fold(new Life("acme").created(2).controlPlaneReady(K0S, ETCD).ready(22_500))
        .report(model);

    TenantSavings acme = report.tenants().get(0);
    assertThat(acme.counted()).isTrue();
    Comparison c = acme.comparison();
    assertThat(c.savedControlPlaneMachines()).isEqualTo(3);
    assertThat(c.hosted().controlPlanePods()).isEqualTo(6);
    // 2 workers of 2 vCPU, plus 3 * 1 + 3 * 0.25 cores requested.
    assertThat(c.hosted().cpu()).isEqualByComparingTo("7.750");
    assertThat(c.baseline().cpu()).isEqualByComparingTo("10.000");
    assertThat(c.hosted().bootSeconds()).isEqualByComparingTo("22.5");
    assertThat(c.ratio(Resource.BOOT_TIME)).isEqualByComparingTo("0.875");
    assertThat(c.savedCostPerMonthNet()).isLessThan(c.savedCostPerMonthGross());
  }

  @Test
  void aTenantWhosePodsRequestNothingIsUnknownNotASavingAtZeroCost() {
    SavingsReport report = fold(new Life("acme").created(2).controlPlaneReady(new PodRequests(3, 0, 0),
        new PodRequests(3, 0, 0))).report(model);

    TenantSavings acme = report.tenants().get(0);
    assertThat(acme.counted()).isFalse();
    assertThat(acme.unknown()).contains("request no CPU and no memory");
    assertThat(report.total().savedControlPlaneMachines()).isZero();
    assertThat(report.unknown()).isEqualTo(1);
  }

  @Test
  void aTenantWhoseControlPlaneIsNotReadyYetIsNotCountedAndSaysWhy() {
    SavingsReport report = fold(new Life("acme").created(2)).report(model);

    assertThat(report.tenants()).singleElement().satisfies(t -> assertThat(t.unknown())
        .startsWith("control plane not ready yet"));
  }

  @Test
  void aDeletedTenantLeavesTheReport() {
    Life gone = new Life("gone").created(2).controlPlaneReady(K0S, ETCD)
        .add(EventType.TENANT_DELETING, EventData.deleting("ops")).add(EventType.TENANT_DELETED, EventData.none());

    SavingsReport report = fold(gone, new Life("acme").created(2).controlPlaneReady(K0S, ETCD)).report(model);

    assertThat(report.tenants()).extracting(TenantSavings::tenant).containsExactly("acme");
    assertThat(report.total().savedControlPlaneMachines()).isEqualTo(3);
  }

  @Test
  void readingTheLogTwiceGivesTheSameReport() {
    Life acme = new Life("acme").created(2).controlPlaneReady(K0S, ETCD).ready(22_500);
    SavingsFold once = fold(acme);
    SavingsFold twice = fold(acme, acme);

    assertThat(twice.report(model)).isEqualTo(once.report(model));
  }

  @Test
  void scaledWorkersAreCountedOnBothSides() {
    Life acme = new Life("acme").created(2).controlPlaneReady(K0S, ETCD)
        .add(EventType.TENANT_UPDATED, EventData.updated(ClusterSpec.DEFAULTS.withWorkers(5), List.of("workers")));

    Comparison c = fold(acme).report(model).total();

    assertThat(c.baseline().machines()).isEqualTo(8);
    assertThat(c.hosted().machines()).isEqualTo(5);
  }

  @Test
  void aReplicaChangeScalesTheMeasuredRequestsToTheNewNumberOfPods() {
    Life acme = new Life("acme").created(2).controlPlaneReady(K0S, ETCD)
        .add(EventType.TENANT_UPDATED, EventData.updated(ClusterSpec.DEFAULTS.withControlPlaneReplicas(5),
            List.of("controlPlaneReplicas")));

    Comparison c = fold(acme).report(model).total();

    assertThat(c.hosted().controlPlanePods()).isEqualTo(10);
    // 5 * (1 + 0.25) cores requested, plus 2 workers of 2 vCPU.
    assertThat(c.hosted().cpu()).isEqualByComparingTo("10.250");
  }

  @Test
  void totalsSumTheTenantsAndAverageTheirBootTimes() {
    SavingsReport report = fold(new Life("a").created(2).controlPlaneReady(K0S, ETCD).ready(20_000),
        new Life("b").created(4).controlPlaneReady(K0S, ETCD).ready(40_000)).report(model);

    assertThat(report.total().savedControlPlaneMachines()).isEqualTo(6);
    assertThat(report.total().baseline().workerMachines()).isEqualTo(6);
    assertThat(report.total().hosted().bootSeconds()).isEqualByComparingTo("30");
    // Rounded once, on the exact sum: 6 machines * 0.0416 * 730 h = 182.208; each tenant shows 91.10.
    assertThat(report.tenants().get(0).comparison().savedCostPerMonthGross()).isEqualByComparingTo("91.10");
    assertThat(report.total().savedCostPerMonthGross()).isEqualByComparingTo("182.21");
  }
}
