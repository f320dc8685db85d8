package dev.tenantplatform.kube;

import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.KubernetesClientTimeoutException;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeoutException;

/** Reads a failed Kubernetes API call: its HTTP code, its message, and whether trying again can help. */
final class ApiErrors {

  static final int CONFLICT = 409;
  static final int TOO_MANY_REQUESTS = 429;

  private ApiErrors() {
  }

  /**
   * Conflicts (another writer was first), throttling, server errors, timeouts and broken connections pass;
   * anything else the server rejected (400, 403, 404, 422…) will be rejected again.
   */
  static boolean isTransient(Throwable error) {
    int code = code(error);
    if (code == CONFLICT || code == TOO_MANY_REQUESTS || code >= 500) {
      return true;
    }
    if (code > 0) {
      return false;
    }
    for (Throwable cause = error; cause != null; cause = cause.getCause()) {
      if (cause instanceof IOException || cause instanceof TimeoutException
          || cause instanceof KubernetesClientTimeoutException) {
        return true;
      }
    }
    return false;
  }

  /** The HTTP status code of the API's answer, or 0 when there was no answer. */
  static int code(Throwable error) {
    return error instanceof KubernetesClientException e && e.getCode() > 0 ? e.getCode() : 0;
  }

  /**
   * How long the API server asked the client to wait before trying again: the {@code retryAfterSeconds} of its
   * Status (a 429 of API Priority and Fairness, a 503 of a server shutting down), zero when it asked nothing.
   * The server sends the same in a {@code Retry-After} header, which fabric8 reads only in its own retries.
   */
  static Duration retryAfter(Throwable error) {
    if (error instanceof KubernetesClientException e && e.getStatus() != null && e.getStatus().getDetails() != null
        && e.getStatus().getDetails().getRetryAfterSeconds() != null) {
      return Duration.ofSeconds(Math.max(0, e.getStatus().getDetails().getRetryAfterSeconds()));
    }
    return Duration.ZERO;
  }

  /** What the API server said (its {@code Status} message), or the client's own message. */
  static String message(Throwable error) {
    if (error instanceof KubernetesClientException e && e.getStatus() != null && e.getStatus().getMessage() != null
        && !e.getStatus().getMessage().isBlank()) {
      return e.getStatus().getMessage();
    }
    String message = error.getMessage();
    return message == null ? error.getClass().getSimpleName() : message;
  }
}
