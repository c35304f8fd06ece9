package dev.tickstream.sim;

import com.google.protobuf.Message;
import dev.tickstream.wire.EntityTable;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * A {@link GameRoom} with no engine behind it, for driving a game by hand in unit tests and
 * tools: it keeps the events a game emits ({@link #events()}) and what it asked for (kicks, a
 * close), and sends nothing anywhere. Not thread-safe.
 *
 * <p>Lag compensation: {@link #keepHistory} makes {@link #rewind()} answer like a node's, from
 * the states {@link #record}ed (or {@link #advance}d) so far; without it, it finds nothing.
 */
public final class OfflineRoom implements GameRoom {

  /** One event the game emitted: to whom ({@code "all"}, {@code "player:3"}, ...), and what. */
  public record Emitted(int tick, String to, Message event) {}

  private final String id;
  private final int tickRate;
  private final long seed;
  private final Map<String, String> options;
  private final List<Player> players = new ArrayList<>();
  private final List<Emitted> events = new ArrayList<>();
  private final List<String> kicks = new ArrayList<>();
  private int tick;
  private String closedReason;
  private boolean open = true;
  private PositionHistory history;
  private EntityTable scratch;

  /** Finds nothing: a room that keeps no history. */
  private static final Rewind NO_HISTORY =
      new PositionHistory(0, EntitySchema.builder().integer("none", 0, 0).build());

  public OfflineRoom(String id, int tickRate, long seed) {
    this(id, tickRate, seed, Map.of());
  }

  public OfflineRoom(String id, int tickRate, long seed, Map<String, String> options) {
    this.id = id;
    this.tickRate = tickRate;
    this.seed = seed;
    this.options = Map.copyOf(options);
  }

  /** Sets the tick {@link #tick()} reports (call before each step when events matter). */
  public void setTick(int tick) {
    this.tick = tick;
  }

  /**
   * Keeps positions for {@link #rewind()} as a node does, {@code maxTicks} ticks back (a node's
   * {@code rewindMs * tickRate / 1000}); forgets what was recorded before. Returns this room.
   */
  public OfflineRoom keepHistory(EntitySchema schema, int maxTicks) {
    this.history = new PositionHistory(maxTicks, schema);
    this.scratch = new EntityTable(schema.fieldCount());
    return this;
  }

  /**
   * Records {@code game}'s state at {@link #tick()} for {@link #rewind()}, as the engine does
   * after each step ({@link Game#writeState}, then {@link Game#positions}); needs
   * {@link #keepHistory}.
   */
  public void record(Game<?> game) {
    if (history == null) {
      throw new IllegalStateException("call keepHistory first");
    }
    game.writeState(scratch);
    history.record(tick, scratch, game);
  }

  /**
   * Runs one tick as the engine does: steps {@link #tick()} (1 for the first), records it with
   * {@link #keepHistory}, then moves {@link #tick()} on to the next tick, so that the inputs a
   * test gives next see the tick they will be applied at, as in a node. Returns the tick run.
   */
  public int advance(Game<?> game) {
    int t = Math.max(1, tick);
    tick = t;
    game.step(t);
    if (history != null) {
      record(game);
    }
    tick = t + 1;
    return t;
  }

  /** Events emitted so far, in order. */
  public List<Emitted> events() {
    return events;
  }

  /** "entityId: reason" for each kick asked for. */
  public List<String> kicks() {
    return kicks;
  }

  /** The reason the game closed the room with, or null. */
  public String closedReason() {
    return closedReason;
  }

  public boolean isOpen() {
    return open;
  }

  /** Adds a player to {@link #players()} (the game's hooks are the caller's to call). */
  public void seat(Player player) {
    players.add(player);
  }

  @Override
  public String id() {
    return id;
  }

  @Override
  public int tickRate() {
    return tickRate;
  }

  @Override
  public int tick() {
    return tick;
  }

  @Override
  public Rewind rewind() {
    return history == null ? NO_HISTORY : history;
  }

  @Override
  public long seed() {
    return seed;
  }

  @Override
  public Map<String, String> options() {
    return options;
  }

  @Override
  public Collection<Player> players() {
    return players;
  }

  @Override
  public void send(Player to, Message event) {
    events.add(new Emitted(tick, "player:" + to.id(), event));
  }

  @Override
  public void broadcast(Message event) {
    events.add(new Emitted(tick, "all", event));
  }

  @Override
  public void sendNear(int x, int y, Message event) {
    events.add(new Emitted(tick, "near:" + x + "," + y, event));
  }

  @Override
  public void sendToViewersOf(int entityId, Message event) {
    events.add(new Emitted(tick, "viewers:" + entityId, event));
  }

  @Override
  public void kick(Player player, String reason) {
    kicks.add(player.entityId() + ": " + reason);
  }

  @Override
  public void close(String reason) {
    closedReason = reason;
  }

  private int maxPlayers = Integer.MAX_VALUE;

  /** The capacity the game set ({@code Integer.MAX_VALUE} when it set none). */
  public int maxPlayers() {
    return maxPlayers;
  }

  @Override
  public void setMaxPlayers(int maxPlayers) {
    this.maxPlayers = maxPlayers;
  }

  @Override
  public void setOpen(boolean open) {
    this.open = open;
  }
}
