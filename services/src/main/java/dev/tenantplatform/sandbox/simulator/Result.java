package dev.tenantplatform.sandbox.simulator;

import java.time.Duration;

/** What a reconciler wants next: nothing until something changes, or another look after a delay. */
record Result(Duration requeueAfter) {

  static final Result DONE = new Result(null);

  static Result after(Duration delay) {
    return new Result(delay.isNegative() ? Duration.ZERO : delay);
  }

  /** The earlier of two requests to look again. */
  Result soonest(Result other) {
    if (requeueAfter == null) {
      return other;
    }
    if (other.requeueAfter == null) {
      return this;
    }
    return requeueAfter.compareTo(other.requeueAfter) <= 0 ? this : other;
  }
}
