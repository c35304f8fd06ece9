package dev.tickstream.sim;

/** Why a player left its room for good ({@link Game#onLeave}). */
public enum LeaveReason {
  /** The client closed its session itself (a normal close). */
  LEFT,
  /** The connection was lost and the player did not come back within the reconnect grace. */
  DROPPED,
  /** The engine closed the session: idle, too slow to read, or over a rate limit. */
  TIMED_OUT,
  /** The game kicked the player ({@link GameRoom#kick}). */
  KICKED,
  /** The room closed (the game closed it, it emptied, or the node shut down). */
  ROOM_CLOSED
}
