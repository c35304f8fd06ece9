package dev.tickstream.sim;

import java.util.List;
import java.util.Map;

/**
 * The rules of one room's world. Tickstream's engine (rooms, tick, sync) drives it; a user can
 * plug in another game by implementing this interface. Pure Java: no sockets, no clock.
 *
 * <p>Not thread-safe: an instance belongs to one room and is called only from that room's
 * thread, in this order each tick: {@link #applyInput} for every input of the tick's batch,
 * then {@link #step} once, then {@link #writeState}.
 */
public interface Game {

  /** Names of the integer fields of every entity row, in index order (sent to clients). */
  List<String> fields();

  /** Index of the field holding an entity's x, in wire units (map units x positionScale). */
  int xField();

  /** Index of the field holding an entity's y, in wire units. */
  int yField();

  /** Wire units per map unit. */
  int positionScale();

  int mapWidth();

  int mapHeight();

  /**
   * For each field, the index of the field holding its change per tick, or -1. The codec
   * sends such a field as its difference from {@code value + rate * ticks} (dead reckoning),
   * so an entity in steady motion costs nothing. Default: no rates.
   */
  default int[] rateFields() {
    int[] none = new int[fields().size()];
    java.util.Arrays.fill(none, -1);
    return none;
  }

  /** Rule constants a client needs for prediction (e.g. speeds), by name. */
  Map<String, Double> constants();

  /** Creates the entity a joining player steers and returns its id (positive, never reused). */
  int addPlayer(String name);

  /** Removes a player's entity (and nothing else: its projectiles fly on). */
  void removePlayer(int entityId);

  /** Sets a player's intent; it holds until the next input. Unknown ids are ignored. */
  void applyInput(int entityId, PlayerInput input);

  /** Advances the world by exactly one tick (1 / tickRate seconds). {@code tick} counts from 1. */
  void step(int tick);

  /**
   * Replaces this world with a checkpointed one: {@code state} as {@link #writeState} wrote it
   * at {@code tick}; the next step is {@code tick + 1}. Players' intents start idle. A game
   * that cannot be restored keeps this default, and its rooms are not failed over.
   */
  default void restore(EntityTable state, int tick) {
    throw new UnsupportedOperationException(getClass().getSimpleName() + " cannot restore");
  }

  /** Clears {@code out}, then writes every entity, in ascending id order, as one row. */
  void writeState(EntityTable out);

  /**
   * Writes each row's position at {@code tick} (wire units) into {@code xs}/{@code ys}, for
   * area of interest. The default reads the x and y fields; a game whose rows hold something
   * else there (the arena's projectiles hold their origin) overrides it.
   */
  default void positions(EntityTable state, int tick, int[] xs, int[] ys) {
    for (int r = 0; r < state.size(); r++) {
      xs[r] = state.get(r, xField());
      ys[r] = state.get(r, yField());
    }
  }
}
