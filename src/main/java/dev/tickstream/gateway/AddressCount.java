package dev.tickstream.gateway;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Open things per client address, at most {@code max} each: WebSockets
 * ({@code maxConnectionsPerIp}) and plain HTTP connections ({@code maxHttpConnectionsPerIp}).
 * Thread-safe; an address leaves the map when its count drops to zero, so memory is bounded by
 * what is open.
 */
final class AddressCount {
  private final int max;
  private final Map<String, Integer> open = new ConcurrentHashMap<>();

  AddressCount(int max) {
    this.max = max;
  }

  /** Takes a slot for {@code ip}; false when it has its maximum open. */
  boolean tryOpen(String ip) {
    boolean[] ok = {false};
    open.compute(ip, (k, n) -> {
      int now = n == null ? 0 : n;
      ok[0] = now < max;
      return ok[0] ? now + 1 : n;
    });
    return ok[0];
  }

  /** Gives back a slot taken by {@link #tryOpen}. */
  void release(String ip) {
    open.computeIfPresent(ip, (k, n) -> n <= 1 ? null : n - 1);
  }

  /** Open slots of {@code ip}. */
  int open(String ip) {
    return open.getOrDefault(ip, 0);
  }
}
