package dev.tickstream.games.arena;

import com.google.protobuf.Message;
import dev.tickstream.proto.arena.v1.ArenaInput;
import dev.tickstream.proto.arena.v1.Chat;
import dev.tickstream.proto.arena.v1.ChatLine;
import dev.tickstream.proto.arena.v1.Hit;
import dev.tickstream.proto.arena.v1.Kill;
import dev.tickstream.sim.EntitySchema;
import dev.tickstream.sim.Game;
import dev.tickstream.sim.GameRoom;
import dev.tickstream.sim.GameSpec;
import dev.tickstream.sim.LeaveReason;
import dev.tickstream.sim.OfflineRoom;
import dev.tickstream.sim.Player;
import dev.tickstream.wire.EntityTable;
import java.util.Objects;

/**
 * The reference arena game (the reference workload of the benchmarks): players run around a square
 * map and shoot projectiles at each other; a player who loses all hit points respawns at once
 * at a random point and the shooter scores.
 *
 * <p>The wire state is the real state: player positions are snapped to the wire grid at the end
 * of every step, and a projectile is sent once as its snapped origin, heading and spawn tick,
 * never changing afterwards, because its position at any tick is a closed form a client can
 * evaluate itself ({@link #projectileCoordinate}). So an entity that did not change costs zero.
 *
 * <p>This class holds the hooks and hands the mechanics to its parts: {@link ArenaMovement}
 * (steering, moving, spawning), {@link ArenaCombat} (shots, flight, hits, kills),
 * {@link ArenaEvents} (who hears a hit or a kill), {@link ArenaRows} (the state written,
 * restored and placed) and {@link ArenaSpec} (what a node serves). Entities live in parallel
 * arrays, {@link ArenaPlayers} and {@link ArenaProjectiles}, each sorted by id because ids only
 * grow and new entities are appended. Stepping and writing allocate nothing beyond growing the
 * arrays for new projectiles (and the hit-test grid's for new players).
 *
 * <p>Not thread-safe: called only from its room's thread (see {@link Game}).
 */
public final class ArenaGame implements Game<ArenaInput> {

  /** The {@code kind} field's value for a player (a projectile's is 2). */
  public static final int KIND_PLAYER = 1;
  static final int KIND_PROJECTILE = 2;

  /**
   * Players and projectiles. vx, vy: wire units a player moved in the last tick (0 after a
   * respawn), so x moves by vx per tick and y by vy: the codec predicts them and steady motion
   * is free. deaths changes on respawn (do not interpolate across it). A projectile never
   * changes after it appears: at tick t it is at (x, y) + speed * (t - spawn_tick) / tickRate
   * along heading, computed in double precision, which is exactly how the server moves it.
   * Field indices are {@link ArenaRows}'.
   */
  public static final EntitySchema SCHEMA = EntitySchema.builder()
      .kinds("player", "projectile")
      .position("x", "y")
      .integer("vx", -(1 << 16), 1 << 16)
      .integer("vy", -(1 << 16), 1 << 16)
      .angle("aim", 8)
      .integer("hp", 0, 1 << 20)
      .integer("score", 0, Integer.MAX_VALUE)
      .integer("deaths", 0, Integer.MAX_VALUE)
      .entity("owner")
      .tick("spawn_tick")
      .angle("heading", 16)
      .rate("x", "vx")
      .rate("y", "vy")
      .kind("player", "x", "y", "vx", "vy", "aim", "hp", "score", "deaths")
      .kind("projectile", "x", "y", "owner", "spawn_tick", "heading")
      .build();

  private final GameRoom room;
  private final ArenaRules rules;
  private final int tickRate;
  private final ArenaPlayers players = new ArenaPlayers();
  private final ArenaProjectiles projectiles = new ArenaProjectiles();
  private final ArenaEvents events;
  private final ArenaMovement movement;
  private final ArenaCombat combat;
  private int nextId = 1; // one counter for players and projectiles: ids never reused
  private int lastTick;

  /**
   * An arena detached from any engine (tests and tools): events go to an {@link OfflineRoom}.
   *
   * @param tickRate steps per second, 10..60
   * @param seed seeds the spawn points, so that a run repeats
   */
  public ArenaGame(ArenaRules rules, int tickRate, long seed) {
    this(new OfflineRoom("arena", tickRate, seed), rules);
  }

  /** The arena of {@code room}: its tick rate and seed come from the room. */
  public ArenaGame(GameRoom room, ArenaRules rules) {
    this.room = Objects.requireNonNull(room, "room");
    this.rules = Objects.requireNonNull(rules, "rules");
    int tickRate = room.tickRate();
    if (tickRate < 10 || tickRate > 60) {
      throw new IllegalArgumentException("tickRate must be 10..60: " + tickRate);
    }
    this.tickRate = tickRate;
    this.events = new ArenaEvents(room);
    this.movement = new ArenaMovement(rules, tickRate, room.seed(), players);
    this.combat = new ArenaCombat(rules, tickRate, players, projectiles, movement, events,
        this::newId, room);
  }

  /**
   * The arena as a node serves it, under the name {@code arena}: input {@link ArenaInput},
   * message {@code chat} ({@link Chat}), events {@code chat} ({@link ChatLine}, to all),
   * {@code kill} ({@link Kill}, to those who see the victim: everyone in a room without a view
   * radius) and {@code hit} ({@link Hit}, to its shooter and its target). Declared in
   * {@link ArenaSpec}.
   */
  public static GameSpec<ArenaInput> spec(ArenaRules rules) {
    Objects.requireNonNull(rules, "rules");
    return ArenaSpec.of(rules);
  }

  @Override
  public int onJoin(Player player) {
    int id = addPlayer(player.name());
    events.seated(id, player);
    return id;
  }

  @Override
  public void onDrop(Player player) {
    applyInput(player.entityId(), PlayerInput.IDLE); // a lost player stands still
  }

  @Override
  public void onLeave(Player player, LeaveReason reason) {
    events.left(player.entityId());
    removePlayer(player.entityId());
  }

  @Override
  public void onInput(Player player, ArenaInput in) {
    onInput(player, in, room.tick());
  }

  /**
   * Steers the player, and notes how far behind its client draws the others: its shots are
   * judged against the world it saw ({@link ArenaCombat}), within the room's rewind bound.
   */
  @Override
  public void onInput(Player player, ArenaInput in, int viewTick) {
    int i = players.indexOf(player.entityId());
    if (i >= 0) {
      players.lag[i] = Math.max(0, Math.min(room.tick() - viewTick, room.rewind().maxTicks()));
    }
    applyInput(player.entityId(),
        new PlayerInput(in.getMoveX(), in.getMoveY(), in.getAim(), in.getFire()));
  }

  @Override
  public void onMessage(Player player, Message message) {
    if (message instanceof Chat chat && !chat.getText().isBlank()) {
      room.broadcast(ChatLine.newBuilder().setFrom(player.entityId())
          .setText(chat.getText().strip()).build());
    }
  }

  @Override
  public void step(int tick) {
    if (tick <= lastTick) {
      throw new IllegalArgumentException("tick must grow: " + tick + " after " + lastTick);
    }
    lastTick = tick;
    movement.step();
    combat.fly(tick); // against the players' new positions
    combat.fire(tick); // new projectiles start at the shooters' new positions
  }

  @Override
  public void writeState(EntityTable out) {
    if (out.fieldCount() != SCHEMA.fieldCount()) {
      throw new IllegalArgumentException("table has " + out.fieldCount() + " fields, need "
          + SCHEMA.fieldCount());
    }
    ArenaRows.write(out, rules, players, projectiles);
  }

  /**
   * Rebuilds the world from {@code state} exactly as {@link #writeState} wrote it. Intents are
   * not in the state: every player stands still until its next input; nor are lags: shots in
   * flight are judged at the present, and players until their next input.
   */
  @Override
  public void restore(EntityTable state, int tick) {
    if (state.fieldCount() != SCHEMA.fieldCount()) {
      throw new IllegalArgumentException("state has " + state.fieldCount() + " fields");
    }
    nextId = ArenaRows.read(state, rules, players, projectiles) + 1;
    lastTick = tick;
  }

  /** Projectiles' rows hold their origin; interest needs where they are now. */
  @Override
  public boolean positions(EntityTable state, int tick, int[] xs, int[] ys) {
    ArenaRows.positions(state, tick, rules, tickRate, xs, ys);
    return true;
  }

  /**
   * One coordinate of a projectile {@code ageTicks} after its spawn tick: {@code origin + speed
   * * ageTicks / tickRate * unit}, evaluated left to right in double precision, where
   * {@code unit} is cos (for x) or sin (for y) of {@code heading * 2π / 65536}. The sim uses
   * exactly this, so a client evaluating the same expression sees the same flight.
   */
  public static double projectileCoordinate(
      double origin, double speed, long ageTicks, int tickRate, double unit) {
    return origin + speed * ageTicks / tickRate * unit;
  }

  /** The angle in radians of a heading or aim of 0..65535 per turn. */
  public static double headingRadians(int heading) {
    return heading * (2 * Math.PI) / 65536.0;
  }

  public ArenaRules rules() {
    return rules;
  }

  public int tickRate() {
    return tickRate;
  }

  public int playerCount() {
    return players.count;
  }

  public int projectileCount() {
    return projectiles.count;
  }

  /** A player's x in map units (on the wire grid); throws if {@code id} is not a player. */
  public double playerX(int id) {
    return players.x[requirePlayer(id)];
  }

  /** A player's y in map units (on the wire grid); throws if {@code id} is not a player. */
  public double playerY(int id) {
    return players.y[requirePlayer(id)];
  }

  /** Creates a player at a random point and returns its entity id. */
  public int addPlayer(String name) {
    Objects.requireNonNull(name, "name");
    int i = players.append(newId(), name);
    movement.respawn(i);
    return players.id[i];
  }

  /** Removes a player's entity (and nothing else: its projectiles fly on). */
  public void removePlayer(int entityId) {
    int i = players.indexOf(entityId);
    if (i >= 0) { // else already gone: leaving twice is harmless
      players.remove(i);
    }
  }

  /** Sets a player's intent; it holds until the next input. Unknown ids are ignored. */
  public void applyInput(int entityId, PlayerInput input) {
    int i = players.indexOf(entityId);
    if (i >= 0) {
      movement.steer(i, input);
    }
  }

  /** Test hook: puts a player at ({@code x}, {@code y}), clamped and snapped like a move. */
  void teleport(int id, double x, double y) {
    movement.teleport(requirePlayer(id), x, y);
  }

  private int newId() {
    if (nextId == Integer.MAX_VALUE) {
      throw new IllegalStateException("entity ids exhausted");
    }
    return nextId++;
  }

  private int requirePlayer(int id) {
    int i = players.indexOf(id);
    if (i < 0) {
      throw new IllegalArgumentException("no player " + id);
    }
    return i;
  }
}
