package dev.tickstream.sim;

import dev.tickstream.wire.EntityTable;

import com.google.protobuf.Message;

/**
 * The rules of one room's world. The engine drives it through these hooks; everything else it
 * declares once in its {@link GameSpec} (input, messages, events, entity schema). A room is
 * created by constructing the game with its {@link GameRoom} (the "room created" hook: read
 * {@link GameRoom#options()} there).
 *
 * <p>Threading: an instance belongs to one room and every hook runs on that room's thread,
 * never two at once. Each tick: {@link #onInput} and {@link #onMessage} for everything that
 * arrived since the last tick, in arrival order, then {@link #step} once, then
 * {@link #writeState}. Joins, leaves and resumes run between ticks. No hook may block.
 *
 * <p>Faults: a hook that throws ends this room only: the engine logs the room, tick and
 * exception once, closes its sessions with 1011 and removes the room; other rooms tick on.
 *
 * @param <I> the game's input message
 */
public interface Game<I extends Message> {

  /**
   * A client asks to take its seat. Default: accept. A refusal closes its session with 4000 and
   * the reason, and gives the seat back.
   */
  default JoinDecision onJoinRequest(JoinRequest request) {
    return JoinDecision.accept();
  }

  /**
   * A player took its seat: create what it steers and return that entity's id (positive, never
   * reused), or 0 when it steers nothing (yet). Spectators do not come here.
   */
  int onJoin(Player player);

  /**
   * A player's connection was lost; its seat and entity wait {@code reconnectGraceMs} for a
   * resume. Default: nothing (its last input holds; a game usually stops the player).
   */
  default void onDrop(Player player) {}

  /** A player came back on a new connection (after a drop, or replacing an open one). */
  default void onResume(Player player) {}

  /** A player left for good; remove what it steers. Default: nothing. */
  default void onLeave(Player player, LeaveReason reason) {}

  /**
   * One input of a player, already checked by {@link GameSpec.Builder#input}. Default: ignore.
   * The engine calls {@link #onInput(Player, Message, int)}, which comes here unless a game
   * overrides it.
   */
  default void onInput(Player player, I input) {}

  /**
   * One input of a player, with the tick its client was showing when it sent it: override this
   * one instead of {@link #onInput(Player, Message)} to compensate lag (judge the input against
   * the world as that player saw it, through {@link GameRoom#rewind()}).
   *
   * @param viewTick the tick the client says it was drawing others at (its interpolation
   *     point), clamped to {@code [room.tick() - room.rewind().maxTicks(), room.tick()]}: a
   *     claim older than the bound counts as the bound, a newer one or none (0 on the wire) as
   *     the present, {@code room.tick()}. So {@code room.tick() - viewTick} is the player's lag
   *     in ticks, 0..maxTicks. Default: calls {@link #onInput(Player, Message)}.
   */
  default void onInput(Player player, I input, int viewTick) {
    onInput(player, input);
  }

  /**
   * One of the game's own client messages (a type declared with
   * {@link GameSpec.Builder#message}), already parsed and checked. Default: ignore.
   */
  default void onMessage(Player player, Message message) {}

  /** Advances the world by exactly one tick (1 / tickRate seconds); {@code tick} counts from 1. */
  void step(int tick);

  /** Clears {@code out}, then writes every entity, in ascending id order, as one row. */
  void writeState(EntityTable out);

  /**
   * Writes each row's position at {@code tick} (wire units) into {@code xs}/{@code ys}, for area
   * of interest and {@link GameRoom#rewind()} (called after every tick), and returns true; the default returns false, and the engine reads the
   * schema's position fields. Override when a row holds something else there (the arena's
   * projectiles hold their origin).
   */
  default boolean positions(EntityTable state, int tick, int[] xs, int[] ys) {
    return false;
  }

  /**
   * Replaces this world with a checkpointed one: {@code state} as {@link #writeState} wrote it
   * at {@code tick}; the next step is {@code tick + 1}; its players follow with
   * {@link #onResume} when they come back, or {@link #onLeave} when they do not. A game that
   * cannot be restored keeps this default, and its rooms are not failed over.
   */
  default void restore(EntityTable state, int tick) {
    throw new UnsupportedOperationException(getClass().getSimpleName() + " cannot restore");
  }

  /** The room is closing; nothing follows. Default: nothing. */
  default void onDispose() {}
}
