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
 * {@link AddressRate#SWEEP_ABOVE} entries (at most once a second).
 */
final class IpLimits {
  private final int maxConnections;
  private final Map<String, Integer> open = new ConcurrentHashMap<>();
  private final AddressRate handshakes;

  IpLimits(int maxConnections, int handshakesPerSecond) {
    this.maxConnections = maxConnections;
    this.handshakes = new AddressRate(handshakesPerSecond);
  }

  /** Counts one handshake from {@code ip}; false when it is over the rate. */
  boolean tryHandshake(String ip, long nowNanos) {
    return handshakes.tryTake(ip, nowNanos);
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
