package dev.tickstream.gateway;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Per client address: open WebSockets ({@code maxConnectionsPerIp}) and WebSocket handshakes
 * per second ({@code handshakesPerSecondPerIp}, a token bucket with one second's burst).
 * Shared by all event loops of a node. The address is the TCP peer's: behind a proxy every
 * client shares the proxy's address, so raise the limits there.
 *
 * <p>Memory is bounded by the addresses seen lately: a connection count leaves the map at
 * zero, and handshake buckets that have refilled are swept once the map passes
 * {@link #SWEEP_ABOVE} entries (at most once a second).
 */
final class IpLimits {
  static final int SWEEP_ABOVE = 4096;

  private final int maxConnections;
  private final int handshakesPerSecond;
  private final Map<String, Integer> open = new ConcurrentHashMap<>();
  private final Map<String, TokenBucket> handshakes = new ConcurrentHashMap<>();
  private volatile long lastSweepNanos;

  IpLimits(int maxConnections, int handshakesPerSecond) {
    this.maxConnections = maxConnections;
    this.handshakesPerSecond = handshakesPerSecond;
  }

  /** Counts one handshake from {@code ip}; false when it is over the rate. */
  boolean tryHandshake(String ip, long nowNanos) {
    if (handshakes.size() > SWEEP_ABOVE && nowNanos - lastSweepNanos > 1_000_000_000L) {
      lastSweepNanos = nowNanos;
      handshakes.entrySet().removeIf(e -> {
        synchronized (e.getValue()) {
          return e.getValue().isFull(nowNanos);
        }
      });
    }
    TokenBucket b = handshakes.computeIfAbsent(ip,
        k -> new TokenBucket(handshakesPerSecond, handshakesPerSecond, nowNanos));
    synchronized (b) {
      return b.tryTake(nowNanos);
    }
  }

  /** Reserves a connection slot for {@code ip}; false when it has its maximum open. */
  boolean tryOpen(String ip) {
    boolean[] ok = {false};
    open.compute(ip, (k, n) -> {
      int now = n == null ? 0 : n;
      ok[0] = now < maxConnections;
      return ok[0] ? now + 1 : n;
    });
    return ok[0];
  }

  /** Gives back a slot taken by {@link #tryOpen}. */
  void release(String ip) {
    open.computeIfPresent(ip, (k, n) -> n <= 1 ? null : n - 1);
  }

  /** Open connections of {@code ip} (tests). */
  int open(String ip) {
    return open.getOrDefault(ip, 0);
  }
}
