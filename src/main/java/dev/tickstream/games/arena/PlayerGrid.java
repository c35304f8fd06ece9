package dev.tickstream.games.arena;

import dev.tickstream.sim.PositionHistory;

import java.util.Arrays;

/**
 * The arena's players bucketed in a uniform grid, so that a projectile's hit test looks at the
 * few players near its path instead of every player: the cost of a tick's hit tests grows with
 * projectiles, not with projectiles times players.
 *
 * <p>A cell is at least one tick of projectile travel plus a hit diameter wide, so the box a
 * segment can hit in spans at most two cells per axis. Each cell is a doubly linked list of
 * player rows: {@link #build} rebuilds it from the rows' positions, and {@link #moved} moves one
 * row in O(1) when a player respawns between two hit tests of the same tick.
 *
 * <p>{@link #firstHit} returns exactly what a scan over every player would, including its tie
 * rule (on equal entry the lower row, so the lower id, wins). Reuses its arrays from tick to
 * tick; confined to its game's thread.
 */
final class PlayerGrid {
  /** Cells per axis at most, so that a huge map cannot make the grid huge. */
  static final int MAX_CELLS_PER_AXIS = 512;

  private final int cols;
  private final int rows;
  private final double invCellW;
  private final double invCellH;
  /** First row in each cell, or -1. */
  private final int[] head;
  private int[] next = new int[16];
  private int[] prev = new int[16];
  private int[] cellOf = new int[16];
  private ArenaPlayers players;
  /** Rows indexed by the last build: their cells are the only non-empty ones. */
  private int built;

  /**
   * @param minCell the smallest cell edge in map units; the edge is stretched so that whole
   *     cells tile the map (and capped in number, stretched further on a huge map)
   */
  PlayerGrid(double mapWidth, double mapHeight, double minCell) {
    if (!(minCell > 0) || !(mapWidth > 0) || !(mapHeight > 0)) {
      throw new IllegalArgumentException("map and cell sizes must be positive");
    }
    this.cols = axisCells(mapWidth, minCell);
    this.rows = axisCells(mapHeight, minCell);
    this.invCellW = cols / mapWidth;
    this.invCellH = rows / mapHeight;
    this.head = new int[cols * rows];
    Arrays.fill(head, -1);
  }

  private static int axisCells(double extent, double minCell) {
    return (int) Math.max(1, Math.min(MAX_CELLS_PER_AXIS, Math.floor(extent / minCell)));
  }

  /** Indexes rows {@code 0..count-1} of {@code p} at their current positions. */
  void build(ArenaPlayers p) {
    for (int i = 0; i < built; i++) {
      head[cellOf[i]] = -1; // only cells the last build filled can be non-empty
    }
    players = p;
    built = p.count;
    if (next.length < p.count) {
      int cap = Math.max(p.count, next.length * 2);
      next = new int[cap];
      prev = new int[cap];
      cellOf = new int[cap];
    }
    // Backwards, so that each list runs in ascending row order (not needed, but easy to read).
    for (int i = p.count - 1; i >= 0; i--) {
      insert(i, cell(p.x[i], p.y[i]));
    }
  }

  /** Row {@code i} (indexed by the last build) has moved: re-files it under its new cell. */
  void moved(int i) {
    int c = cell(players.x[i], players.y[i]);
    if (c == cellOf[i]) {
      return;
    }
    if (prev[i] >= 0) {
      next[prev[i]] = next[i];
    } else {
      head[cellOf[i]] = next[i];
    }
    if (next[i] >= 0) {
      prev[next[i]] = prev[i];
    }
    insert(i, c);
  }

  private void insert(int i, int c) {
    int h = head[c];
    next[i] = h;
    prev[i] = -1;
    if (h >= 0) {
      prev[h] = i;
    }
    head[c] = i;
    cellOf[i] = c;
  }

  /**
   * The row of the player, other than {@code owner}, that the segment from (x0, y0) to (x1, y1)
   * reaches first within {@code hitRadius} of its centre, or -1; on a tie the lower row. Players
   * as at the last {@link #build} and {@link #moved} calls.
   */
  int firstHit(int owner, double x0, double y0, double x1, double y1, double hitRadius) {
    ArenaPlayers p = players;
    double r2 = hitRadius * hitRadius;
    double dx = x1 - x0;
    double dy = y1 - y0;
    double a = dx * dx + dy * dy;
    // The segment's bounding box grown by the hit radius: every player that can be hit is in it.
    double loX = Math.min(x0, x1) - hitRadius;
    double hiX = Math.max(x0, x1) + hitRadius;
    double loY = Math.min(y0, y1) - hitRadius;
    double hiY = Math.max(y0, y1) + hitRadius;
    // Cell indices are monotonic in the coordinate, so these cells hold every player in the box;
    // a NaN box lets every player through the box test below, so it must visit every cell.
    boolean box = loX <= hiX && loY <= hiY;
    int c0 = box ? col(loX) : 0;
    int c1 = box ? col(hiX) : cols - 1;
    int r0 = box ? row(loY) : 0;
    int r1 = box ? row(hiY) : rows - 1;
    int best = -1;
    double bestS = Double.POSITIVE_INFINITY;
    for (int r = r0; r <= r1; r++) {
      for (int c = c0; c <= c1; c++) {
        for (int i = head[r * cols + c]; i >= 0; i = next[i]) {
          double px = p.x[i];
          double py = p.y[i];
          if (px < loX || px > hiX || py < loY || py > hiY || p.id[i] == owner) {
            continue;
          }
          double s = PositionHistory.entry(x0 - px, y0 - py, dx, dy, a, r2);
          if (s < bestS || (s == bestS && best >= 0 && i < best)) {
            bestS = s;
            best = i;
          }
        }
      }
    }
    return best;
  }

  private int cell(double x, double y) {
    return row(y) * cols + col(x);
  }

  /** Off-map coordinates (and NaN) fall in the edge cells, as the casts saturate. */
  private int col(double x) {
    int c = (int) (x * invCellW);
    return c < 0 ? 0 : c >= cols ? cols - 1 : c;
  }

  private int row(double y) {
    int r = (int) (y * invCellH);
    return r < 0 ? 0 : r >= rows ? rows - 1 : r;
  }

  int cols() {
    return cols;
  }

  int rows() {
    return rows;
  }
}
