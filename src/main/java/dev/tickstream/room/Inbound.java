package dev.tickstream.room;

/**
 * One client message a room applies at its next tick, already parsed and checked by the
 * gateway: an input (the game's own message in {@code payload}), an acknowledgement, or one of
 * the game's client messages.
 *
 * @param seq the input's sequence number (INPUT only), compared unsigned
 * @param ackTick the snapshot tick the client acknowledges (0: none)
 * @param viewTick the tick the client says it was showing (INPUT only; 0: unknown), as sent:
 *     the room clamps it
 * @param payload the game's parsed input or message (INPUT, MESSAGE), else null
 */
public record Inbound(Kind kind, int seq, int ackTick, int viewTick, Object payload) {

  /** What the client sent. */
  public enum Kind { INPUT, ACK, MESSAGE }
}
