package dev.tenantplatform.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tenantplatform.sandbox.EmbeddedKubernetes;
import io.fabric8.kubernetes.api.model.APIGroupListBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.metrics.v1beta1.PodMetricsBuilder;
import io.fabric8.kubernetes.api.model.metrics.v1beta1.PodMetricsListBuilder;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ControlPlaneUsageMockTest {

  private final Vertx vertx = Vertx.vertx();

  @AfterEach
  void stop() {
    join(vertx.close());
  }

  @Test
  void withoutAMetricsApiTheReportSaysUsageIsNotAvailableAndWhy() {
    try (EmbeddedKubernetes kube = EmbeddedKubernetes.start(null)) {
      ControlPlaneUsage usage = new ControlPlaneUsage(kube.client());

      String text = join(usage.poll(vertx));

      assertThat(text).isEqualTo("not available: the metrics API (metrics.k8s.io) is not served here; install"
          + " metrics-server to see usage beside requests");
      assertThat(usage.measured()).isNull();
    }
  }

  @Test
  void withAMetricsApiTheControlPlanePodsUsageIsSummed() {
    KubernetesMockServer server = new KubernetesMockServer(false);
    server.init();
    try {
      server.expect().get().withPath("/apis").andReturn(200, new APIGroupListBuilder().addNewGroup()
          .withName("metrics.k8s.io").addNewVersion().withGroupVersion("metrics.k8s.io/v1beta1").withVersion("v1beta1")
          .endVersion().endGroup().build()).always();
      server.expect().get().withPath("/apis/metrics.k8s.io/v1beta1/pods?labelSelector=app%3Dk0smotron")
          .andReturn(200, new PodMetricsListBuilder()
              .addToItems(pod("kmc-acme-0", "120m", "180Mi"), pod("kmc-acme-etcd-0", "30m", "40Mi")).build())
          .always();
      ControlPlaneUsage usage = new ControlPlaneUsage(server.createClient());

      join(usage.poll(vertx));

      assertThat(usage.measured().pods()).isEqualTo(2);
      assertThat(usage.measured().cpuCores()).isEqualByComparingTo("0.150");
      assertThat(usage.measured().memoryBytes()).isEqualTo(220L << 20);
      assertThat(usage.describe()).isEqualTo("2 control-plane pods use 0.150 cores and 230686720 bytes"
          + " (metrics.k8s.io)");
    } finally {
      server.destroy();
    }
  }

  private static io.fabric8.kubernetes.api.model.metrics.v1beta1.PodMetrics pod(String name, String cpu,
      String memory) {
    return new PodMetricsBuilder().withNewMetadata().withName(name).withNamespace("tenant-acme").endMetadata()
        .addNewContainer().withName("main").addToUsage("cpu", new Quantity(cpu))
        .addToUsage("memory", new Quantity(memory)).endContainer().build();
  }

  private static <T> T join(Future<T> future) {
    try {
      return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }
}
