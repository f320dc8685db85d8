package dev.tenantplatform.sandbox.simulator;

/**
 * A {@code metav1.Condition} as the CAPI v1beta2 and k0smotron controllers write it; the transition time is
 * added when the condition is merged into an object's status.
 */
record Condition(String type, String status, String reason, String message) {

  static final String TRUE = "True";
  static final String FALSE = "False";
  static final String UNKNOWN = "Unknown";

  static Condition isTrue(String type, String reason) {
    return new Condition(type, TRUE, reason, "");
  }

  static Condition isFalse(String type, String reason, String message) {
    return new Condition(type, FALSE, reason, message);
  }

  static Condition unknown(String type, String reason, String message) {
    return new Condition(type, UNKNOWN, reason, message);
  }

  /** True with {@code trueReason}, or false with {@code falseReason} and the message. */
  static Condition of(String type, boolean value, String trueReason, String falseReason, String message) {
    return value ? isTrue(type, trueReason) : isFalse(type, falseReason, message);
  }

  boolean isTrue() {
    return TRUE.equals(status);
  }
}
