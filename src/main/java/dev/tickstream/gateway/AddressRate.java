package dev.tickstream.gateway;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A token bucket per client address (one second's burst), for the per-address rates:
 * WebSocket handshakes and matchmaking requests. Thread-safe. Memory is bounded by the
 * addresses seen lately: buckets that have refilled are swept once the map passes
 * {@link #SWEEP_ABOVE} entries, at most once a second.
 */
final class AddressRate {
  static final int SWEEP_ABOVE = 4096;

  private final int perSecond;
  private final Map<String, TokenBucket> buckets = new ConcurrentHashMap<>();
  private volatile long lastSweepNanos;

  AddressRate(int perSecond) {
    this.perSecond = perSecond;
  }

  /** Counts one event from {@code ip}; false when it is over the rate. */
  boolean tryTake(String ip, long nowNanos) {
    if (buckets.size() > SWEEP_ABOVE && nowNanos - lastSweepNanos > 1_000_000_000L) {
      lastSweepNanos = nowNanos;
      buckets.entrySet().removeIf(e -> {
        synchronized (e.getValue()) {
          return e.getValue().isFull(nowNanos);
        }
      });
    }
    TokenBucket b = buckets.computeIfAbsent(ip,
        k -> new TokenBucket(perSecond, perSecond, nowNanos));
    synchronized (b) {
      return b.tryTake(nowNanos);
    }
  }
}
