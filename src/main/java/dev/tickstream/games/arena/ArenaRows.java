package dev.tickstream.games.arena;

import static dev.tickstream.games.arena.ArenaGame.KIND_PLAYER;
import static dev.tickstream.games.arena.ArenaGame.KIND_PROJECTILE;

import dev.tickstream.wire.EntityTable;

/**
 * The world as rows of {@link ArenaGame#SCHEMA}: written each tick, read back on a restore, and
 * placed for area of interest. A player's row holds all of it but its intent (that comes with
 * the next input); a projectile's row holds its origin, heading and spawn tick, from which
 * everything else about it is computed, so reading what was written flies it on identically.
 */
final class ArenaRows {
  /** Field indices, in the order of {@link ArenaGame#SCHEMA}. */
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

  private ArenaRows() {}

  /**
   * Clears {@code out}, then writes players and projectiles in ascending ids: both arrays are
   * sorted by id already, so this merges them.
   */
  static void write(EntityTable out, ArenaRules rules, ArenaPlayers p, ArenaProjectiles q) {
    out.clear();
    int i = 0;
    int j = 0;
    while (i < p.count || j < q.count) {
      if (j == q.count || (i < p.count && p.id[i] < q.id[j])) {
        int row = out.add(p.id[i], p.name[i]);
        out.set(row, KIND, KIND_PLAYER);
        out.set(row, X, rules.toWire(p.x[i]));
        out.set(row, Y, rules.toWire(p.y[i]));
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

  /**
   * Replaces the players and projectiles with the rows of {@code state} (players idle, free to
   * fire); returns the largest id found.
   */
  static int read(EntityTable state, ArenaRules rules, ArenaPlayers p, ArenaProjectiles q) {
    p.clear();
    q.count = 0;
    int maxId = 0;
    for (int r = 0; r < state.size(); r++) {
      int id = state.id(r);
      maxId = Math.max(maxId, id);
      if (state.get(r, KIND) == KIND_PLAYER) {
        int i = p.append(id, state.name(r) == null ? "player" : state.name(r));
        p.x[i] = rules.fromWire(state.get(r, X));
        p.y[i] = rules.fromWire(state.get(r, Y));
        p.aim[i] = (state.get(r, AIM) << 8) & 0xFFFF;
        p.hp[i] = state.get(r, HP);
        p.score[i] = state.get(r, SCORE);
        p.deaths[i] = state.get(r, DEATHS);
      } else {
        q.append(id, state.get(r, OWNER), state.get(r, SPAWN_TICK), state.get(r, HEADING),
            state.get(r, X), state.get(r, Y), rules);
      }
    }
    return maxId;
  }

  /**
   * Where each row of {@code state} is at {@code tick}, wire units: a player's row holds its
   * position, a projectile's its origin, so a projectile is flown to {@code tick}.
   */
  static void positions(EntityTable state, int tick, ArenaRules rules, int tickRate, int[] xs,
      int[] ys) {
    double speed = rules.projectileSpeed() * rules.positionScale();
    for (int r = 0; r < state.size(); r++) {
      int x = state.get(r, X);
      int y = state.get(r, Y);
      if (state.get(r, KIND) == KIND_PROJECTILE) {
        double a = ArenaGame.headingRadians(state.get(r, HEADING));
        double dist = speed * (tick - state.get(r, SPAWN_TICK)) / tickRate;
        x += (int) (dist * Math.cos(a));
        y += (int) (dist * Math.sin(a));
      }
      xs[r] = x;
      ys[r] = y;
    }
  }
}
