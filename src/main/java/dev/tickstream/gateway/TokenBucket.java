package dev.tickstream.gateway;

/**
 * A token bucket on a caller-supplied clock (nanoseconds), so it runs the same under a real
 * clock and in the fuzzer. Not thread-safe: a connection's bucket lives on its event loop;
 * shared buckets are guarded by their owner.
 */
final class TokenBucket {
  private final double capacity;
  private final double perNano;
  private double tokens;
  private long lastNanos;

  TokenBucket(double capacity, double perSecond, long nowNanos) {
    if (capacity < 1 || perSecond <= 0) {
      throw new IllegalArgumentException("capacity >= 1 and rate > 0 required: " + capacity
          + ", " + perSecond);
    }
    this.capacity = capacity;
    this.perNano = perSecond / 1e9;
    this.tokens = capacity;
    this.lastNanos = nowNanos;
  }

  /** Takes one token if there is one. */
  boolean tryTake(long nowNanos) {
    refill(nowNanos);
    if (tokens >= 1) {
      tokens -= 1;
      return true;
    }
    return false;
  }

  /** True when the bucket has refilled completely: its owner may forget it. */
  boolean isFull(long nowNanos) {
    refill(nowNanos);
    return tokens >= capacity;
  }

  private void refill(long nowNanos) {
    long elapsed = nowNanos - lastNanos;
    if (elapsed > 0) {
      tokens = Math.min(capacity, tokens + elapsed * perNano);
      lastNanos = nowNanos;
    }
  }
}
