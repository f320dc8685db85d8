package dev.tenantplatform.api;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * What one caller may ask of the API, so that no caller can slow the others down.
 *
 * @param maxBodyBytes largest request body; larger ones get 413 before they are read whole
 * @param requestsPerSecond the steady rate of one caller (one token subject)
 * @param burst how many requests a quiet caller may send at once
 * @param timeout longest time a request may take, body included; then 503
 * @param maxCallers callers whose rate is tracked at once before quiet ones are forgotten
 */
public record ApiLimits(int maxBodyBytes, double requestsPerSecond, int burst, Duration timeout, int maxCallers) {

  public static final ApiLimits DEFAULT = new ApiLimits(64 * 1024, 10, 40, Duration.ofSeconds(15), 100_000);

  public ApiLimits {
    List<String> problems = new ArrayList<>();
    if (maxBodyBytes < 1024) {
      problems.add("the body limit of " + maxBodyBytes + " bytes is too small: a tenant request needs up to 1 KiB");
    }
    if (!(requestsPerSecond > 0) || burst < 1) {
      problems.add("the rate of " + requestsPerSecond + "/s with a burst of " + burst + " lets nothing through:"
          + " give a positive rate and a burst of at least 1");
    }
    if (timeout == null || timeout.isNegative() || timeout.isZero()) {
      problems.add("the request timeout " + timeout + " must be positive");
    }
    if (maxCallers < 1) {
      problems.add("maxCallers " + maxCallers + " must be at least 1");
    }
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException("invalid API limits: " + String.join("; ", problems));
    }
  }

  public ApiLimits withRate(double perSecond, int newBurst) {
    return new ApiLimits(maxBodyBytes, perSecond, newBurst, timeout, maxCallers);
  }

  public ApiLimits withTimeout(Duration newTimeout) {
    return new ApiLimits(maxBodyBytes, requestsPerSecond, burst, newTimeout, maxCallers);
  }
}
