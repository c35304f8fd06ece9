package dev.tickstream.gateway;

/**
 * Per client address: open WebSockets ({@code maxConnectionsPerIp}) and WebSocket handshakes
 * per second ({@code handshakesPerSecondPerIp}, a token bucket with one second's burst).
 * Shared by all event loops of a node. The address is the client's as {@link Forwarding}
 * resolves it: the TCP peer's, or behind a trusted proxy the one the proxy forwarded.
 *
 * <p>Memory is bounded by the addresses seen lately: a connection count leaves the map at
 * zero, and handshake buckets that have refilled are swept once the map passes
 * {@link AddressRate#SWEEP_ABOVE} entries (at most once a second).
 */
final class IpLimits {
  private final AddressCount open;
  private final AddressRate handshakes;

  IpLimits(int maxConnections, int handshakesPerSecond) {
    this.open = new AddressCount(maxConnections);
    this.handshakes = new AddressRate(handshakesPerSecond);
  }

  /** Counts one handshake from {@code ip}; false when it is over the rate. */
  boolean tryHandshake(String ip, long nowNanos) {
    return handshakes.tryTake(ip, nowNanos);
  }


  /** Reserves a connection slot for {@code ip}; false when it has its maximum open. */
  boolean tryOpen(String ip) {
    return open.tryOpen(ip);
  }

  /** Gives back a slot taken by {@link #tryOpen}. */
  void release(String ip) {
    open.release(ip);
  }

  /** Open connections of {@code ip} (tests). */
  int open(String ip) {
    return open.open(ip);
  }
}
