package dev.tenantplatform.kube;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class ApiErrorsTest {

  @ParameterizedTest
  @ValueSource(ints = {409, 429, 500, 503, 504})
  void conflictsThrottlingAndServerErrorsAreWorthAnotherTry(int code) {
    assertThat(ApiErrors.isTransient(answer(code, "try later"))).isTrue();
  }

  @ParameterizedTest
  @ValueSource(ints = {400, 401, 403, 404, 415, 422})
  void refusalsAreNot(int code) {
    assertThat(ApiErrors.isTransient(answer(code, "no"))).isFalse();
  }

  @Test
  void noAnswerAtAllIsWorthAnotherTry() {
    assertThat(ApiErrors.isTransient(new KubernetesClientException("timed out", new SocketTimeoutException()))).isTrue();
    assertThat(ApiErrors.isTransient(new KubernetesClientException("refused", new ConnectException()))).isTrue();
    // what fabric8's Vert.x client reports when its request timeout runs out
    assertThat(ApiErrors.isTransient(new KubernetesClientException("The timeout period of 10000ms has been exceeded"
        + " while executing GET /api/v1/namespaces", new TimeoutException("The timeout period of 10000ms")))).isTrue();
    assertThat(ApiErrors.isTransient(new IllegalStateException("a bug"))).isFalse();
  }

  @Test
  void theMessageIsTheApiServersOwn() {
    assertThat(ApiErrors.message(answer(422, "spec.replicas: Invalid value: 2"))).isEqualTo("spec.replicas: Invalid value: 2");
    assertThat(ApiErrors.code(answer(422, "x"))).isEqualTo(422);
    assertThat(ApiErrors.code(new IllegalStateException())).isZero();
  }

  @Test
  void theWaitTheApiServerAskedForIsRead() {
    KubernetesClientException throttled = new KubernetesClientException(new StatusBuilder().withCode(429)
        .withMessage("too many requests").withNewDetails().withRetryAfterSeconds(3).endDetails().build());

    assertThat(ApiErrors.retryAfter(throttled)).isEqualTo(Duration.ofSeconds(3));
    assertThat(ApiErrors.retryAfter(answer(503, "unavailable"))).isZero();
    assertThat(ApiErrors.retryAfter(new IllegalStateException("a bug"))).isZero();
  }

  private static KubernetesClientException answer(int code, String message) {
    return new KubernetesClientException(new StatusBuilder().withCode(code).withMessage(message).build());
  }
}
