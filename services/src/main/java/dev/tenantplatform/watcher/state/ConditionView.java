package dev.tenantplatform.watcher.state;

/**
 * One condition of an object's status, as much of it as a check reports.
 *
 * @param status {@code True}, {@code False} or {@code Unknown}
 * @param reason CamelCase reason the controller gave; may be null
 * @param message what the controller said; may be null
 */
public record ConditionView(String status, String reason, String message) {

  public static final String TRUE = "True";

  /** A condition the object does not report (yet). */
  public static final ConditionView ABSENT = new ConditionView("Unknown", null, null);

  public boolean isTrue() {
    return TRUE.equals(status);
  }

  /** {@code Available False: KubeSystemNamespaceNotAccessible}, for a check's detail. */
  public String describe(String type) {
    return type + " " + status + (reason == null || reason.isEmpty() ? "" : ": " + reason);
  }
}
