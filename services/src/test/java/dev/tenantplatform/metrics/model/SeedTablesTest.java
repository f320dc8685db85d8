package dev.tenantplatform.metrics.model;

import dev.tenantplatform.events.PodRequests;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The seed's own tables, computed by the model from the seed's own inputs: they come out exactly. Where the
 * seed's rounded claims do not follow from its inputs, the tests say what the inputs give.
 */
class SeedTablesTest {

  /** The seed's "Économies à l'échelle": t3.medium at $12 per instance-month, hosted control planes free. */
  private static final NodeShape SEED_T3_MEDIUM = NodeShape.pricedPerMonth("t3.medium", new BigDecimal("2"),
      4L << 30, new BigDecimal("12"));
  private static final HostedFootprint FREE_PODS = new HostedFootprint(PodRequests.NONE,
      PodRequests.NONE);

  /** Action 7: one control-plane machine against hosted pods, about 150 MB per machine, 3 min against 1 min. */
  private static final NodeShape SEED_DOCKER_MACHINE = new NodeShape("docker-container", BigDecimal.ONE,
      150_000_000L, BigDecimal.ZERO);

  /** k0smotron's 2026 benchmark: about 0.4 core and 210 MiB per hosted control plane with etcd. */
  private static final HostedFootprint BENCHMARK_PODS = new HostedFootprint(new PodRequests(1, 300, 150L << 20),
      new PodRequests(1, 100, 60L << 20));

  private static SavingsModel model(BaselineProfile profile, NodeShape node) {
    return new SavingsModel(SavingsConfig.defaults().withBaseline(profile.withNode(node))
        .withManagement(ManagementPrices.FREE, "the seed's figures"));
  }

  private static SavingsReport hundredClusters() {
    SavingsModel model = model(BaselineProfile.HA, SEED_T3_MEDIUM);
    List<TenantInputs> tenants = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      tenants.add(new TenantInputs("tenant-" + i, 3, 5, true, BENCHMARK_PODS, null));
    }
    return model.report(tenants);
  }

  @Test
  void hundredClustersOfThreeControlPlaneAndFiveWorkerMachinesCost9600AgainstHosted6000() {
    Comparison total = hundredClusters().total();

    assertThat(total.baseline().controlPlaneMachines()).isEqualTo(300);
    assertThat(total.baseline().workerMachines()).isEqualTo(500);
    assertThat(total.baseline().costPerMonthGross()).isEqualByComparingTo("9600.00");
    assertThat(total.hosted().machines()).isEqualTo(500);
    assertThat(total.hosted().costPerMonthGross()).isEqualByComparingTo("6000.00");
  }

  @Test
  void hundredClustersSave3600AMonthThatIs37Point5PercentNotTheRounded37() {
    Comparison total = hundredClusters().total();

    assertThat(total.savedControlPlaneMachines()).isEqualTo(300);
    assertThat(total.savedCostPerMonthGross()).isEqualByComparingTo("3600.00");
    assertThat(total.ratio(Resource.COST_GROSS)).isEqualByComparingTo("0.375");
    // With one price on both sides, the seed's 37% is the machine ratio 300 / 800: it depends on the workers.
    assertThat(total.ratio(Resource.MACHINES)).isEqualByComparingTo("0.375");
  }

  @Test
  void hundredClustersSaveLessNetOnceTheirPodsPayTheirShareOfTheManagementCluster() {
    SavingsModel model = new SavingsModel(SavingsConfig.defaults().withBaseline(
        BaselineProfile.HA.withNode(SEED_T3_MEDIUM)));
    List<TenantInputs> tenants = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      tenants.add(new TenantInputs("tenant-" + i, 3, 5, true, BENCHMARK_PODS, null));
    }

    Comparison total = model.report(tenants).total();

    // 100 * (0.4 core * 0.031611 + 210/1024 GiB * 0.004237) * 730 h = 986.47 a month for the pods.
    assertThat(total.hosted().costPerMonthNet()).isEqualByComparingTo("6986.47");
    assertThat(total.savedCostPerMonthGross()).isEqualByComparingTo("3600.00");
    assertThat(total.savedCostPerMonthNet()).isEqualByComparingTo("2613.53");
    assertThat(total.ratio(Resource.COST)).isEqualByComparingTo("0.2722");
  }

  @Test
  void the90PercentAtScaleCannotFollowWhileWorkersArePaidForOnBothSides() {
    SavingsModel model = model(BaselineProfile.HA, SEED_T3_MEDIUM);

    // With a single worker per cluster the machine and cost ratios top out at 3 / 4.
    Comparison oneWorker = model.compare(1, FREE_PODS, null);

    assertThat(oneWorker.ratio(Resource.COST_GROSS)).isEqualByComparingTo("0.75");
    assertThat(oneWorker.ratio(Resource.COST_GROSS)).isLessThan(new BigDecimal("0.9"));
  }

  @Test
  void action7ComparesThreeMachinesWithTwoAndThreeContainersWithTwo() {
    Comparison devCluster = model(BaselineProfile.DEV, SEED_DOCKER_MACHINE).compare(2, FREE_PODS, null);

    assertThat(devCluster.baseline().machines()).isEqualTo(3);
    assertThat(devCluster.hosted().machines()).isEqualTo(2);
    assertThat(devCluster.baseline().containers()).isEqualTo(3);
    assertThat(devCluster.hosted().containers()).isEqualTo(2);
    assertThat(devCluster.ratio(Resource.MACHINES)).isEqualByComparingTo("0.3333");
  }

  @Test
  void action7Compares450MbWith300MbAThirdLessNotTheSeeds75Percent() {
    Comparison devCluster = model(BaselineProfile.DEV, SEED_DOCKER_MACHINE).compare(2, FREE_PODS, null);

    assertThat(devCluster.baseline().memoryBytes()).isEqualTo(450_000_000L);
    assertThat(devCluster.hosted().memoryBytes()).isEqualTo(300_000_000L);
    assertThat(devCluster.ratio(Resource.MEMORY)).isEqualByComparingTo("0.3333");
    assertThat(devCluster.ratio(Resource.MEMORY)).isLessThan(new BigDecimal("0.75"));
  }

  @Test
  void action7BootsInAMinuteAgainstThreeWhichIs66Point7PercentFaster() {
    Comparison devCluster = model(BaselineProfile.DEV, SEED_DOCKER_MACHINE).compare(2, FREE_PODS,
        new BigDecimal("60"));

    assertThat(devCluster.baseline().bootSeconds()).isEqualByComparingTo("180");
    assertThat(devCluster.ratio(Resource.BOOT_TIME)).isEqualByComparingTo("0.6667");
  }

  @Test
  void theSeeds55PercentOfResourcesFollowsFromNoneOfItsInputs() {
    Comparison devCluster = model(BaselineProfile.DEV, SEED_DOCKER_MACHINE).compare(2, FREE_PODS, null);

    // Machines, containers, memory and CPU all give a third; nothing in Action 7 gives 55%.
    assertThat(devCluster.ratio(Resource.MACHINES)).isEqualByComparingTo("0.3333");
    assertThat(devCluster.ratio(Resource.MEMORY)).isEqualByComparingTo("0.3333");
    assertThat(devCluster.ratio(Resource.CPU)).isEqualByComparingTo("0.3333");
  }
}
