package dev.tickstream.games.arena;

import static dev.tickstream.games.arena.ArenaGame.projectileCoordinate;

import java.util.function.IntSupplier;

/**
 * Shots and hits. A player holding the trigger fires once its cooldown has passed
 * ({@link #fire}); a projectile flies its closed-form path ({@link
 * ArenaGame#projectileCoordinate}) and, each tick, hits the first player other than its owner
 * that the tick's segment of that path passes within {@code hitRadius} of ({@link #fly}). A hit
 * takes {@code damage}; a player out of hit points respawns and its shooter scores.
 *
 * <p>Hit tests go through a {@link PlayerGrid}, which gives exactly what a scan over every
 * player would. Room thread only.
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

  ArenaCombat(ArenaRules rules, int tickRate, ArenaPlayers players, ArenaProjectiles projectiles,
      ArenaMovement movement, ArenaEvents events, IntSupplier newId) {
    this.rules = rules;
    this.tickRate = tickRate;
    this.cooldownTicks = rules.fireCooldownTicks(tickRate);
    this.players = players;
    this.projectiles = projectiles;
    this.movement = movement;
    this.events = events;
    this.newId = newId;
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

  /** Every player holding the trigger whose cooldown has passed shoots along its aim. */
  void fire(int tick) {
    ArenaPlayers p = players;
    for (int i = 0; i < p.count; i++) {
      if (p.fire[i] && tick - p.lastFire[i] >= cooldownTicks) {
        p.lastFire[i] = tick;
        // Sent once as origin, heading and spawn tick: it never changes afterwards.
        projectiles.append(newId.getAsInt(), p.id[i], tick, p.aim[i], rules.toWire(p.x[i]),
            rules.toWire(p.y[i]), rules);
      }
    }
  }

  /** Player row {@code victim} is hit at ({@code x}, {@code y}) by a shot of {@code shooterId}. */
  private void hit(int victim, int shooterId, double x, double y) {
    ArenaPlayers p = players;
    p.hp[victim] -= rules.damage();
    events.hit(shooterId, p.id[victim], rules.damage(), rules.toWire(x), rules.toWire(y));
    if (p.hp[victim] <= 0) {
      events.kill(shooterId, p.id[victim]);
      p.deaths[victim]++;
      movement.respawn(victim);
      grid.moved(victim); // later projectiles of this tick test it where it respawned
      int shooter = p.indexOf(shooterId);
      if (shooter >= 0) { // the shooter may have left; its projectiles fly on
        p.score[shooter]++;
      }
    }
  }
}
