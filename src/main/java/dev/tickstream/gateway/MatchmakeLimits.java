package dev.tickstream.gateway;

import java.util.ArrayDeque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiPredicate;

/**
 * Per client address, what anonymous matchmaking may hold: requests per second
 * ({@code matchmakesPerSecondPerIp}, a token bucket with one second's burst) and seats reserved
 * but not yet claimed by a WebSocket ({@code maxUnclaimedSeatsPerIp}). Without the second, a
 * few requests naming a public room id hold all its seats until their tokens lapse, again and
 * again. A seat stops counting when its client claims it, when it lapses, or at the latest when
 * its seat token expires (seats on other nodes are not asked).
 *
 * <p>Thread-safe; shared by all event loops of a node. Memory is bounded by the addresses seen
 * lately, each with at most {@code maxUnclaimed} seats: an address leaves the map when it holds
 * none, and full buckets are swept once the map passes {@link AddressRate#SWEEP_ABOVE} entries.
 */
final class MatchmakeLimits {
  private record Held(String roomId, String seatId, long expiresNanos) {}

  private final int maxUnclaimed;
  private final long tokenTtlNanos;
  private final AddressRate requests;
  private final Map<String, ArrayDeque<Held>> unclaimed = new ConcurrentHashMap<>();

  MatchmakeLimits(int perSecond, int maxUnclaimed, int seatTokenTtlSeconds) {
    this.requests = new AddressRate(perSecond);
    this.maxUnclaimed = maxUnclaimed;
    this.tokenTtlNanos = seatTokenTtlSeconds * 1_000_000_000L;
  }

  /** Counts one request from {@code ip}; false when it is over the rate. */
  boolean tryRequest(String ip, long nowNanos) {
    return requests.tryTake(ip, nowNanos);
  }


  /**
   * Whether {@code ip} may reserve one more seat now; {@code stillUnclaimed(roomId, seatId)}
   * says whether a seat it holds is still waiting for its client (false once claimed or gone).
   */
  boolean mayReserve(String ip, long nowNanos, BiPredicate<String, String> stillUnclaimed) {
    boolean[] ok = {true};
    unclaimed.computeIfPresent(ip, (k, held) -> {
      held.removeIf(h -> nowNanos - h.expiresNanos() >= 0
          || !stillUnclaimed.test(h.roomId(), h.seatId()));
      ok[0] = held.size() < maxUnclaimed;
      return held.isEmpty() ? null : held;
    });
    return ok[0];
  }

  /** {@code ip} now holds this seat until its client claims it or its token expires. */
  void reserved(String ip, String roomId, String seatId, long nowNanos) {
    unclaimed.compute(ip, (k, held) -> {
      ArrayDeque<Held> h = held == null ? new ArrayDeque<>() : held;
      h.add(new Held(roomId, seatId, nowNanos + tokenTtlNanos));
      return h;
    });
  }
}
