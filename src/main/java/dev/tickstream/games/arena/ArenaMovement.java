package dev.tickstream.games.arena;

import java.util.SplittableRandom;

/**
 * Where the arena's players are: an input's stick becomes a velocity ({@link #steer}), each step
 * moves every player by its velocity ({@link #step}), and a spawn puts one at a random point
 * ({@link #respawn}). A position is clamped to the map and snapped to the wire grid after every
 * change, so the state written is exactly the state simulated.
 *
 * <p>Holds the game's only random source: spawn points are all that is random, so a seed
 * repeats a run. Room thread only.
 */
final class ArenaMovement {
  private final ArenaRules rules;
  private final int tickRate;
  private final ArenaPlayers players;
  private final SplittableRandom random;
  /** Clamp bounds of a player's centre, on the wire grid. */
  private final double minX;
  private final double maxX;
  private final double minY;
  private final double maxY;

  ArenaMovement(ArenaRules rules, int tickRate, long seed, ArenaPlayers players) {
    this.rules = rules;
    this.tickRate = tickRate;
    this.players = players;
    this.random = new SplittableRandom(seed);
    int scale = rules.positionScale();
    this.minX = Math.ceil(rules.playerRadius() * scale) / scale;
    this.maxX = Math.floor((rules.mapWidth() - rules.playerRadius()) * scale) / scale;
    this.minY = Math.ceil(rules.playerRadius() * scale) / scale;
    this.maxY = Math.floor((rules.mapHeight() - rules.playerRadius()) * scale) / scale;
  }

  /** Sets row {@code i}'s intent; it holds until the next input. */
  void steer(int i, PlayerInput input) {
    ArenaPlayers p = players;
    int mx = input.moveX();
    int my = input.moveY();
    double len = Math.sqrt(mx * mx + my * my);
    if (len == 0) {
      p.vx[i] = 0;
      p.vy[i] = 0;
    } else {
      // Normalised so that a diagonal is not faster; a smaller stick is proportionally slower.
      double perTick = rules.playerSpeed() * Math.min(1.0, len / 127.0) / tickRate;
      p.vx[i] = mx / len * perTick;
      p.vy[i] = my / len * perTick;
    }
    p.aim[i] = input.aim();
    p.fire[i] = input.fire();
  }

  /** Moves every player by its velocity and records the step in wire units (the row's vx, vy). */
  void step() {
    ArenaPlayers p = players;
    for (int i = 0; i < p.count; i++) {
      double x0 = p.x[i];
      double y0 = p.y[i];
      if (p.vx[i] != 0 || p.vy[i] != 0) {
        p.x[i] = rules.snap(clamp(p.x[i] + p.vx[i], minX, maxX));
        p.y[i] = rules.snap(clamp(p.y[i] + p.vy[i], minY, maxY));
      }
      // On the grid, a steady intent moves by the same whole number of wire units each tick.
      p.stepX[i] = rules.toWire(p.x[i]) - rules.toWire(x0);
      p.stepY[i] = rules.toWire(p.y[i]) - rules.toWire(y0);
    }
  }

  /** Full hit points at a random point of the map, on the wire grid (a join or a death). */
  void respawn(int i) {
    ArenaPlayers p = players;
    p.x[i] = rules.snap(minX + random.nextDouble() * (maxX - minX));
    p.y[i] = rules.snap(minY + random.nextDouble() * (maxY - minY));
    p.hp[i] = rules.maxHp();
    p.stepX[i] = 0; // a teleport, not a step
    p.stepY[i] = 0;
  }

  /** Puts row {@code i} at ({@code x}, {@code y}), clamped and snapped like a move (tests). */
  void teleport(int i, double x, double y) {
    players.x[i] = rules.snap(clamp(x, minX, maxX));
    players.y[i] = rules.snap(clamp(y, minY, maxY));
  }

  private static double clamp(double v, double lo, double hi) {
    return v < lo ? lo : (v > hi ? hi : v);
  }
}
