package dev.tickstream.sim;

/**
 * A player seated in a room, as its game sees it. The engine owns it; the game keeps the
 * reference as long as it likes (the same object from join to leave, across reconnects) but
 * only reads it on its room's thread.
 */
public interface Player {

  /** The player's number in its room: 1, 2, ... in order of joining, never reused. */
  int id();

  /** Display name, cleaned by the engine (at most 16 characters, no control characters). */
  String name();

  /** The entity this player steers (what {@link Game#onJoin} returned), 0 for none. */
  int entityId();

  /** False while the player's connection is lost and its seat waits for a resume. */
  boolean connected();
}
