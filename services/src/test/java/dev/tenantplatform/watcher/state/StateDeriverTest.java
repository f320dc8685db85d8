package dev.tenantplatform.watcher.state;

import static dev.tenantplatform.watcher.state.Fixtures.ACME;
import static dev.tenantplatform.watcher.state.Fixtures.T0;
import static dev.tenantplatform.watcher.state.Fixtures.applied;
import static dev.tenantplatform.watcher.state.Fixtures.logged;
import static dev.tenantplatform.watcher.state.Fixtures.ready;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tenantplatform.events.Action;
import dev.tenantplatform.events.ClusterSpec;
import dev.tenantplatform.events.EventType;
import dev.tenantplatform.events.TenantPhase;
import dev.tenantplatform.support.TenantRecord;
import dev.tenantplatform.support.TenantRecord.Lifecycle;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The states of SPEC.md, from what the controllers report and what the chain holds. */
class StateDeriverTest {

  private static final StateConfig CONFIG = new StateConfig(Duration.ofMinutes(10), Duration.ofMinutes(1));
  private static final Instant NOW = T0.plusSeconds(30);

  @Test
  void anAcceptedTenantWithoutObjectsIsRequestedAndOnceAppliedProvisioning() {
    TenantObservation nothing = TenantObservation.empty(ACME);

    assertThat(derive(nothing, logged()).phase()).isEqualTo(TenantPhase.REQUESTED);
    assertThat(derive(nothing, logged(EventType.CLUSTER_APPLIED)).phase()).isEqualTo(TenantPhase.PROVISIONING);
    assertThat(derive(applied(), logged()).phase()).isEqualTo(TenantPhase.PROVISIONING);
  }

  @Test
  void theClusterCanBeProvisionedBeforeTheControlPlaneIsReady() {
    TenantObservation provisioned = applied()
        .withCluster(new ClusterView("Provisioned", false, "172.18.0.2", 31443, "calico"))
        .withControlPlane(Fixtures.controlPlane(0, 3, false));

    TenantState state = derive(provisioned, logged(EventType.CLUSTER_APPLIED));

    assertThat(state.phase()).isEqualTo(TenantPhase.PROVISIONED);
    assertThat(state.check(CheckName.CLUSTER_PROVISIONED).passed()).isTrue();
    assertThat(state.check(CheckName.CONTROL_PLANE_AVAILABLE).passed()).isFalse();
  }

  @Test
  void theControlPlaneCanBeReadyBeforeTheClusterIsProvisioned() {
    TenantObservation controlPlaneFirst = applied().withControlPlane(Fixtures.controlPlane(3, 3, true));

    assertThat(derive(controlPlaneFirst, logged(EventType.CLUSTER_APPLIED)).phase())
        .isEqualTo(TenantPhase.CONTROL_PLANE_READY);
  }

  @Test
  void readyNeedsEveryCheckNotJustProvisionedAndTheControlPlane() {
    TenantObservation nodesNotReady = ready().withMachine("acme-md-0-abcde-fghij", Fixtures.machine(false));

    assertThat(derive(nodesNotReady, logged()).phase()).isEqualTo(TenantPhase.CONTROL_PLANE_READY);
    assertThat(derive(ready(), logged()).phase()).isEqualTo(TenantPhase.READY);
  }

  @Test
  void aTenantWithoutProgressForTheConfiguredTimeIsDegradedWithTheFirstFailingCheckAsReason() {
    TenantObservation stuck = ready().withControlPlane(Fixtures.controlPlane(1, 3, false)).withKubeconfig(true);
    TenantState first = StateDeriver.derive(stuck, logged(), null, T0, CONFIG);

    TenantState nineMinutes = StateDeriver.derive(stuck, logged(), first, T0.plus(Duration.ofMinutes(9)), CONFIG);
    TenantState tenMinutes = StateDeriver.derive(stuck, logged(), nineMinutes, T0.plus(Duration.ofMinutes(10)),
        CONFIG);

    assertThat(nineMinutes.phase()).isNotEqualTo(TenantPhase.DEGRADED);
    assertThat(nineMinutes.degradesAt()).as("when to look again").isEqualTo(T0.plus(Duration.ofMinutes(10)));
    assertThat(tenMinutes.phase()).isEqualTo(TenantPhase.DEGRADED);
    assertThat(tenMinutes.degradesAt()).isNull();
    assertThat(tenMinutes.reason()).isEqualTo(
        "control plane 1/3 ready for 10m (Available False: KubeSystemNamespaceNotAccessible)");
    assertThat(tenMinutes.stage()).isEqualTo("control-plane");
  }

  @Test
  void anyProgressRestartsTheWait() {
    TenantState oneReady = StateDeriver.derive(ready().withControlPlane(Fixtures.controlPlane(1, 3, false)),
        logged(), null, T0, CONFIG);

    TenantState twoReady = StateDeriver.derive(ready().withControlPlane(Fixtures.controlPlane(2, 3, false)),
        logged(), oneReady, T0.plus(Duration.ofMinutes(9)), CONFIG);
    TenantState later = StateDeriver.derive(ready().withControlPlane(Fixtures.controlPlane(2, 3, false)),
        logged(), twoReady, T0.plus(Duration.ofMinutes(15)), CONFIG);

    assertThat(twoReady.progressAt()).isEqualTo(T0.plus(Duration.ofMinutes(9)));
    assertThat(later.phase()).isNotEqualTo(TenantPhase.DEGRADED);
  }

  @Test
  void aDegradedTenantInTheChainStaysDegradedUntilReadyEvenAfterARestart() {
    TenantRecord degraded = logged(ClusterSpec.DEFAULTS, Fixtures.degradedSince(Fixtures.progress(Fixtures.CREATE,
        Action.CREATE, List.of(), EventType.CLUSTER_APPLIED), T0.plusSeconds(600)));
    TenantObservation stuck = ready().withControlPlane(Fixtures.controlPlane(2, 3, false));

    assertThat(derive(stuck, degraded).phase()).isEqualTo(TenantPhase.DEGRADED);
    assertThat(derive(ready(), degraded).phase()).isEqualTo(TenantPhase.READY);
  }

  @Test
  void aReadyTenantThatFallsBackIsDegradedAfterTheGrace() {
    TenantRecord wasReady = logged(EventType.CLUSTER_APPLIED, EventType.TENANT_READY);
    TenantObservation fellBack = ready().withControlPlane(Fixtures.controlPlane(2, 3, true));
    TenantState fall = StateDeriver.derive(fellBack, wasReady, derive(ready(), wasReady), NOW, CONFIG);

    TenantState afterGrace = StateDeriver.derive(fellBack, wasReady, fall, NOW.plus(Duration.ofMinutes(1)), CONFIG);

    assertThat(fall.phase()).as("within the grace").isEqualTo(TenantPhase.PROVISIONED);
    assertThat(afterGrace.phase()).isEqualTo(TenantPhase.DEGRADED);
    assertThat(afterGrace.reason()).isEqualTo("control plane 2/3 ready for 1m");
    TenantState immediately = StateDeriver.derive(fellBack, wasReady, null, NOW,
        new StateConfig(Duration.ofMinutes(10), Duration.ZERO));
    assertThat(immediately.phase()).isEqualTo(TenantPhase.DEGRADED);
  }

  @Test
  void aFailedMachineFailsTheTenantWithTheControllersMessage() {
    TenantObservation failed = ready().withMachine("acme-md-0-abcde-fghij", new MachineView("Failed", false,
        "v1.32.8", "failed to create the worker container"));

    TenantState state = derive(failed, logged());

    assertThat(state.phase()).isEqualTo(TenantPhase.FAILED);
    assertThat(state.reason()).isEqualTo("Machine acme-md-0-abcde-fghij failed: failed to create the worker container");
    assertThat(state.stage()).isEqualTo("workers");
  }

  @Test
  void aRequestWhoseApplyFailedIsFailedUntilTheTenantIsReady() {
    TenantRecord applyFailed = logged(EventType.CLUSTER_FAILED);

    assertThat(derive(applied(), applyFailed).phase()).isEqualTo(TenantPhase.FAILED);
    assertThat(derive(ready(), applyFailed).phase()).isEqualTo(TenantPhase.READY);
  }

  @Test
  void anAcceptedUpdateIsUpdatingUntilItHasRolledOut() {
    ClusterSpec fourWorkers = ClusterSpec.DEFAULTS.withWorkers(4);
    TenantRecord update = logged(fourWorkers, Fixtures.progress("req-update", Action.UPDATE, List.of("workers")));
    update = withReached(update);
    TenantObservation scaling = ready().withMachineDeployment(new MachineDeploymentView(4, "v1.32.8", 2))
        .withMachine("acme-md-0-abcde-pqrst", new MachineView("Provisioned", false, "v1.32.8", null));
    TenantObservation scaled = scaling.withMachine("acme-md-0-abcde-pqrst", Fixtures.machine(true))
        .withMachine("acme-md-0-abcde-uvwxy", Fixtures.machine(true));

    TenantState updating = derive(scaling, update);

    assertThat(updating.phase()).isEqualTo(TenantPhase.UPDATING);
    assertThat(updating.reason()).isEqualTo("3 of 4 worker machines");
    assertThat(derive(scaled, update).phase()).isEqualTo(TenantPhase.READY);
  }

  @Test
  void anUpdateThatStallsIsDegradedOnlyAfterTheProgressTimeNotTheGrace() {
    TenantRecord update = withReached(logged(ClusterSpec.DEFAULTS.withControlPlaneReplicas(5),
        Fixtures.progress("req-update", Action.UPDATE, List.of("controlPlaneReplicas"))));
    TenantObservation stuck = ready().withControlPlane(new ControlPlaneView(5, Fixtures.VERSION, true, 4, 3, 3,
        Fixtures.VERSION, true, new ConditionView("True", "Available", null)));
    TenantState first = StateDeriver.derive(stuck, update, null, T0, CONFIG);

    TenantState fiveMinutes = StateDeriver.derive(stuck, update, first, T0.plus(Duration.ofMinutes(5)), CONFIG);
    TenantState tenMinutes = StateDeriver.derive(stuck, update, fiveMinutes, T0.plus(Duration.ofMinutes(10)), CONFIG);

    assertThat(fiveMinutes.phase()).isEqualTo(TenantPhase.UPDATING);
    assertThat(tenMinutes.phase()).isEqualTo(TenantPhase.DEGRADED);
    assertThat(tenMinutes.reason()).startsWith("control plane 3/5 ready for 10m");
  }

  @Test
  void aDeleteInTheChainOrADeletionTimestampMeansDeletingAndTheChainSaysWhenDeleted() {
    TenantObservation deletionStarted = ready().withCluster(new ClusterView("Deleting", true, "172.18.0.2", 31443,
        "calico"));

    assertThat(derive(deletionStarted, logged()).phase()).isEqualTo(TenantPhase.DELETING);
    assertThat(derive(ready(), Fixtures.withLifecycle(logged(), Lifecycle.DELETING)).phase())
        .isEqualTo(TenantPhase.DELETING);
    assertThat(derive(TenantObservation.empty(ACME), Fixtures.withLifecycle(logged(), Lifecycle.DELETED)).phase())
        .isEqualTo(TenantPhase.DELETED);
  }

  /** The create's milestones, reached before the update. */
  private static TenantRecord withReached(TenantRecord update) {
    var p = update.progress();
    var reached = new java.util.HashMap<>(p.reached());
    for (EventType type : List.of(EventType.CLUSTER_APPLIED, EventType.CLUSTER_PROVISIONED,
        EventType.CLUSTER_CONTROLPLANE_READY, EventType.CLUSTER_CNI_APPLIED, EventType.CLUSTER_WORKERS_READY,
        EventType.TENANT_READY)) {
      reached.put(type, T0);
    }
    return logged(update.spec(), new TenantRecord.Progress(p.requestId(), p.action(), p.acceptedAt(), p.changed(),
        p.createdAt(), reached, p.sinceRequest(), 0, null));
  }

  private static TenantState derive(TenantObservation observation, TenantRecord record) {
    return StateDeriver.derive(observation, record, null, NOW, CONFIG);
  }
}
