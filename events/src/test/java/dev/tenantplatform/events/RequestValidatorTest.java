package dev.tenantplatform.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RequestValidatorTest {

  private static final String ID = "2d3c6c1e-3f5b-4a57-9f0e-2f6f0a8e6d11";
  private final RequestValidator validator = new RequestValidator();

  private static TenantRequest create(ClusterSpec cluster) {
    return new TenantRequest(ID, Action.CREATE, "acme", "alice", cluster);
  }

  private static TenantRequest update(ClusterSpec change) {
    return new TenantRequest(ID, Action.UPDATE, "acme", "alice", change);
  }

  @Test
  void theSeedsClusterIsValidAndSoIsACreateWithEveryDefaultLeftOut() {
    assertThat(validator.validate(create(ClusterSpec.DEFAULTS))).isEmpty();
    assertThat(validator.validate(create(null))).isEmpty();
    assertThat(validator.validate(TenantRequest.create("acme", "alice", ClusterSpec.UNCHANGED))).isEmpty();
  }

  @Test
  void reportsEveryProblemAtOnce() {
    TenantRequest request = new TenantRequest("", Action.CREATE, "Acme", " ",
        new ClusterSpec("1.32", 2, 101, "cilium", "nfs", "nodeport", "aws"));

    assertThat(validator.validate(request)).extracting(Violation::field).containsExactly(
        "requestId", "tenant", "requestedBy", "cluster.version", "cluster.controlPlaneReplicas",
        "cluster.workers", "cluster.cni", "cluster.persistence", "cluster.serviceType", "cluster.infrastructure");
  }

  @Test
  void aTenantThatIsNotADnsLabelIsToldTheRule() {
    assertThat(validator.validate(new TenantRequest(ID, Action.CREATE, "Acme", "alice", null)))
        .containsExactly(new Violation("tenant", "tenant 'Acme' is not a DNS-1123 label: use lower case letters,"
            + " digits and '-', start and end with a letter or digit, at most 40 characters"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"-acme", "acme-", "ac_me", "acme.io", "ácme", "ac me"})
  void rejectsTenantNamesKubernetesWouldRefuse(String tenant) {
    assertThat(validator.validate(new TenantRequest(ID, Action.CREATE, tenant, "alice", null)))
        .singleElement().extracting(Violation::field).isEqualTo("tenant");
  }

  @Test
  void aTenantNameOverFortyCharactersIsRefusedWithItsLength() {
    String name = "a".repeat(41);

    assertThat(validator.validate(new TenantRequest(ID, Action.CREATE, name, "alice", null)))
        .singleElement().extracting(Violation::reason).asString()
        .contains("has 41 characters: use at most 40");
    assertThat(validator.validate(new TenantRequest(ID, Action.CREATE, "a".repeat(40), "alice", null))).isEmpty();
    assertThat(validator.validate(new TenantRequest(ID, Action.CREATE, "a", "alice", null))).isEmpty();
  }

  @Test
  void aMissingTenantIsReportedAsMissing() {
    assertThat(validator.validate(new TenantRequest(ID, Action.CREATE, null, "alice", null)))
        .singleElement().extracting(Violation::reason).asString().startsWith("tenant is missing");
  }

  @Test
  void anEvenReplicaCountIsExplainedByEtcdQuorum() {
    assertThat(validator.validate(create(ClusterSpec.UNCHANGED.withControlPlaneReplicas(2))))
        .containsExactly(new Violation("cluster.controlPlaneReplicas",
            "controlPlaneReplicas 2 is even: etcd needs an odd number (1, 3, 5 or 7) to keep quorum"));
  }

  @Test
  void replicaCountsOutsideTheOfferAreRefused() {
    assertThat(validator.validate(create(ClusterSpec.UNCHANGED.withControlPlaneReplicas(9))))
        .extracting(Violation::reason).containsExactly("controlPlaneReplicas 9 is not offered: use 1, 3, 5 or 7");
    assertThat(validator.validate(create(ClusterSpec.UNCHANGED.withControlPlaneReplicas(0))))
        .extracting(Violation::reason).containsExactly("controlPlaneReplicas 0 is too few: use 1, 3, 5 or 7");
    assertThat(validator.validate(create(ClusterSpec.UNCHANGED.withControlPlaneReplicas(1)))).isEmpty();
  }

  @Test
  void workersStayWithinZeroAndTheLimit() {
    assertThat(validator.validate(create(ClusterSpec.UNCHANGED.withWorkers(-1))))
        .extracting(Violation::reason).containsExactly("workers -1 is negative: use 0 to 100");
    assertThat(validator.validate(create(ClusterSpec.UNCHANGED.withWorkers(101))))
        .extracting(Violation::reason).containsExactly("workers 101 is over the limit of 100 per tenant: use 0 to"
            + " 100, or ask the platform operator for a higher limit");
    assertThat(validator.validate(create(ClusterSpec.UNCHANGED.withWorkers(0)))).isEmpty();
    assertThat(validator.validate(create(ClusterSpec.UNCHANGED.withWorkers(100)))).isEmpty();
  }

  @Test
  void theWorkerLimitIsTheOperatorsChoice() {
    RequestValidator strict = new RequestValidator(RequestLimits.DEFAULT.withMaxWorkers(10));

    assertThat(strict.validate(create(ClusterSpec.UNCHANGED.withWorkers(11))))
        .extracting(Violation::reason).singleElement().asString().contains("over the limit of 10");
  }

  @Test
  void aVersionThatIsNotK0sIsRefusedWithTheExpectedForm() {
    assertThat(validator.validate(create(ClusterSpec.UNCHANGED.withVersion("v1.32.8+k3s1"))))
        .containsExactly(new Violation("cluster.version", "version 'v1.32.8+k3s1' is not a k0s version: use"
            + " vX.Y.Z+k0s.N (for example v1.32.8+k0s.0; a bare v1.32.8 means +k0s.0)"));
    assertThat(validator.validate(create(ClusterSpec.UNCHANGED.withVersion("v1.33.1")))).isEmpty();
  }

  @Test
  void choicesAreListedAndAWrongCaseIsPointedOut() {
    assertThat(validator.validate(create(new ClusterSpec(null, null, null, "cilium", null, "nodeport", "dev"))))
        .extracting(Violation::reason).containsExactly(
            "cni 'cilium' is not supported: use calico",
            "serviceType 'nodeport' is not supported: use ClusterIP, NodePort or LoadBalancer"
                + " (did you mean 'NodePort'? case matters)");
    assertThat(validator.validate(create(new ClusterSpec(null, null, null, null, "pvc", "LoadBalancer", "dev"))))
        .isEmpty();
  }

  @Test
  void persistenceAndInfrastructureAreChecked() {
    assertThat(validator.validate(create(new ClusterSpec(null, null, null, null, "nfs", null, "aws"))))
        .extracting(Violation::reason).containsExactly(
            "persistence 'nfs' is not supported: use emptyDir, hostPath or pvc",
            "infrastructure 'aws' is not supported: use docker or dev");
  }

  @Test
  void requestIdIsAnyVisibleAsciiUpTo128Characters() {
    assertThat(validator.validate(new TenantRequest("order-4711/retry", Action.DELETE, "acme", "crm", null)))
        .isEmpty();
    assertThat(validator.validate(new TenantRequest("x".repeat(128), Action.DELETE, "acme", "crm", null)))
        .isEmpty();
    assertThat(validator.validate(new TenantRequest("x".repeat(129), Action.DELETE, "acme", "crm", null)))
        .extracting(Violation::field).containsExactly("requestId");
    assertThat(validator.validate(new TenantRequest("two words", Action.DELETE, "acme", "crm", null)))
        .extracting(Violation::reason).singleElement().asString()
        .contains("use 1 to 128 visible ASCII characters without spaces (a UUID is best)");
    assertThat(validator.validate(new TenantRequest(null, Action.DELETE, "acme", "crm", null)))
        .extracting(Violation::reason).singleElement().asString().startsWith("requestId is missing");
  }

  @Test
  void requestedByAndActionMustBeGiven() {
    assertThat(validator.validate(new TenantRequest(ID, null, "acme", null, null)))
        .extracting(Violation::reason).containsExactly(
            "requestedBy is missing: say who asks (a person, a token's subject or a system), so the audit log can"
                + " tell",
            "action is missing: use create, update or delete");
  }

  @Test
  void aDeleteIgnoresItsCluster() {
    TenantRequest delete = new TenantRequest(ID, Action.DELETE, "acme", "alice",
        new ClusterSpec("nonsense", 2, -5, "x", "y", "z", "w"));

    assertThat(validator.validate(delete)).isEmpty();
  }

  @Test
  void anUpdateMustChangeSomething() {
    assertThat(validator.validate(update(ClusterSpec.UNCHANGED)))
        .extracting(Violation::field).containsExactly("cluster");
    assertThat(validator.validate(update(ClusterSpec.UNCHANGED.withWorkers(5)))).isEmpty();
  }

  @Test
  void anUpdateChecksTheFieldsItGives() {
    assertThat(validator.validate(update(ClusterSpec.UNCHANGED.withControlPlaneReplicas(4))))
        .extracting(Violation::field).containsExactly("cluster.controlPlaneReplicas");
  }

  @Test
  void anUpdateMovesTheVersionAtMostOneMinorUp() {
    ClusterSpec current = ClusterSpec.DEFAULTS;

    assertThat(validator.validate(update(ClusterSpec.UNCHANGED.withVersion("v1.33.2")), current)).isEmpty();
    assertThat(validator.validate(update(ClusterSpec.UNCHANGED.withVersion("v1.34.0")), current))
        .singleElement().satisfies(v -> {
          assertThat(v.field()).isEqualTo("cluster.version");
          assertThat(v.reason()).contains("jumps 2 minor versions from v1.32.8+k0s.0").contains("first to v1.33.x");
        });
    assertThat(validator.validate(update(ClusterSpec.UNCHANGED.withVersion("v1.31.0")), current))
        .extracting(Violation::reason).singleElement().asString().contains("downgrade");
  }

  @Test
  void theVersionJumpRuleNeedsACurrentClusterAndIgnoresACreate() {
    assertThat(validator.validate(update(ClusterSpec.UNCHANGED.withVersion("v1.40.0")))).isEmpty();
    assertThat(validator.validate(create(ClusterSpec.UNCHANGED.withVersion("v1.40.0")), ClusterSpec.DEFAULTS))
        .isEmpty();
  }

  @Test
  void networkPluginAndMachineProviderCannotChangeOnARunningCluster() {
    RequestLimits more = new RequestLimits(100, RequestLimits.DEFAULT.controlPlaneReplicas(), 40, 65536,
        RequestLimits.DEFAULT.infrastructures(), RequestLimits.DEFAULT.serviceTypes(),
        RequestLimits.DEFAULT.persistences(), Set.of("calico", "cilium"));
    TenantRequest change = update(new ClusterSpec(null, null, null, "cilium", null, null, "dev"));

    List<Violation> violations = new RequestValidator(more).validate(change, ClusterSpec.DEFAULTS);

    assertThat(violations).extracting(Violation::field).containsExactly("cluster.cni", "cluster.infrastructure");
    assertThat(violations.get(0).reason()).contains("delete the tenant and create it again");
  }

  @Test
  void aSummaryFitsInOneHeader() {
    List<Violation> violations = validator.validate(new TenantRequest(ID, Action.CREATE, "Acme", "alice",
        ClusterSpec.UNCHANGED.withControlPlaneReplicas(2)));

    assertThat(Violation.summary(violations)).startsWith("2 problems: tenant 'Acme' is not a DNS-1123 label")
        .contains("; controlPlaneReplicas 2 is even").doesNotContain("\n");
    assertThat(Violation.summary(violations.subList(0, 1))).startsWith("tenant 'Acme'");
  }

  @Test
  void aHugeValueIsQuotedShortened() {
    String huge = "x".repeat(10_000);

    assertThat(validator.validate(create(ClusterSpec.UNCHANGED.withVersion(huge))))
        .extracting(Violation::reason).singleElement().asString().hasSizeLessThan(300);
  }
}
