package dev.tenantplatform.kube;

import static dev.tenantplatform.kube.TestObjects.controlPlane;
import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.vertx.core.Vertx;
import java.net.ServerSocket;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * An object the API server refuses fails at once, with the server's reason and the object's name; an API
 * server that does not answer is tried again, then reported as such.
 */
@ExtendWith(VertxExtension.class)
class ApplierFailureMockTest {

  private PlainApiServer server;
  private Applier applier;

  @BeforeEach
  void start(Vertx vertx) {
    server = new PlainApiServer();
    applier = new Applier(vertx, server.client(), TestObjects.FAST_RETRIES);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "422|Invalid|K0smotronControlPlane.controlplane.cluster.x-k8s.io \"acme-cp\" is invalid: spec.replicas: Invalid value: 2: must be odd",
      "400|BadRequest|the body of the request was in an unknown format",
      "403|Forbidden|k0smotroncontrolplanes.controlplane.cluster.x-k8s.io is forbidden: User \"system:serviceaccount:tenant-platform:platform\" cannot patch resource"
  })
  void aPermanentRefusalFailsAtOnceWithTheApiMessage(int code, String reason, String message) {
    server.refuseWritesOf("acme-cp", code, reason, message);

    assertThatThrownBy(() -> applier.apply(controlPlane(2)).await(10, SECONDS))
        .isInstanceOfSatisfying(ApplyException.class, e -> {
          assertThat(e.code()).isEqualTo(code);
          assertThat(e.attempts()).isEqualTo(1);
          assertThat(e.apiMessage()).isEqualTo(message);
          assertThat(e.ref().name()).isEqualTo("acme-cp");
          assertThat(e.getMessage()).startsWith("apply K0smotronControlPlane tenant-acme/acme-cp failed (HTTP " + code)
              .endsWith(message);
        });
    assertThat(server.calls().stream().filter(PlainApiServer.Call::isWrite)).as("no retry").hasSize(1);
  }

  @Test
  void anApiServerThatDoesNotAnswerIsTriedAgainThenReportedAsNotAnswering(Vertx vertx) throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    try (KubernetesClient unreachable = new KubernetesClientBuilder().withConfig(new ConfigBuilder()
        .withMasterUrl("http://127.0.0.1:" + closedPort).withRequestRetryBackoffLimit(0).build()).build()) {
      Applier applier = new Applier(vertx, unreachable, TestObjects.FAST_RETRIES);

      assertThatThrownBy(() -> applier.apply(controlPlane(3)).await(10, SECONDS))
          .isInstanceOfSatisfying(ApplyException.class, e -> {
            assertThat(e.code()).isZero();
            assertThat(e.attempts()).isEqualTo(TestObjects.FAST_RETRIES.attempts());
            assertThat(e.getMessage()).contains("(no answer after 5 attempts)");
          });
    }
  }
}
