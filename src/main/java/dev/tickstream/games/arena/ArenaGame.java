package dev.tickstream.games.arena;

import com.google.protobuf.Message;
import dev.tickstream.proto.arena.v1.ArenaInput;
import dev.tickstream.proto.arena.v1.Chat;
import dev.tickstream.proto.arena.v1.ChatLine;
import dev.tickstream.proto.arena.v1.Hit;
import dev.tickstream.proto.arena.v1.Kill;
import dev.tickstream.sim.EntitySchema;
import dev.tickstream.wire.EntityTable;
import dev.tickstream.sim.Game;
import dev.tickstream.sim.GameRoom;
import dev.tickstream.sim.GameSpec;
import dev.tickstream.sim.LeaveReason;
import dev.tickstream.sim.OfflineRoom;
import dev.tickstream.sim.Player;
import java.util.Objects;
import java.util.SplittableRandom;

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
 * <p>Entities live in parallel arrays, one set for players and one for projectiles, each sorted
 * by id because ids only grow and new entities are appended; {@link #writeState} merges the two.
 * Stepping and writing allocate nothing beyond growing the arrays for new projectiles (and the
 * hit-test grid's for new players).
 *
 * <p>Not thread-safe: called only from its room's thread (see {@link Game}).
 */
public final class ArenaGame implements Game<ArenaInput> {

  /** Field indices, in the order of {@link #SCHEMA}. */
  static final int KIND = 0;
  static final int X = 1;
  static final int Y = 2;
  static final int VX = 3;
  static final int VY = 4;
  static final int AIM = 5;
  static final int HP = 6;
  static final int SCORE = 7;
  static final int DEATHS = 8;
  static final int OWNER = 9;
  static final int SPAWN_TICK = 10;
  static final int HEADING = 11;

  /** The {@code kind} field's value for a player (a projectile's is 2). */
  public static final int KIND_PLAYER = 1;
  static final int KIND_PROJECTILE = 2;

  /**
   * Players and projectiles. vx, vy: wire units a player moved in the last tick (0 after a
   * respawn), so x moves by vx per tick and y by vy: the codec predicts them and steady motion
   * is free. deaths changes on respawn (do not interpolate across it). A projectile never
   * changes after it appears: at tick t it is at (x, y) + speed * (t - spawn_tick) / tickRate
   * along heading, computed in double precision, which is exactly how the server moves it.
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

  private static final int MAX_CHAT_CHARS = 80;

  private final GameRoom room;
  /** The players seated here by the entity they steer (for events addressed to one). */
  private final java.util.Map<Integer, Player> byEntity = new java.util.HashMap<>();
  private final ArenaRules rules;
  private final int tickRate;
  private final SplittableRandom random;
  private final int scale;
  private final int cooldownTicks;
  /** Clamp bounds of a player's centre, on the wire grid. */
  private final double minX;
  private final double maxX;
  private final double minY;
  private final double maxY;

  private final ArenaPlayers players = new ArenaPlayers();
  private final ArenaProjectiles projectiles = new ArenaProjectiles();
  private final PlayerGrid grid;
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
    long seed = room.seed();
    if (tickRate < 10 || tickRate > 60) {
      throw new IllegalArgumentException("tickRate must be 10..60: " + tickRate);
    }
    this.tickRate = tickRate;
    this.random = new SplittableRandom(seed);
    this.scale = rules.positionScale();
    this.cooldownTicks = rules.fireCooldownTicks(tickRate);
    this.minX = Math.ceil(rules.playerRadius() * scale) / scale;
    this.maxX = Math.floor((rules.mapWidth() - rules.playerRadius()) * scale) / scale;
    this.minY = Math.ceil(rules.playerRadius() * scale) / scale;
    this.maxY = Math.floor((rules.mapHeight() - rules.playerRadius()) * scale) / scale;
    // A tick's flight plus a hit diameter: a segment's hit box then spans at most 2x2 cells.
    this.grid = new PlayerGrid(rules.mapWidth(), rules.mapHeight(),
        rules.projectileSpeed() / tickRate + 2 * rules.hitRadius());
  }

  /**
   * The arena as a node serves it, under the name {@code arena}: input {@link ArenaInput},
   * message {@code chat} ({@link Chat}), events {@code chat} ({@link ChatLine}, to all),
   * {@code kill} ({@link Kill}, to those who see the victim: everyone in a room without a view
   * radius) and {@code hit} ({@link Hit}, to its shooter and its target).
   */
  public static GameSpec<ArenaInput> spec(ArenaRules rules) {
    Objects.requireNonNull(rules, "rules");
    return GameSpec.<ArenaInput>builder("arena", room -> new ArenaGame(room, rules))
        .input(ArenaInput.parser(), ArenaInput.getDefaultInstance(), ArenaGame::checkInput)
        .message("chat", Chat.getDefaultInstance(),
            c -> c.getText().codePointCount(0, c.getText().length()) > MAX_CHAT_CHARS
                ? "chat longer than " + MAX_CHAT_CHARS + " characters" : null)
        .event("chat", ChatLine.getDefaultInstance())
        .event("kill", Kill.getDefaultInstance())
        .event("hit", Hit.getDefaultInstance())
        .schema(SCHEMA)
        .world(rules.mapWidth(), rules.mapHeight(), rules.positionScale())
        .constant("playerSpeed", rules.playerSpeed())
        .constant("playerRadius", rules.playerRadius())
        .constant("projectileSpeed", rules.projectileSpeed())
        .constant("projectileLifetimeMs", rules.projectileLifetimeMs())
        .constant("hitRadius", rules.hitRadius())
        .constant("fireCooldownMs", rules.fireCooldownMs())
        .constant("maxHp", rules.maxHp())
        .build();
  }

  /** Null for an input in range, else why not. */
  static String checkInput(ArenaInput in) {
    if (in.getMoveX() < -127 || in.getMoveX() > 127 || in.getMoveY() < -127
        || in.getMoveY() > 127) {
      return "move out of range -127..127";
    }
    if (Integer.compareUnsigned(in.getAim(), 0xFFFF) > 0) {
      return "aim out of range 0..65535";
    }
    return null;
  }

  @Override
  public int onJoin(Player player) {
    int id = addPlayer(player.name());
    byEntity.put(id, player);
    return id;
  }

  @Override
  public void onDrop(Player player) {
    applyInput(player.entityId(), PlayerInput.IDLE); // a lost player stands still
  }

  @Override
  public void onLeave(Player player, LeaveReason reason) {
    byEntity.remove(player.entityId());
    removePlayer(player.entityId());
  }

  @Override
  public void onInput(Player player, ArenaInput in) {
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
    respawn(i);
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
    if (i < 0) {
      return;
    }
    int mx = input.moveX();
    int my = input.moveY();
    double len = Math.sqrt(mx * mx + my * my);
    if (len == 0) {
      players.vx[i] = 0;
      players.vy[i] = 0;
    } else {
      // Normalised so that a diagonal is not faster; a smaller stick is proportionally slower.
      double perTick = rules.playerSpeed() * Math.min(1.0, len / 127.0) / tickRate;
      players.vx[i] = mx / len * perTick;
      players.vy[i] = my / len * perTick;
    }
    players.aim[i] = input.aim();
    players.fire[i] = input.fire();
  }

  @Override
  public void step(int tick) {
    if (tick <= lastTick) {
      throw new IllegalArgumentException("tick must grow: " + tick + " after " + lastTick);
    }
    lastTick = tick;
    movePlayers();
    moveProjectiles(tick); // against the players' new positions
    fire(tick); // new projectiles start at the shooters' new positions
  }

  @Override
  public void writeState(EntityTable out) {
    if (out.fieldCount() != SCHEMA.fieldCount()) {
      throw new IllegalArgumentException("table has " + out.fieldCount() + " fields, need "
          + SCHEMA.fieldCount());
    }
    out.clear();
    ArenaPlayers p = players;
    ArenaProjectiles q = projectiles;
    int i = 0;
    int j = 0;
    while (i < p.count || j < q.count) { // merge the two id-sorted lists
      if (j == q.count || (i < p.count && p.id[i] < q.id[j])) {
        int row = out.add(p.id[i], p.name[i]);
        out.set(row, KIND, KIND_PLAYER);
        out.set(row, X, wire(p.x[i]));
        out.set(row, Y, wire(p.y[i]));
        out.set(row, VX, p.stepX[i]);
        out.set(row, VY, p.stepY[i]);
        out.set(row, AIM, ((p.aim[i] + 128) >> 8) & 0xFF); // round(aim / 256) mod 256
        out.set(row, HP, p.hp[i]);
        out.set(row, SCORE, p.score[i]);
        out.set(row, DEATHS, p.deaths[i]);
        i++;
      } else {
        int row = out.add(q.id[j], null);
        out.set(row, KIND, KIND_PROJECTILE);
        out.set(row, X, q.wireX[j]);
        out.set(row, Y, q.wireY[j]);
        out.set(row, OWNER, q.owner[j]);
        out.set(row, SPAWN_TICK, q.spawnTick[j]);
        out.set(row, HEADING, q.heading[j]);
        j++;
      }
    }
  }

  @Override
  public void restore(EntityTable state, int tick) {
    if (state.fieldCount() != SCHEMA.fieldCount()) {
      throw new IllegalArgumentException("state has " + state.fieldCount() + " fields");
    }
    while (players.count > 0) {
      players.remove(players.count - 1);
    }
    projectiles.count = 0;
    int maxId = 0;
    for (int r = 0; r < state.size(); r++) {
      int id = state.id(r);
      maxId = Math.max(maxId, id);
      if (state.get(r, KIND) == KIND_PLAYER) {
        int i = players.append(id, state.name(r) == null ? "player" : state.name(r));
        players.x[i] = state.get(r, X) / (double) scale;
        players.y[i] = state.get(r, Y) / (double) scale;
        players.aim[i] = (state.get(r, AIM) << 8) & 0xFFFF;
        players.hp[i] = state.get(r, HP);
        players.score[i] = state.get(r, SCORE);
        players.deaths[i] = state.get(r, DEATHS);
      } else {
        addProjectile(id, state.get(r, OWNER), state.get(r, SPAWN_TICK), state.get(r, HEADING),
            state.get(r, X), state.get(r, Y));
      }
    }
    nextId = maxId + 1;
    lastTick = tick;
  }

  /** Projectiles' rows hold their origin; interest needs where they are now. */
  @Override
  public boolean positions(EntityTable state, int tick, int[] xs, int[] ys) {
    double speed = rules.projectileSpeed() * rules.positionScale();
    for (int r = 0; r < state.size(); r++) {
      int x = state.get(r, X);
      int y = state.get(r, Y);
      if (state.get(r, KIND) == KIND_PROJECTILE) {
        double a = headingRadians(state.get(r, HEADING));
        double dist = speed * (tick - state.get(r, SPAWN_TICK)) / tickRate;
        x += (int) (dist * Math.cos(a));
        y += (int) (dist * Math.sin(a));
      }
      xs[r] = x;
      ys[r] = y;
    }
    return true;
  }

  /** Test hook: puts a player at ({@code x}, {@code y}), clamped and snapped like a move. */
  void teleport(int id, double x, double y) {
    int i = requirePlayer(id);
    players.x[i] = snap(clamp(x, minX, maxX));
    players.y[i] = snap(clamp(y, minY, maxY));
  }

  private void movePlayers() {
    ArenaPlayers p = players;
    for (int i = 0; i < p.count; i++) {
      double x0 = p.x[i];
      double y0 = p.y[i];
      if (p.vx[i] != 0 || p.vy[i] != 0) {
        p.x[i] = snap(clamp(p.x[i] + p.vx[i], minX, maxX));
        p.y[i] = snap(clamp(p.y[i] + p.vy[i], minY, maxY));
      }
      // On the grid, a steady intent moves by the same whole number of wire units each tick.
      p.stepX[i] = wire(p.x[i]) - wire(x0);
      p.stepY[i] = wire(p.y[i]) - wire(y0);
    }
  }

  /** Flies every projectile to {@code tick}; removes the expired, the hits and the lost ones. */
  private void moveProjectiles(int tick) {
    ArenaProjectiles q = projectiles;
    double speed = rules.projectileSpeed();
    long lifetimeMsTimesRate = (long) rules.projectileLifetimeMs() * tickRate;
    if (q.count > 0) {
      grid.build(players); // players have moved; hit tests see where they are now
    }
    int kept = 0;
    for (int r = 0; r < q.count; r++) {
      long age = tick - q.spawnTick[r];
      boolean keep = false;
      if (age * 1000 < lifetimeMsTimesRate) { // else age / tickRate >= lifetime: expired
        double x0 = projectileCoordinate(q.originX[r], speed, age - 1, tickRate, q.cos[r]);
        double y0 = projectileCoordinate(q.originY[r], speed, age - 1, tickRate, q.sin[r]);
        double x1 = projectileCoordinate(q.originX[r], speed, age, tickRate, q.cos[r]);
        double y1 = projectileCoordinate(q.originY[r], speed, age, tickRate, q.sin[r]);
        int victim = grid.firstHit(q.owner[r], x0, y0, x1, y1, rules.hitRadius());
        if (victim >= 0) {
          hit(victim, q.owner[r], x1, y1);
        } else {
          keep = x1 >= 0 && x1 <= rules.mapWidth() && y1 >= 0 && y1 <= rules.mapHeight();
        }
      }
      if (keep) {
        if (kept != r) {
          q.copy(r, kept);
        }
        kept++;
      }
    }
    q.count = kept;
  }

  private void hit(int victim, int shooterId, double x, double y) {
    ArenaPlayers p = players;
    p.hp[victim] -= rules.damage();
    // A hit marker for the shooter and a damage flash for the target: nobody else needs it.
    Hit hitEvent = Hit.newBuilder().setShooter(shooterId).setTarget(p.id[victim])
        .setDamage(rules.damage()).setX(wire(x)).setY(wire(y)).build();
    Player target = byEntity.get(p.id[victim]);
    Player marker = byEntity.get(shooterId);
    if (target != null) {
      room.send(target, hitEvent);
    }
    if (marker != null && marker != target) {
      room.send(marker, hitEvent);
    }
    if (p.hp[victim] <= 0) {
      // The kill feed of those who see it: the whole room of 16, a neighbourhood of a big world
      // (broadcast to a thousand players, kills were a fifth of their bytes).
      room.sendToViewersOf(p.id[victim],
          Kill.newBuilder().setKiller(shooterId).setVictim(p.id[victim]).build());
      p.deaths[victim]++;
      respawn(victim);
      grid.moved(victim); // later projectiles of this tick test it where it respawned
      int shooter = p.indexOf(shooterId);
      if (shooter >= 0) { // the shooter may have left; its projectiles fly on
        p.score[shooter]++;
      }
    }
  }

  private void fire(int tick) {
    ArenaPlayers p = players;
    for (int i = 0; i < p.count; i++) {
      if (p.fire[i] && tick - p.lastFire[i] >= cooldownTicks) {
        p.lastFire[i] = tick;
        spawnProjectile(i, tick);
      }
    }
  }

  private void spawnProjectile(int shooter, int tick) {
    addProjectile(newId(), players.id[shooter], tick, players.aim[shooter],
        wire(players.x[shooter]), wire(players.y[shooter]));
  }

  /** A projectile from its wire fields (a new one's, or a checkpoint's). */
  private void addProjectile(int id, int owner, int spawnTick, int heading, int wireX,
      int wireY) {
    ArenaProjectiles q = projectiles;
    int j = q.append(id);
    q.owner[j] = owner;
    q.spawnTick[j] = spawnTick;
    q.heading[j] = heading;
    // The origin as sent is the origin: the sim flies from the snapped point.
    q.wireX[j] = wireX;
    q.wireY[j] = wireY;
    q.originX[j] = q.wireX[j] / (double) scale;
    q.originY[j] = q.wireY[j] / (double) scale;
    double angle = headingRadians(q.heading[j]);
    q.cos[j] = StrictMath.cos(angle); // StrictMath: the same bits on every JVM
    q.sin[j] = StrictMath.sin(angle);
  }

  /** Full hit points at a random point of the map, on the wire grid. */
  private void respawn(int i) {
    players.x[i] = snap(minX + random.nextDouble() * (maxX - minX));
    players.y[i] = snap(minY + random.nextDouble() * (maxY - minY));
    players.hp[i] = rules.maxHp();
    players.stepX[i] = 0; // a teleport, not a step
    players.stepY[i] = 0;
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

  private int wire(double units) {
    return (int) Math.round(units * scale);
  }

  private double snap(double units) {
    return Math.round(units * scale) / (double) scale;
  }

  private static double clamp(double v, double lo, double hi) {
    return v < lo ? lo : (v > hi ? hi : v);
  }
}
