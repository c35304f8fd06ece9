package dev.tickstream.sim;

/**
 * Makes the {@link Game} of a new room. The engine holds one factory and knows nothing of the
 * rules behind it, so a user plugs in another game by passing another factory; the seed makes a
 * room's world repeatable (the same seed and inputs give the same states).
 */
@FunctionalInterface
public interface GameFactory {

  /**
   * Creates the world of room {@code roomId}, stepped {@code tickRate} times per second.
   *
   * @throws IllegalArgumentException when the game does not support {@code tickRate}
   */
  Game create(String roomId, int tickRate, long seed);
}
