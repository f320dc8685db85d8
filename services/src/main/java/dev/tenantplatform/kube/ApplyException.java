package dev.tenantplatform.kube;

/**
 * A Kubernetes write that did not happen: the API rejected it (bad object, forbidden…), or transient errors
 * outlasted the {@link RetryPolicy}. The message names the object and quotes the API server.
 */
public final class ApplyException extends RuntimeException {

  private final ObjectRef ref;
  private final int code;
  private final int attempts;
  private final String apiMessage;

  ApplyException(String operation, ObjectRef ref, Throwable cause, int attempts) {
    super(message(operation, ref, cause, attempts), cause);
    this.ref = ref;
    this.code = ApiErrors.code(cause);
    this.attempts = attempts;
    this.apiMessage = ApiErrors.message(cause);
  }

  private static String message(String operation, ObjectRef ref, Throwable cause, int attempts) {
    int code = ApiErrors.code(cause);
    String answer = code > 0 ? "HTTP " + code : "no answer";
    String tries = attempts == 1 ? "1 attempt" : attempts + " attempts";
    return operation + " " + ref + " failed (" + answer + " after " + tries + "): " + ApiErrors.message(cause);
  }

  public ObjectRef ref() {
    return ref;
  }

  /** The HTTP status code of the last answer, or 0 when the API server could not be reached. */
  public int code() {
    return code;
  }

  public int attempts() {
    return attempts;
  }

  /** What the API server said, e.g. {@code spec.replicas: Invalid value: 2}. */
  public String apiMessage() {
    return apiMessage;
  }
}
