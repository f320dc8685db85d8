package dev.tenantplatform.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tenantplatform.events.Topics;
import dev.tenantplatform.testing.Tool;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** Tools we did not write see what we see, through nothing but local.json. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LocalToolsIT {

  private LocalMode local;

  @BeforeAll
  void start(@TempDir Path dataDir) {
    local = LocalMode.start(new LocalOptions(dataDir, 0, "instant", false, 3));
  }

  @AfterAll
  void stop() {
    local.close();
  }

  @Test
  void kcatListsTheBrokerAndThePlatformTopics() {
    Tool.Result listed = new Tool("kcat").require().run(Map.of(), 30, "-b", local.info().kafka(), "-L");
    assertThat(listed.exitCode()).as(listed.err()).isZero();
    assertThat(listed.out()).contains("1 brokers:");
    for (var topic : Topics.ALL) {
      assertThat(listed.out()).contains("topic \"" + topic.name() + "\" with 3 partitions");
    }
  }

  @Test
  void kubectlWithTheKubeconfigOfLocalJsonReadsTheManagementCluster() {
    Tool kubectl = new Tool("kubectl").require();
    Map<String, String> env = Map.of("KUBECONFIG", local.info().kubeconfig().toString());
    Tool.Result version = kubectl.run(env, 30, "version", "-o", "json");
    assertThat(version.exitCode()).as(version.err()).isZero();
    assertThat(version.out()).contains("serverVersion");
    Tool.Result resources = kubectl.run(env, 30, "api-resources");
    assertThat(resources.out()).contains("k0smotroncontrolplanes", "clusterresourcesetbindings", "machines");
    Tool.Result get = kubectl.run(env, 30, "get", "clusters.cluster.x-k8s.io,k0smotroncontrolplanes,machines", "-A");
    assertThat(get.exitCode()).as(get.err()).isZero();
  }
}
