package dev.tickstream.games.arena;

import static dev.tickstream.games.arena.ArenaGame.projectileCoordinate;

import dev.tickstream.sim.GameRoom;
import dev.tickstream.sim.Rewind;
import java.util.function.IntSupplier;

/**
 * Shots and hits. A player holding the trigger fires once its cooldown has passed
 * ({@link #fire}); a projectile flies its closed-form path ({@link
 * ArenaGame#projectileCoordinate}) and, each tick, hits the first player other than its owner
 * that the tick's segment of that path passes within {@code hitRadius} of ({@link #fly}). A hit
 * takes {@code damage}; a player out of hit points respawns and its shooter scores.
 *
 * <p>Lag compensation: a shot flies in its shooter's time. Its shooter saw the others
 * {@code lag} ticks in the past when it fired (its input's view tick), so the shot's segment
 * of tick t is tested against where players were at {@code t - lag} ({@link Rewind}), as the
 * shooter's screen shows them when the shot gets there; the shot itself starts where the
 * shooter is now. A player killed since that tick cannot be hit where it died. Shots without
 * lag test the present.
 *
 * <p>Present hit tests go through a {@link PlayerGrid}, which gives exactly what a scan over
 * every player would. Room thread only.
 */
final class ArenaCombat {
  private final ArenaRules rules;
  private final int tickRate;
  private final int cooldownTicks;
  private final ArenaPlayers players;
  private final ArenaProjectiles projectiles;
  private final ArenaMovement movement;
  private final ArenaEvents events;
  /** Entity ids for new projectiles, from the game's one counter (players take ids too). */
  private final IntSupplier newId;
  private final PlayerGrid grid;
  /** Its {@link GameRoom#rewind()}: where players were. */
  private final GameRoom room;

  ArenaCombat(ArenaRules rules, int tickRate, ArenaPlayers players, ArenaProjectiles projectiles,
      ArenaMovement movement, ArenaEvents events, IntSupplier newId, GameRoom room) {
    this.rules = rules;
    this.tickRate = tickRate;
    this.cooldownTicks = rules.fireCooldownTicks(tickRate);
    this.players = players;
    this.projectiles = projectiles;
    this.movement = movement;
    this.events = events;
    this.newId = newId;
    this.room = room;
    // A tick's flight plus a hit diameter: a segment's hit box then spans at most 2x2 cells.
    this.grid = new PlayerGrid(rules.mapWidth(), rules.mapHeight(),
        rules.projectileSpeed() / tickRate + 2 * rules.hitRadius());
  }

  /** Flies every projectile to {@code tick}; removes the expired, the hits and the lost ones. */
  void fly(int tick) {
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
        int victim = q.lag[r] == 0
            ? grid.firstHit(q.owner[r], x0, y0, x1, y1, rules.hitRadius())
            : firstHitAt(tick - q.lag[r], q.owner[r], x0, y0, x1, y1);
        if (victim >= 0) {
          hit(tick, victim, q.owner[r], x1, y1);
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

  /** Every player holding the trigger whose cooldown has passed shoots along its aim. */
  void fire(int tick) {
    ArenaPlayers p = players;
    for (int i = 0; i < p.count; i++) {
      if (p.fire[i] && tick - p.lastFire[i] >= cooldownTicks) {
        p.lastFire[i] = tick;
        // Sent once as origin, heading and spawn tick: it never changes afterwards.
        int j = projectiles.append(newId.getAsInt(), p.id[i], tick, p.aim[i],
            rules.toWire(p.x[i]), rules.toWire(p.y[i]), rules);
        projectiles.lag[j] = p.lag[i];
      }
    }
  }

  /**
   * The row of the first player other than {@code owner} that the segment passed within
   * {@code hitRadius} of at tick {@code judged}, from the room's history; -1 for none. A player
   * that has respawned since was elsewhere then: it died there.
   */
  private int firstHitAt(int judged, int owner, double x0, double y0, double x1, double y1) {
    double s = rules.positionScale();
    int[] along = room.rewind().entitiesAlong(x0 * s, y0 * s, x1 * s, y1 * s, rules.hitRadius() * s,
        judged);
    for (int id : along) {
      int i = id == owner ? -1 : players.indexOf(id); // projectiles and the gone are not here
      if (i >= 0 && players.respawnedAt[i] <= judged) {
        return i;
      }
    }
    return -1;
  }

  /** Player row {@code victim} is hit at ({@code x}, {@code y}) by a shot of {@code shooterId}. */
  private void hit(int tick, int victim, int shooterId, double x, double y) {
    ArenaPlayers p = players;
    p.hp[victim] -= rules.damage();
    events.hit(shooterId, p.id[victim], rules.damage(), rules.toWire(x), rules.toWire(y));
    if (p.hp[victim] <= 0) {
      events.kill(shooterId, p.id[victim]);
      p.deaths[victim]++;
      movement.respawn(victim);
      p.respawnedAt[victim] = tick;
      grid.moved(victim); // later projectiles of this tick test it where it respawned
      int shooter = p.indexOf(shooterId);
      if (shooter >= 0) { // the shooter may have left; its projectiles fly on
        p.score[shooter]++;
      }
    }
  }
}
