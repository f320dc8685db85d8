package dev.tenantplatform.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClusterConfigTest {

  @Test
  void aClusterWithoutAWayToFindTheOthersIsRefusedWithBothWaysNamed() {
    assertThatThrownBy(() -> new ClusterConfig("tenant-platform", null, 5701, List.of(), null, null))
        .hasMessageContaining("--cluster-members").hasMessageContaining("--cluster-kubernetes-service");
  }

  @Test
  void membersAndKubernetesDiscoveryExcludeEachOther() {
    assertThatThrownBy(() -> new ClusterConfig("tenant-platform", null, 5701, List.of("10.0.0.1"), "platform",
        null)).hasMessageContaining("exclude each other");
  }

  @Test
  void aMalformedMemberAndABadPortAreReportedTogether() {
    assertThatThrownBy(() -> new ClusterConfig("tenant-platform", null, 0, List.of("10.0.0.1:port"), null, null))
        .hasMessageContaining("'10.0.0.1:port' is not HOST or HOST:PORT").hasMessageContaining("cluster port 0");
  }

  @Test
  void tcpIpMembersJoinWithoutMulticastOnTheGivenPortRange() {
    Config config = Clustering.hazelcast(new ClusterConfig("acme-platform", "127.0.0.1", 5801,
        List.of("127.0.0.1", "10.0.0.2:5801"), null, null));
    JoinConfig join = config.getNetworkConfig().getJoin();

    assertThat(config.getClusterName()).isEqualTo("acme-platform");
    assertThat(join.getMulticastConfig().isEnabled()).isFalse();
    assertThat(join.getKubernetesConfig().isEnabled()).isFalse();
    assertThat(join.getTcpIpConfig().isEnabled()).isTrue();
    assertThat(join.getTcpIpConfig().getMembers()).containsExactly("127.0.0.1", "10.0.0.2:5801");
    assertThat(config.getNetworkConfig().getPort()).isEqualTo(5801);
    assertThat(config.getNetworkConfig().getInterfaces().getInterfaces()).containsExactly("127.0.0.1");
    assertThat(config.getProperty("hazelcast.shutdownhook.enabled")).as("the platform leaves by itself")
        .isEqualTo("false");
  }

  @Test
  void kubernetesDiscoveryLooksUpTheHeadlessServiceInItsNamespace() {
    Config config = Clustering.hazelcast(new ClusterConfig("tenant-platform", null, 5701, null,
        "tenant-platform-hazelcast", "platform"));
    JoinConfig join = config.getNetworkConfig().getJoin();

    assertThat(join.getTcpIpConfig().isEnabled()).isFalse();
    assertThat(join.getMulticastConfig().isEnabled()).isFalse();
    assertThat(join.getKubernetesConfig().isEnabled()).isTrue();
    assertThat(join.getKubernetesConfig().getProperty("service-name")).isEqualTo("tenant-platform-hazelcast");
    assertThat(join.getKubernetesConfig().getProperty("namespace")).isEqualTo("platform");
  }
}
