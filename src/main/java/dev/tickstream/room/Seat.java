package dev.tickstream.room;

/**
 * A seat in a room, reserved by matchmaking and claimed by a WebSocket session with a token.
 *
 * @param roomId room holding the seat
 * @param seatId opaque id of the seat, unique in the room; a reconnect presents it again
 * @param role player or spectator
 */
public record Seat(String roomId, String seatId, Role role) {}
