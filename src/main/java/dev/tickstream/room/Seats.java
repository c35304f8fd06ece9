package dev.tickstream.room;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

/**
 * A room's seat counts and unclaimed reservations. Thread-safe: matchmaking on any event loop
 * reserves here while the room's own thread claims, frees and expires seats. A reserved seat
 * counts as taken until its client claims it or the reservation lapses.
 */
final class Seats {
  private final String roomId;
  private volatile int maxPlayers;
  private final int maxSpectators;
  private final long ttlNanos;
  private final AtomicInteger players = new AtomicInteger();
  private final AtomicInteger spectators = new AtomicInteger();
  /** Seat id to the time its reservation lapses. */
  private final Map<String, Long> reservations = new ConcurrentHashMap<>();

  Seats(String roomId, RoomOptions options) {
    this.roomId = roomId;
    this.maxPlayers = options.maxPlayers();
    this.maxSpectators = options.maxSpectators();
    this.ttlNanos = options.seatTtlMs() * 1_000_000L;
  }

  /**
   * Reserves a seat of {@code role} while {@code open} says the room takes it; null when full
   * or not open. Any thread.
   */
  Seat tryReserve(Role role, BooleanSupplier open) {
    AtomicInteger seats = count(role);
    int max = role == Role.PLAYER ? maxPlayers : maxSpectators;
    while (true) {
      int n = seats.get();
      if (n >= max || !open.getAsBoolean()) {
        return null;
      }
      if (seats.compareAndSet(n, n + 1)) {
        break;
      }
    }
    if (!open.getAsBoolean()) {
      seats.decrementAndGet(); // closed while we counted
      return null;
    }
    Seat seat = new Seat(roomId, Ids.seatId(role), role);
    reservations.put(seat.seatId(), System.nanoTime() + ttlNanos);
    return seat;
  }

  /** Lowers the player seats to {@code max} (1 at least); never above the node's setting. */
  void limitPlayers(int max) {
    maxPlayers = Math.max(1, Math.min(maxPlayers, max));
  }

  int maxPlayers() {
    return maxPlayers;
  }

  /** Whether {@code seatId} holds an unclaimed reservation. */
  boolean reserved(String seatId) {
    return reservations.containsKey(seatId);
  }

  /** The client came: the reservation becomes a seated member (still counted). */
  void claim(String seatId) {
    reservations.remove(seatId);
  }

  /** A seat of {@code role} is free again (its member left, or its join was refused). */
  void release(Role role) {
    count(role).decrementAndGet();
  }

  /** A seat taken without a reservation (a checkpoint's player waiting to resume). */
  void take(Role role) {
    count(role).incrementAndGet();
  }

  /** Frees the reservations that lapsed unclaimed by {@code now}. */
  void expire(long now) {
    reservations.entrySet().removeIf(e -> {
      if (e.getValue() - now < 0) {
        // Seat ids start with their role's letter: an unclaimed one gives its seat back.
        release(e.getKey().startsWith("s") ? Role.SPECTATOR : Role.PLAYER);
        return true;
      }
      return false;
    });
  }

  int players() {
    return players.get();
  }

  int spectators() {
    return spectators.get();
  }

  boolean empty() {
    return players.get() + spectators.get() == 0;
  }

  private AtomicInteger count(Role role) {
    return role == Role.PLAYER ? players : spectators;
  }
}
