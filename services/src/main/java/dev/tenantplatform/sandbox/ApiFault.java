package dev.tenantplatform.sandbox;

import java.time.Duration;

/**
 * What the embedded Kubernetes API does to one call in place of its plain answer: the ways a loaded API server
 * lets a client down. Late answers are scheduled on the mock's event loop, never waited for on it.
 */
public sealed interface ApiFault {

  /** The call is not carried out; the answer is this server error (500, 503…) at once. */
  record ServerError(int code) implements ApiFault {
    public ServerError {
      if (code < 500 || code > 599) {
        throw new IllegalArgumentException("a server error has a 5xx code, got " + code);
      }
    }
  }

  /**
   * The call is not carried out; the answer is 429 with {@code Retry-After} (header and
   * {@code details.retryAfterSeconds}), as API Priority and Fairness answers when a flow's queue is full.
   */
  record Throttled(int retryAfterSeconds) implements ApiFault {
    public Throttled {
      if (retryAfterSeconds < 1) {
        throw new IllegalArgumentException("Retry-After must be at least 1 second, got " + retryAfterSeconds);
      }
    }
  }

  /**
   * The call is not carried out and answered (504) only after {@code hold}: a hold longer than the client's
   * request timeout makes the client give up first, which it reports as a timeout.
   */
  record NoAnswer(Duration hold) implements ApiFault {
    public NoAnswer {
      requirePositive(hold, "the hold of an unanswered call");
    }
  }

  /**
   * The call is carried out, but answered only after {@code hold}: a client that gives up first sees a timeout
   * although its write took effect, as when an API server stores a write and its answer is lost on the way.
   */
  record LateAnswer(Duration hold) implements ApiFault {
    public LateAnswer {
      requirePositive(hold, "the hold of a late answer");
    }
  }

  /** The call is carried out and its answer sent {@code delay} late. */
  record Slow(Duration delay) implements ApiFault {
    public Slow {
      requirePositive(delay, "an added latency");
    }
  }

  private static void requirePositive(Duration duration, String what) {
    if (duration == null || duration.isNegative() || duration.isZero()) {
      throw new IllegalArgumentException(what + " must be positive, got " + duration);
    }
  }
}
