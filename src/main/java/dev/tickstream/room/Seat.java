package dev.tickstream.room;

/**
 * A seat in a room, reserved by matchmaking and claimed by a WebSocket session with a token.
 *
 * @param roomId room holding the seat
 * @param seatId opaque id of the seat, unique in the room; a reconnect presents it again
 * @param role player or spectator
 * @param delaySeconds a spectator's delay: it sees the room as it was this long ago (0: live)
 */
public record Seat(String roomId, String seatId, Role role, int delaySeconds) {
  /** A seat without delay. */
  public Seat(String roomId, String seatId, Role role) {
    this(roomId, seatId, role, 0);
  }

  /** This seat, for a spectator who asked for {@code seconds} of delay. */
  public Seat withDelay(int seconds) {
    return new Seat(roomId, seatId, role, seconds);
  }
}
