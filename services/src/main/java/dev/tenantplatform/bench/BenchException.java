package dev.tenantplatform.bench;

/** The benchmark could not run to its end: the message says which side and how far it got. */
public final class BenchException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public BenchException(String message) {
    super(message);
  }

  public BenchException(String message, Throwable cause) {
    super(message, cause);
  }
}
