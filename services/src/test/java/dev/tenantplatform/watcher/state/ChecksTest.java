package dev.tenantplatform.watcher.state;

import static dev.tenantplatform.watcher.state.Fixtures.ACME;
import static dev.tenantplatform.watcher.state.Fixtures.T0;
import static dev.tenantplatform.watcher.state.Fixtures.logged;
import static dev.tenantplatform.watcher.state.Fixtures.ready;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tenantplatform.events.EventType;
import dev.tenantplatform.events.TenantPhase;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** The seed's Action 10 checks, one by one, against what the objects say. */
class ChecksTest {

  @Test
  void aTenantWhoseObjectsAreAllUpPassesEveryCheck() {
    TenantState state = derive(ready());

    assertThat(state.checks()).extracting(Check::name).containsExactly(CheckName.values());
    assertThat(state.checks()).allSatisfy(check -> assertThat(check.passed()).as(check.detail()).isTrue());
    assertThat(state.check(CheckName.CONTROL_PLANE_AVAILABLE).detail()).isEqualTo("control plane 3/3 ready, Available");
    assertThat(state.check(CheckName.CONTROL_PLANE_PODS_RUNNING).detail())
        .isEqualTo("3/3 k0s and 3/3 etcd pods Running");
    assertThat(state.check(CheckName.WORKERS_READY).detail()).isEqualTo("workers 2/2 Running and Ready");
    assertThat(state.phase()).isEqualTo(TenantPhase.READY);
  }

  static Stream<Arguments> oneThingBroken() {
    return Stream.of(
        broken(CheckName.CLUSTER_EXISTS, o -> o.withCluster(null), "Cluster acme in tenant-acme does not exist",
            CheckName.CLUSTER_PROVISIONED, CheckName.CNI_LABEL),
        broken(CheckName.CLUSTER_PROVISIONED, o -> o.withCluster(new ClusterView("Provisioning", false, null, 0,
            "calico")), "Cluster phase Provisioning"),
        broken(CheckName.CONTROL_PLANE_AVAILABLE, o -> o.withControlPlane(Fixtures.controlPlane(1, 3, false)),
            "control plane 1/3 ready (Available False: KubeSystemNamespaceNotAccessible)"),
        broken(CheckName.CONTROL_PLANE_PODS_RUNNING, o -> o.withPod("kmc-acme-etcd-2", new PodView(true, "Pending",
            false)), "3/3 k0s and 2/3 etcd pods Running (kmc-acme-etcd-2 Pending)"),
        broken(CheckName.WORKERS_READY, o -> o.withMachine("acme-md-0-abcde-fghij", new MachineView("Provisioned",
            false, "v1.32.8", "NodeReady: Waiting for a Node")),
            "workers 1/2 Running and Ready (acme-md-0-abcde-fghij Provisioned: NodeReady: Waiting for a Node)"),
        broken(CheckName.CNI_LABEL, o -> o.withCluster(new ClusterView("Provisioned", false, "172.18.0.2", 31443,
            null)), "Cluster not labelled cni=calico"),
        broken(CheckName.CNI_APPLIED, o -> o.withBinding(new BindingView(false)),
            "Calico not applied (ClusterResourceSetBinding acme shows ConfigMap calico not applied)"),
        broken(CheckName.KUBECONFIG, o -> o.withKubeconfig(false), "Secret acme-kubeconfig does not exist"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("oneThingBroken")
  void aTenantFailingOneCheckFailsThatCheckAloneWithWhatTheObjectsSay(CheckName check,
      UnaryOperator<TenantObservation> breakIt, String detail, List<CheckName> alsoFailing) {
    TenantState state = derive(breakIt.apply(ready()));

    List<CheckName> failing = new ArrayList<>(alsoFailing);
    failing.add(check);
    assertThat(state.checks()).filteredOn(c -> !c.passed()).extracting(Check::name)
        .containsExactlyInAnyOrderElementsOf(failing);
    assertThat(state.check(check).detail()).isEqualTo(detail);
    assertThat(state.phase()).isNotEqualTo(TenantPhase.READY);
  }

  @Test
  void theControlPlaneIsNotReadyWhileAvailableButNotEveryReplicaIsReady() {
    TenantState state = derive(ready().withControlPlane(Fixtures.controlPlane(2, 3, true)));

    Check check = state.check(CheckName.CONTROL_PLANE_AVAILABLE);
    assertThat(check.passed()).isFalse();
    assertThat(check.fact()).isEqualTo("control plane 2/3 ready");
  }

  @Test
  void theControlPlaneIsNotReadyWhileFewerPodsExistThanItsSpecAsksFor() {
    ControlPlaneView oneOfThree = new ControlPlaneView(3, Fixtures.VERSION, true, 1, 1, 1, Fixtures.VERSION, true,
        new ConditionView("True", "Available", null));

    Check check = derive(ready().withControlPlane(oneOfThree)).check(CheckName.CONTROL_PLANE_AVAILABLE);

    assertThat(check.passed()).isFalse();
    assertThat(check.detail()).isEqualTo("control plane 1/3 ready (1 of 3 pods exist)");
  }

  @Test
  void runningMachinesAreNotYetReadyNodes() {
    TenantObservation running = ready().withMachine("acme-md-0-abcde-fghij", Fixtures.machine(false))
        .withMachine("acme-md-0-abcde-klmno", Fixtures.machine(false));

    Check check = derive(running).check(CheckName.WORKERS_READY);

    assertThat(check.passed()).isFalse();
    assertThat(check.detail()).isEqualTo("workers 0/2 Running and Ready (acme-md-0-abcde-fghij Running, not Ready:"
        + " NodeHealthy: container runtime network not ready: cni plugin not initialized)");
  }

  @Test
  void workersAreNotReadyWhileMachinesAreMissing() {
    Check check = derive(ready().withMachine("acme-md-0-abcde-klmno", null)).check(CheckName.WORKERS_READY);

    assertThat(check.passed()).isFalse();
    assertThat(check.detail()).isEqualTo("workers 1/2 Running and Ready (1 Machine(s) not created yet)");
  }

  @Test
  void calicoIsNotAppliedWhileTheBindingDoesNotExistYet() {
    Check check = derive(ready().withBinding(null)).check(CheckName.CNI_APPLIED);

    assertThat(check.passed()).isFalse();
    assertThat(check.cause()).isEqualTo("ClusterResourceSetBinding acme does not exist");
  }

  @Test
  void aSingleReplicaControlPlaneHasOneEtcdPodAndAnEvenCountIsRoundedUpToOdd() {
    assertThat(new ControlPlaneView(1, "v1.32.8", true, 1, 1, 1, "v1.32.8", true, null).expectedEtcdPods()).isOne();
    assertThat(new ControlPlaneView(4, "v1.32.8", true, 4, 4, 4, "v1.32.8", true, null).expectedEtcdPods())
        .isEqualTo(5);
    assertThat(new ControlPlaneView(3, "v1.32.8", false, 3, 3, 3, "v1.32.8", true, null).expectedEtcdPods())
        .isZero();
  }

  @Test
  void aTenantWithoutAnyObjectFailsEveryCheck() {
    TenantState state = derive(TenantObservation.empty(ACME));

    assertThat(state.checks()).noneMatch(Check::passed);
    assertThat(state.observation().pods()).isEqualTo(Map.of());
  }

  /** {@code check} broken; {@code alsoFailing} are the checks that cannot pass without it. */
  private static Arguments broken(CheckName check, UnaryOperator<TenantObservation> breakIt, String detail,
      CheckName... alsoFailing) {
    return Arguments.of(check, breakIt, detail, List.of(alsoFailing));
  }

  private static TenantState derive(TenantObservation observation) {
    return StateDeriver.derive(observation, logged(EventType.CLUSTER_APPLIED), null, T0.plusSeconds(30),
        StateConfig.DEFAULTS);
  }
}
