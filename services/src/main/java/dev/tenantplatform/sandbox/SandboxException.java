package dev.tenantplatform.sandbox;

/** The sandbox of local mode could not start or stop; the message says what to do about it. */
public class SandboxException extends RuntimeException {

  public SandboxException(String message) {
    super(message);
  }

  public SandboxException(String message, Throwable cause) {
    super(message, cause);
  }
}
