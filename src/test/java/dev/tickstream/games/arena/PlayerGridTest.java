package dev.tickstream.games.arena;

import dev.tickstream.wire.EntityTable;
import dev.tickstream.sim.Game;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The grid's hit test against the linear scan it replaced, on many seeded random worlds. */
class PlayerGridTest {

  /** ArenaGame.firstHit as it was before the grid: the oracle. */
  private static int linearFirstHit(ArenaPlayers p, double hitRadius, int owner,
      double x0, double y0, double x1, double y1) {
    double r2 = hitRadius * hitRadius;
    double dx = x1 - x0;
    double dy = y1 - y0;
    double a = dx * dx + dy * dy;
    double hr = hitRadius;
    double loX = Math.min(x0, x1) - hr;
    double hiX = Math.max(x0, x1) + hr;
    double loY = Math.min(y0, y1) - hr;
    double hiY = Math.max(y0, y1) + hr;
    int best = -1;
    double bestS = Double.POSITIVE_INFINITY;
    for (int i = 0; i < p.count; i++) {
      double px = p.x[i];
      double py = p.y[i];
      if (px < loX || px > hiX || py < loY || py > hiY || p.id[i] == owner) {
        continue;
      }
      double s = entry(x0 - px, y0 - py, dx, dy, a, r2);
      if (s < bestS) { // strict: on a tie the lower id wins
        bestS = s;
        best = i;
      }
    }
    return best;
  }

  /** The same scan backwards: on a tie the higher row. It differs from the oracle only on ties. */
  private static int linearLastOnTie(ArenaPlayers p, double hitRadius, int owner,
      double x0, double y0, double x1, double y1) {
    double r2 = hitRadius * hitRadius;
    double dx = x1 - x0;
    double dy = y1 - y0;
    int best = -1;
    double bestS = Double.POSITIVE_INFINITY;
    for (int i = p.count - 1; i >= 0; i--) {
      if (p.id[i] != owner) {
        double s = entry(x0 - p.x[i], y0 - p.y[i], dx, dy, dx * dx + dy * dy, r2);
        if (s < bestS) {
          bestS = s;
          best = i;
        }
      }
    }
    return best;
  }

  private static double entry(double fx, double fy, double dx, double dy, double a, double r2) {
    double c = fx * fx + fy * fy - r2;
    if (c <= 0) {
      return 0;
    }
    double b = fx * dx + fy * dy;
    if (a == 0 || b >= 0) {
      return Double.POSITIVE_INFINITY;
    }
    double disc = b * b - a * c;
    if (disc < 0) {
      return Double.POSITIVE_INFINITY;
    }
    double s = (-b - Math.sqrt(disc)) / a;
    return s <= 1 ? s : Double.POSITIVE_INFINITY;
  }

  /** What the random worlds exercised, so that a generator that stops hitting fails the test. */
  private long hits;
  private long ties;
  private long ownerExcluded;
  private long queries;

  @Test
  void equalsLinearScanOnRandomWorlds() {
    for (int seed = 0; seed < 300; seed++) {
      world(new SplittableRandom(seed), seed);
    }
    assertTrue(hits > 5_000, "hits " + hits + " of " + queries);
    assertTrue(ties > 200, "ties " + ties);
    assertTrue(ownerExcluded > 1_000, "owner exclusions " + ownerExcluded);
  }

  @Test
  void tieGoesToLowerIdAndOwnerIsSkipped() {
    ArenaPlayers p = new ArenaPlayers();
    place(p, 3, 500, 500);
    place(p, 5, 100, 100);
    place(p, 9, 100, 100); // same point as 5: the same entry
    PlayerGrid g = new PlayerGrid(1000, 1000, 70);
    g.build(p);
    assertEquals(1, g.firstHit(0, 50, 100, 80, 100, 20));
    assertEquals(2, g.firstHit(5, 50, 100, 80, 100, 20));
    assertEquals(-1, g.firstHit(0, 50, 300, 80, 300, 20));
    p.x[0] = 100; // a respawn between two hit tests of one tick
    p.y[0] = 100;
    g.moved(0);
    assertEquals(0, g.firstHit(0, 50, 100, 80, 100, 20));
  }

  @Test
  void warmTickAllocatesNothing() {
    ArenaPlayers p = new ArenaPlayers();
    SplittableRandom rnd = new SplittableRandom(3);
    for (int i = 0; i < 1000; i++) {
      place(p, i + 1, rnd.nextDouble() * 5000, rnd.nextDouble() * 5000);
    }
    PlayerGrid g = new PlayerGrid(5000, 5000, 70);
    var threads = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory
        .getThreadMXBean();
    long allocated = Long.MAX_VALUE;
    long found = 0;
    for (int pass = 0; pass < 8; pass++) {
      long before = threads.getCurrentThreadAllocatedBytes();
      g.build(p);
      for (int k = 0; k < 2000; k++) {
        double x = rnd.nextDouble() * 5000;
        double y = rnd.nextDouble() * 5000;
        int hit = g.firstHit(0, x, y, x + 30, y, 20);
        if (hit >= 0) {
          found++;
          p.x[hit] = rnd.nextDouble() * 5000; // respawned
          g.moved(hit);
        }
      }
      if (pass > 0) {
        allocated = Math.min(allocated, threads.getCurrentThreadAllocatedBytes() - before);
      }
    }
    assertTrue(found > 0);
    // The least over passes: the JIT may materialise a few bytes while it recompiles.
    assertEquals(0, allocated, "bytes allocated by a warm build and 2,000 hit tests");
  }

  private static void place(ArenaPlayers p, int id, double x, double y) {
    int i = p.append(id, "p" + id);
    p.x[i] = x;
    p.y[i] = y;
  }

  private void world(SplittableRandom rnd, int seed) {
    double w = 40 + rnd.nextInt(6000);
    double h = rnd.nextInt(4) == 0 ? w : 40 + rnd.nextInt(6000);
    double hr = 0.5 + rnd.nextDouble() * 40;
    double travel = 1 + rnd.nextDouble() * 80;
    int cellKind = rnd.nextInt(6);
    double minCell = cellKind == 0 ? 0.01 // more cells than the cap allows
        : cellKind == 1 ? 2 * Math.max(w, h) // one cell
        : travel + 2 * hr;
    PlayerGrid grid = new PlayerGrid(w, h, minCell);
    double cellW = w / grid.cols();
    double cellH = h / grid.rows();
    ArenaPlayers p = new ArenaPlayers();
    int n = rnd.nextInt(400);
    int id = 0;
    for (int i = 0; i < n; i++) {
      id += 1 + rnd.nextInt(3);
      p.append(id, null);
      position(rnd, p, i, w, h, cellW, cellH);
    }
    grid.build(p);
    for (int round = 0; round < 3; round++) {
      for (int q = 0; q < 150; q++) {
        query(rnd, p, grid, w, h, hr, travel, "seed " + seed + " round " + round + " query " + q);
        if (p.count > 0 && rnd.nextInt(8) == 0) {
          int i = rnd.nextInt(p.count); // a respawn mid-tick
          position(rnd, p, i, w, h, cellW, cellH);
          grid.moved(i);
        }
      }
      // Next tick: some players left, the rest moved, and the grid is rebuilt.
      for (int k = rnd.nextInt(Math.max(1, p.count / 4)); k > 0 && p.count > 0; k--) {
        p.remove(rnd.nextInt(p.count));
      }
      for (int i = 0; i < p.count; i++) {
        if (rnd.nextInt(3) == 0) {
          position(rnd, p, i, w, h, cellW, cellH);
        }
      }
      grid.build(p);
    }
  }

  private static void position(SplittableRandom rnd, ArenaPlayers p, int i, double w, double h,
      double cellW, double cellH) {
    double x;
    double y;
    switch (rnd.nextInt(8)) {
      case 0 -> { // on an edge
        x = rnd.nextBoolean() ? (rnd.nextBoolean() ? 0 : w) : rnd.nextDouble() * w;
        y = rnd.nextBoolean() ? (rnd.nextBoolean() ? 0 : h) : rnd.nextDouble() * h;
      }
      case 1 -> { // in a corner
        x = rnd.nextBoolean() ? 0 : w;
        y = rnd.nextBoolean() ? 0 : h;
      }
      case 2 -> { // on a cell boundary
        x = Math.min(w, rnd.nextInt((int) (w / cellW) + 1) * cellW);
        y = Math.min(h, rnd.nextInt((int) (h / cellH) + 1) * cellH);
      }
      case 3 -> { // where another player is: equal entries, ties
        int j = i == 0 ? 0 : rnd.nextInt(i);
        x = i == 0 ? w / 2 : p.x[j];
        y = i == 0 ? h / 2 : p.y[j];
      }
      case 4 -> { // a little off the map (a restored state is not clamped)
        x = -30 + rnd.nextDouble() * (w + 60);
        y = -30 + rnd.nextDouble() * (h + 60);
      }
      case 5 -> { // crowded in a corner of the map, on the half-unit wire grid
        x = Math.round(rnd.nextDouble() * Math.min(w, 150) * 2) / 2.0;
        y = Math.round(rnd.nextDouble() * Math.min(h, 150) * 2) / 2.0;
      }
      default -> {
        x = rnd.nextDouble() * w;
        y = rnd.nextDouble() * h;
      }
    }
    p.x[i] = x;
    p.y[i] = y;
  }

  private void query(SplittableRandom rnd, ArenaPlayers p, PlayerGrid grid, double w, double h,
      double hr, double travel, String where) {
    double x0;
    double y0;
    int kind = rnd.nextInt(5);
    if (p.count > 0 && kind <= 1) { // from near a player, or from its centre
      int j = rnd.nextInt(p.count);
      x0 = p.x[j] + (kind == 0 ? (rnd.nextDouble() * 2 - 1) * 3 * hr : 0);
      y0 = p.y[j] + (kind == 0 ? (rnd.nextDouble() * 2 - 1) * 3 * hr : 0);
    } else if (kind == 2) { // near the map's border, often flying off it
      x0 = rnd.nextBoolean() ? rnd.nextDouble() * 2 * travel - travel : w - rnd.nextDouble() * travel;
      y0 = rnd.nextDouble() * h;
    } else {
      x0 = -travel + rnd.nextDouble() * (w + 2 * travel);
      y0 = -travel + rnd.nextDouble() * (h + 2 * travel);
    }
    double len = switch (rnd.nextInt(6)) {
      case 0 -> 0;
      case 1 -> travel * (1 + 4 * rnd.nextDouble()); // longer than the cells are made for
      default -> travel * rnd.nextDouble();
    };
    double angle = rnd.nextInt(3) == 0 ? rnd.nextInt(4) * Math.PI / 2 : rnd.nextDouble() * 7;
    double x1 = x0 + len * Math.cos(angle);
    double y1 = y0 + len * Math.sin(angle);
    if (rnd.nextInt(50) == 0) { // a degenerate flight: the oracle still answers, so must the grid
      double odd = switch (rnd.nextInt(3)) {
        case 0 -> Double.NaN;
        case 1 -> Double.POSITIVE_INFINITY;
        default -> Double.NEGATIVE_INFINITY;
      };
      if (rnd.nextBoolean()) {
        x1 = odd;
      } else {
        y1 = odd;
      }
    }
    int owner = 0; // no player has id 0
    int expected = linearFirstHit(p, hr, owner, x0, y0, x1, y1);
    if (expected >= 0 && rnd.nextBoolean()) {
      owner = p.id[expected]; // the owner is the one it would hit: it must fly through
      ownerExcluded++;
      expected = linearFirstHit(p, hr, owner, x0, y0, x1, y1);
    } else if (p.count > 0 && rnd.nextInt(4) == 0) {
      owner = p.id[rnd.nextInt(p.count)];
      expected = linearFirstHit(p, hr, owner, x0, y0, x1, y1);
    }
    queries++;
    if (expected >= 0) {
      hits++;
      if (linearLastOnTie(p, hr, owner, x0, y0, x1, y1) != expected) {
        ties++;
      }
    }
    assertEquals(expected, grid.firstHit(owner, x0, y0, x1, y1, hr), where);
  }
}
