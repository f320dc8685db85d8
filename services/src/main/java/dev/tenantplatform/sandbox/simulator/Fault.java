package dev.tenantplatform.sandbox.simulator;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A failure the simulator plays for one tenant, so the unhappy paths of the platform can be exercised.
 * Written in the annotation {@value Faults#ANNOTATION} of a tenant's Cluster as a comma-separated list,
 * e.g. {@code control-plane-never-ready} or {@code worker-fails,api-errors:0.2,api-latency:200ms}.
 */
public sealed interface Fault {

  /** The annotation value for this fault. */
  String value();

  /** The control-plane pods run but never pass their readiness probe, so the control plane never becomes available. */
  record ControlPlaneNeverReady() implements Fault {
    @Override
    public String value() {
      return "control-plane-never-ready";
    }
  }

  /** One worker Machine fails to get its infrastructure and ends in phase {@code Failed}. */
  record WorkerFails() implements Fault {
    @Override
    public String value() {
      return "worker-fails";
    }
  }

  /**
   * The platform's Kubernetes API calls for the tenant fail at this rate (0 to 1), in equal shares as a server
   * error (500 or 503), as 429 with {@code Retry-After}, or unanswered until the client's request times out.
   */
  record ApiErrors(double rate) implements Fault {
    public ApiErrors {
      if (!(rate >= 0 && rate <= 1)) {
        throw new IllegalArgumentException("api-errors rate must be between 0 and 1, got " + rate);
      }
    }

    @Override
    public String value() {
      return "api-errors:" + rate;
    }
  }

  /** The platform's Kubernetes API calls for the tenant are answered this late (the ones that do not fail). */
  record ApiLatency(Duration delay) implements Fault {
    public ApiLatency {
      if (delay == null || delay.isNegative() || delay.isZero()) {
        throw new IllegalArgumentException("api-latency must be a positive number of milliseconds, got " + delay);
      }
    }

    @Override
    public String value() {
      return "api-latency:" + delay.toMillis() + "ms";
    }
  }

  /** Parses an annotation value; a blank value means no fault. */
  static List<Fault> parseAll(String annotation) {
    List<Fault> faults = new ArrayList<>();
    if (annotation == null || annotation.isBlank()) {
      return faults;
    }
    for (String part : annotation.split(",")) {
      if (!part.isBlank()) {
        faults.add(parse(part.trim()));
      }
    }
    return faults;
  }

  /**
   * Parses one fault: {@code control-plane-never-ready}, {@code worker-fails}, {@code api-errors:<rate>} or
   * {@code api-latency:<milliseconds>ms}.
   */
  static Fault parse(String text) {
    String value = text.trim().toLowerCase(Locale.ROOT);
    if (value.equals("control-plane-never-ready")) {
      return new ControlPlaneNeverReady();
    }
    if (value.equals("worker-fails")) {
      return new WorkerFails();
    }
    if (value.startsWith("api-errors:")) {
      String rate = value.substring("api-errors:".length());
      try {
        return new ApiErrors(Double.parseDouble(rate));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("api-errors needs a rate between 0 and 1, e.g. api-errors:0.2; got '"
            + text + "'", e);
      }
    }
    if (value.startsWith("api-latency:")) {
      return new ApiLatency(Duration.ofMillis(milliseconds(value.substring("api-latency:".length()), text)));
    }
    throw new IllegalArgumentException("unknown fault '" + text + "': use control-plane-never-ready, worker-fails,"
        + " api-errors:<rate between 0 and 1> or api-latency:<milliseconds>ms");
  }

  private static long milliseconds(String value, String text) {
    String digits = value.endsWith("ms") ? value.substring(0, value.length() - 2) : value;
    try {
      return Long.parseLong(digits.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("api-latency needs a number of milliseconds, e.g. api-latency:200ms; got '"
          + text + "'", e);
    }
  }
}
