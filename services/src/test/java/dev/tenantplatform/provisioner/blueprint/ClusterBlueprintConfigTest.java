package dev.tenantplatform.provisioner.blueprint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/** A bad setting fails when the configuration is built, with a message that says what to write instead. */
class ClusterBlueprintConfigTest {

  private final BlueprintConfig defaults = BlueprintConfig.defaults();

  @Test
  void defaultsAreTheSeedsNetworksAndTheShippedCalicoTemplate() {
    assertThat(defaults.podCidr()).isEqualTo("192.168.0.0/16");
    assertThat(defaults.serviceCidr()).isEqualTo("10.128.0.0/12");
    assertThat(defaults.calicoTemplate()).contains("CALICO_IPV4POOL_CIDR").contains("${POD_CIDR}");
    assertThat(defaults.toString()).doesNotContain("calico-node").contains("chars");
  }

  @Test
  void rejectsNetworksThatAreNotIpv4CidrBlocksOrThatOverlap() {
    assertRejected(() -> defaults.withNetworks("192.168.0.0", "10.96.0.0/12"),
        "pod CIDR '192.168.0.0' is not an IPv4 CIDR block");
    assertRejected(() -> defaults.withNetworks("192.168.0.0/16", "10.96.300.0/24"),
        "service CIDR '10.96.300.0/24' is not an IPv4 CIDR block");
    assertRejected(() -> defaults.withNetworks("192.168.1.0/16", "10.96.0.0/12"),
        "has host bits set: its network address is 192.168.0.0/16");
    assertRejected(() -> defaults.withNetworks("10.0.0.0/8", "10.96.0.0/12"),
        "pod CIDR 10.0.0.0/8 and service CIDR 10.96.0.0/12 overlap");
  }

  @Test
  void rejectsACalicoTemplateWithoutThePodCidrPlaceholder() {
    assertRejected(() -> defaults.withCalicoTemplate("kind: DaemonSet\n"),
        "the Calico template has no ${POD_CIDR} placeholder");
    assertRejected(() -> defaults.withCalicoTemplate(" "), "the Calico template is empty");
  }

  @Test
  void rejectsACalicoTemplateTooBigForAConfigMap() {
    String huge = "# " + "x".repeat(1_000_000) + "\nvalue: ${POD_CIDR}\n";

    assertRejected(() -> defaults.withCalicoTemplate(huge), "a ConfigMap can hold");
  }

  @Test
  void rejectsResourcesThatAreNotQuantitiesOrWhoseLimitIsBelowTheRequest() {
    assertRejected(() -> new ContainerResources("one", "1Gi", null, null),
        "cpu request 'one' is not a Kubernetes quantity");
    assertRejected(() -> new ContainerResources("1", null, null, null), "memory request is missing");
    assertRejected(() -> new ContainerResources("1", "0", null, null), "memory request '0' must be more than zero");
    assertRejected(() -> new ContainerResources("2", "1Gi", "1", null), "cpu limit 1 is below the cpu request 2");
    assertRejected(() -> new ContainerResources("1", "1Gi", null, "512Mi"),
        "memory limit 512Mi is below the memory request 1Gi");
  }

  @Test
  void rejectsStorageAndImageSettingsThatCannotWork() {
    assertRejected(() -> new ControlPlaneStorage("data", "1Gi", null), "hostPath root 'data' must be an absolute");
    assertRejected(() -> new ControlPlaneStorage("/data", "lots", null), "volume size 'lots' is not a positive");
    assertRejected(() -> new ControlPlaneStorage("/data", "1Gi", "Fast SSD"), "storage class 'Fast SSD'");
    assertRejected(() -> defaults.withWorkerImage("kindest/node v1"), "worker image 'kindest/node v1'");
    assertRejected(() -> new ControlPlanePlan(ControlPlanePlan.K0S_DEFAULT, ControlPlanePlan.ETCD_DEFAULT, ""),
        "etcd image '' is not an image reference");
  }

  @Test
  void rejectsNodePortsOutsideTheNodePortRangeOrSharingAPort() {
    assertRejected(() -> new NodePorts(6443, 30132), "apiPort 6443 is outside the node-port range 30000-32767");
    assertRejected(() -> new NodePorts(30443, 30443), "must differ");
  }

  private static void assertRejected(ThrowingCallable building, String message) {
    assertThatThrownBy(building).isInstanceOf(IllegalArgumentException.class).hasMessageContaining(message);
  }
}
