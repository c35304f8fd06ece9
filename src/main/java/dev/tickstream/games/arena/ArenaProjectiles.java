package dev.tickstream.games.arena;

import java.util.Arrays;

/**
 * The arena's projectiles as parallel arrays, sorted by id (new ones are appended, ids only
 * grow). A projectile is fixed at spawn: origin, heading and spawn tick; its position at any
 * tick is computed, never stored. Owned by {@link ArenaGame}; its combat and rows read and
 * write the arrays directly; rows {@code 0..count-1} are live.
 */
final class ArenaProjectiles {
  int count;
  int[] id = new int[64];
  int[] owner = new int[64];
  int[] spawnTick = new int[64];
  int[] heading = new int[64]; // 0..65535 per turn
  int[] wireX = new int[64]; // origin as sent
  int[] wireY = new int[64];
  double[] originX = new double[64]; // the same origin in map units
  double[] originY = new double[64];
  double[] cos = new double[64]; // of the heading, computed once
  double[] sin = new double[64];
  /**
   * Its shooter's lag in ticks when it fired: it hits players where they were that many ticks
   * earlier (lag compensation). Not in the wire state: a restored projectile has none.
   */
  int[] lag = new int[64];

  /**
   * Appends a projectile from its wire fields (a new shot's, or a checkpoint's row) and returns
   * its row. The origin as sent is the origin: the sim flies from the snapped point.
   */
  int append(int projectileId, int ownerId, int tick, int headingTurn, int wireOriginX,
      int wireOriginY, ArenaRules rules) {
    if (count == id.length) {
      grow(count * 2);
    }
    int j = count++;
    id[j] = projectileId;
    owner[j] = ownerId;
    spawnTick[j] = tick;
    heading[j] = headingTurn;
    wireX[j] = wireOriginX;
    wireY[j] = wireOriginY;
    originX[j] = rules.fromWire(wireOriginX);
    originY[j] = rules.fromWire(wireOriginY);
    double angle = ArenaGame.headingRadians(headingTurn);
    cos[j] = StrictMath.cos(angle); // StrictMath: the same bits on every JVM
    sin[j] = StrictMath.sin(angle);
    lag[j] = 0;
    return j;
  }

  /** Copies row {@code from} over row {@code to} (compaction after removals). */
  void copy(int from, int to) {
    id[to] = id[from];
    owner[to] = owner[from];
    spawnTick[to] = spawnTick[from];
    heading[to] = heading[from];
    wireX[to] = wireX[from];
    wireY[to] = wireY[from];
    originX[to] = originX[from];
    originY[to] = originY[from];
    cos[to] = cos[from];
    sin[to] = sin[from];
    lag[to] = lag[from];
  }

  private void grow(int cap) {
    id = Arrays.copyOf(id, cap);
    owner = Arrays.copyOf(owner, cap);
    spawnTick = Arrays.copyOf(spawnTick, cap);
    heading = Arrays.copyOf(heading, cap);
    wireX = Arrays.copyOf(wireX, cap);
    wireY = Arrays.copyOf(wireY, cap);
    originX = Arrays.copyOf(originX, cap);
    originY = Arrays.copyOf(originY, cap);
    cos = Arrays.copyOf(cos, cap);
    sin = Arrays.copyOf(sin, cap);
    lag = Arrays.copyOf(lag, cap);
  }
}
