package dev.tenantplatform.watcher.state;

import static dev.tenantplatform.watcher.state.Fixtures.CREATE;
import static dev.tenantplatform.watcher.state.Fixtures.T0;
import static dev.tenantplatform.watcher.state.Fixtures.applied;
import static dev.tenantplatform.watcher.state.Fixtures.logged;
import static dev.tenantplatform.watcher.state.Fixtures.ready;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tenantplatform.events.Action;
import dev.tenantplatform.events.ClusterSpec;
import dev.tenantplatform.events.EventType;
import dev.tenantplatform.events.TenantEvent;
import dev.tenantplatform.support.TenantRecord;
import dev.tenantplatform.support.TenantRecord.Lifecycle;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The lifecycle events a state calls for, given what the chain holds. */
class TransitionsTest {

  private static final StateConfig CONFIG = new StateConfig(Duration.ofMinutes(10), Duration.ZERO);
  private static final Instant NOW = T0.plusSeconds(75);

  @Test
  void aTenantSeenReadyAtOnceGetsEveryMilestoneInTheControllersOrderThenTenantReady() {
    List<Transition> transitions = transitions(ready(), logged(EventType.CLUSTER_APPLIED));

    assertThat(transitions).extracting(t -> t.event().type()).containsExactly(EventType.CLUSTER_PROVISIONED,
        EventType.CLUSTER_CONTROLPLANE_READY, EventType.CLUSTER_CNI_APPLIED, EventType.CLUSTER_WORKERS_READY,
        EventType.TENANT_READY);
    assertThat(transitions).allSatisfy(t -> {
      assertThat(t.event().requestId()).isEqualTo(CREATE);
      assertThat(t.event().time()).isEqualTo(NOW);
      assertThat(t.onceKey()).isEqualTo(CREATE + "/" + t.event().type().eventName());
    });
    TenantEvent provisioned = transitions.get(0).event();
    assertThat(provisioned.data().path("controlPlaneEndpoint").path("port").asInt()).isEqualTo(31443);
    TenantEvent controlPlane = transitions.get(1).event();
    assertThat(controlPlane.data().path("readyReplicas").asInt()).isEqualTo(3);
    assertThat(controlPlane.data().path("version").asText()).isEqualTo(Fixtures.VERSION);
    assertThat(transitions.get(3).event().data().path("readyWorkers").asInt()).isEqualTo(2);
  }

  @Test
  void controlPlaneReadyCarriesWhatTheK0sAndEtcdPodsRequestSummedPerComponent() {
    TenantObservation observed = ready();
    for (int i = 0; i < 3; i++) {
      observed = observed.withPod("kmc-acme-" + i, new PodView(false, "Running", true, 1000, 1L << 30))
          .withPod("kmc-acme-etcd-" + i, new PodView(true, "Running", true, 250, 512L << 20));
    }

    TenantEvent controlPlane = transitions(observed, logged(EventType.CLUSTER_APPLIED)).get(1).event();

    assertThat(controlPlane.type()).isEqualTo(EventType.CLUSTER_CONTROLPLANE_READY);
    assertThat(controlPlane.data().at("/resources/k0s").toString())
        .isEqualTo("{\"cpuMillis\":3000,\"memoryBytes\":3221225472,\"pods\":3}");
    assertThat(controlPlane.data().at("/resources/etcd").toString())
        .isEqualTo("{\"cpuMillis\":750,\"memoryBytes\":1610612736,\"pods\":3}");
  }

  @Test
  void tenantReadyCarriesTheDurationOfEachStageFromTheCreate() {
    TenantRecord halfway = logged(EventType.CLUSTER_APPLIED, EventType.CLUSTER_PROVISIONED,
        EventType.CLUSTER_CONTROLPLANE_READY);

    List<Transition> transitions = transitions(ready(), halfway);

    assertThat(transitions).extracting(t -> t.event().type()).containsExactly(EventType.CLUSTER_CNI_APPLIED,
        EventType.CLUSTER_WORKERS_READY, EventType.TENANT_READY);
    TenantEvent ready = transitions.get(2).event();
    assertThat(ready.data().path("provisionedSeconds").decimalValue()).isEqualByComparingTo(new BigDecimal("2"));
    assertThat(ready.data().path("controlPlaneReadySeconds").decimalValue()).isEqualByComparingTo(new BigDecimal("3"));
    assertThat(ready.data().path("readySeconds").decimalValue()).isEqualByComparingTo(new BigDecimal("75"));
  }

  @Test
  void whatTheChainHoldsIsNotEmittedAgain() {
    TenantRecord all = logged(EventType.CLUSTER_APPLIED, EventType.CLUSTER_PROVISIONED,
        EventType.CLUSTER_CONTROLPLANE_READY, EventType.CLUSTER_CNI_APPLIED, EventType.CLUSTER_WORKERS_READY,
        EventType.TENANT_READY);

    assertThat(transitions(ready(), all)).isEmpty();
  }

  @Test
  void aProvisionedClusterWithoutAReadyControlPlaneGetsOnlyClusterProvisioned() {
    TenantObservation provisioned = applied()
        .withCluster(new ClusterView("Provisioned", false, "172.18.0.2", 31443, "calico"))
        .withControlPlane(Fixtures.controlPlane(0, 3, false));

    assertThat(transitions(provisioned, logged(EventType.CLUSTER_APPLIED))).extracting(t -> t.event().type())
        .containsExactly(EventType.CLUSTER_PROVISIONED);
  }

  @Test
  void runningMachinesThatAreNotReadyNodesDoNotMakeTheWorkersReady() {
    TenantObservation notReady = ready().withBinding(new BindingView(false))
        .withMachine("acme-md-0-abcde-fghij", Fixtures.machine(false))
        .withMachine("acme-md-0-abcde-klmno", Fixtures.machine(false));

    assertThat(transitions(notReady, logged(EventType.CLUSTER_APPLIED))).extracting(t -> t.event().type())
        .containsExactly(EventType.CLUSTER_PROVISIONED, EventType.CLUSTER_CONTROLPLANE_READY);
  }

  @Test
  void aStallIsReportedOnceWithItsReasonAndItsEpisodeInTheKey() {
    TenantObservation stuck = applied()
        .withCluster(new ClusterView("Provisioned", false, "172.18.0.2", 31443, "calico"))
        .withControlPlane(Fixtures.controlPlane(1, 3, false));
    TenantRecord record = logged(EventType.CLUSTER_APPLIED, EventType.CLUSTER_PROVISIONED);
    TenantState first = StateDeriver.derive(stuck, record, null, T0, CONFIG);
    TenantState stalled = StateDeriver.derive(stuck, record, first, T0.plus(Duration.ofMinutes(10)), CONFIG);

    List<Transition> transitions = StateDeriver.transitions(record, stalled);

    assertThat(transitions).hasSize(1);
    TenantEvent degraded = transitions.get(0).event();
    assertThat(degraded.type()).isEqualTo(EventType.CLUSTER_DEGRADED);
    assertThat(degraded.data().path("reason").asText()).isEqualTo(
        "control plane 1/3 ready for 10m (Available False: KubeSystemNamespaceNotAccessible)");
    assertThat(degraded.data().path("stage").asText()).isEqualTo("control-plane");
    assertThat(transitions.get(0).onceKey()).isEqualTo(CREATE + "/cluster.degraded/1");
    TenantRecord logged = logged(ClusterSpec.DEFAULTS, Fixtures.degradedSince(record.progress(), T0));
    assertThat(StateDeriver.transitions(logged, StateDeriver.derive(stuck, logged, stalled,
        T0.plus(Duration.ofMinutes(20)), CONFIG))).isEmpty();
  }

  @Test
  void aDegradedTenantThatWasReadyRecoversWithTenantReadyMarkedRecovered() {
    TenantRecord wasReady = logged(EventType.CLUSTER_APPLIED, EventType.CLUSTER_PROVISIONED,
        EventType.CLUSTER_CONTROLPLANE_READY, EventType.CLUSTER_CNI_APPLIED, EventType.CLUSTER_WORKERS_READY,
        EventType.TENANT_READY);
    TenantRecord degraded = logged(ClusterSpec.DEFAULTS, Fixtures.degradedSince(wasReady.progress(),
        NOW.minusSeconds(45)));

    List<Transition> transitions = transitions(ready(), degraded);

    assertThat(transitions).hasSize(1);
    TenantEvent recovered = transitions.get(0).event();
    assertThat(recovered.type()).isEqualTo(EventType.TENANT_READY);
    assertThat(recovered.data().path("recovered").asBoolean()).isTrue();
    assertThat(recovered.data().path("degradedSeconds").decimalValue()).isEqualByComparingTo(new BigDecimal("45"));
    assertThat(transitions.get(0).onceKey()).isEqualTo(CREATE + "/tenant.ready/recovered/1");
  }

  @Test
  void aTenantDegradedBeforeItWasEverReadyGetsItsFirstTenantReadyWithDurations() {
    TenantRecord degraded = logged(ClusterSpec.DEFAULTS, Fixtures.degradedSince(Fixtures.progress(CREATE,
        Action.CREATE, List.of(), EventType.CLUSTER_APPLIED), T0.plusSeconds(60)));

    List<Transition> transitions = transitions(ready(), degraded);

    TenantEvent ready = transitions.get(transitions.size() - 1).event();
    assertThat(ready.type()).isEqualTo(EventType.TENANT_READY);
    assertThat(ready.data().has("recovered")).isFalse();
    assertThat(ready.data().has("readySeconds")).isTrue();
  }

  @Test
  void aFailedMachineIsReportedOncePerRequest() {
    TenantObservation failed = ready().withMachine("acme-md-0-abcde-fghij", new MachineView("Failed", false,
        "v1.32.8", "failed to create the worker container"));

    List<Transition> first = transitions(failed, logged(EventType.CLUSTER_APPLIED, EventType.CLUSTER_PROVISIONED,
        EventType.CLUSTER_CONTROLPLANE_READY, EventType.CLUSTER_CNI_APPLIED));
    List<Transition> again = transitions(failed, logged(EventType.CLUSTER_APPLIED, EventType.CLUSTER_PROVISIONED,
        EventType.CLUSTER_CONTROLPLANE_READY, EventType.CLUSTER_CNI_APPLIED, EventType.CLUSTER_FAILED));

    assertThat(first).extracting(t -> t.event().type()).containsExactly(EventType.CLUSTER_FAILED);
    assertThat(first.get(0).event().data().path("reason").asText())
        .isEqualTo("Machine acme-md-0-abcde-fghij failed: failed to create the worker container");
    assertThat(first.get(0).event().data().path("stage").asText()).isEqualTo("workers");
    assertThat(again).isEmpty();
  }

  @Test
  void anUpdateThatHasRolledOutIsAnnouncedOnceWithItsChangedFields() {
    ClusterSpec fourWorkers = ClusterSpec.DEFAULTS.withWorkers(4);
    TenantRecord.Progress update = Fixtures.progress("req-update", Action.UPDATE, List.of("workers"));
    TenantRecord record = logged(fourWorkers, new TenantRecord.Progress(update.requestId(), update.action(),
        update.acceptedAt(), update.changed(), update.createdAt(), logged(EventType.CLUSTER_APPLIED,
        EventType.CLUSTER_PROVISIONED, EventType.CLUSTER_CONTROLPLANE_READY, EventType.CLUSTER_CNI_APPLIED,
        EventType.CLUSTER_WORKERS_READY, EventType.TENANT_READY).progress().reached(),
        Set.of(EventType.CLUSTER_APPLIED), 0, null));
    TenantObservation scaled = ready().withMachineDeployment(new MachineDeploymentView(4, "v1.32.8", 4))
        .withMachine("acme-md-0-abcde-pqrst", Fixtures.machine(true))
        .withMachine("acme-md-0-abcde-uvwxy", Fixtures.machine(true));

    List<Transition> transitions = transitions(scaled, record);

    assertThat(transitions).extracting(t -> t.event().type()).containsExactly(EventType.TENANT_UPDATED);
    TenantEvent updated = transitions.get(0).event();
    assertThat(updated.requestId()).isEqualTo("req-update");
    assertThat(updated.data().path("changed")).extracting(n -> n.asText()).containsExactly("workers");
    assertThat(updated.data().path("cluster").path("workers").asInt()).isEqualTo(4);
  }

  @Test
  void aDeletingOrUnknownTenantGetsNoEventFromTheWatcher() {
    TenantRecord applied = logged(EventType.CLUSTER_APPLIED);

    assertThat(transitions(ready(), Fixtures.withLifecycle(applied, Lifecycle.DELETING))).isEmpty();
    assertThat(transitions(ready(), Fixtures.withLifecycle(applied, Lifecycle.NONE))).isEmpty();
    assertThat(transitions(ready(), logged(ClusterSpec.DEFAULTS, Fixtures.progress("req-delete", Action.DELETE,
        List.of(), EventType.CLUSTER_APPLIED)))).isEmpty();
  }

  @Test
  void nothingIsSaidWhileTheRequestsObjectsAreStillBeingApplied() {
    assertThat(transitions(ready(), logged())).isEmpty();
  }

  @Test
  void anUpdateIsNotAnnouncedBeforeItsObjectsAreApplied() {
    TenantRecord.Progress update = Fixtures.progress("req-update", Action.UPDATE, List.of("workers"));
    TenantRecord record = logged(ClusterSpec.DEFAULTS, new TenantRecord.Progress(update.requestId(),
        update.action(), update.acceptedAt(), update.changed(), update.createdAt(), logged(EventType.CLUSTER_APPLIED,
        EventType.TENANT_READY).progress().reached(), Set.of(), 0, null));

    assertThat(transitions(ready(), record)).extracting(t -> t.event().type())
        .doesNotContain(EventType.TENANT_UPDATED);
  }

  private static List<Transition> transitions(TenantObservation observed, TenantRecord record) {
    return StateDeriver.transitions(record, StateDeriver.derive(observed, record, null, NOW, CONFIG));
  }
}
