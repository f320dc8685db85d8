package dev.tenantplatform.api;

/**
 * A token bucket: holds up to {@code capacity} tokens, refills at {@code perSecond}, and a request takes one.
 * Pure: the caller passes the time, so the bucket is tested without waiting.
 */
final class TokenBucket {

  private final double capacity;
  private final double perNano;
  private double tokens;
  private long lastNanos;

  TokenBucket(int capacity, double perSecond, long nowNanos) {
    this.capacity = capacity;
    this.perNano = perSecond / 1e9;
    this.tokens = capacity;
    this.lastNanos = nowNanos;
  }

  /** Takes a token: 0 when one was there, or else the nanoseconds until one will be. */
  synchronized long take(long nowNanos) {
    refill(nowNanos);
    if (tokens >= 1) {
      tokens -= 1;
      return 0;
    }
    return (long) Math.ceil((1 - tokens) / perNano);
  }

  /** Whether the bucket is full again at {@code nowNanos}: its caller has been quiet long enough to forget. */
  synchronized boolean full(long nowNanos) {
    refill(nowNanos);
    return tokens >= capacity;
  }

  private void refill(long nowNanos) {
    long elapsed = Math.max(0, nowNanos - lastNanos);
    tokens = Math.min(capacity, tokens + elapsed * perNano);
    lastNanos = nowNanos;
  }
}
