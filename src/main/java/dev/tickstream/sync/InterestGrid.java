package dev.tickstream.sync;

import java.util.Arrays;

/**
 * A uniform grid over the map, rebuilt each tick from the entities' positions, that answers
 * "which rows are within r of (x, y)" by visiting only the cells the circle touches. So the cost
 * of a client's view grows with what it can see, not with the size of the world.
 *
 * <p>Confined to its room's thread; reuses its arrays from tick to tick.
 */
public final class InterestGrid {
  private final int cellSize;
  private final int cols;
  private final int rows;
  private final int[] cellStart;
  private int[] cellRows = new int[256];
  /** Positions in cell order, beside {@link #cellRows}: a query reads them in sequence. */
  private int[] cellXs = new int[256];
  private int[] cellYs = new int[256];
  private int[] xs = new int[256];
  private int[] ys = new int[256];
  /** One bit per row: what a query found, read back in ascending order instead of sorting. */
  private long[] found = new long[4];
  private final int[] fill;
  /** Scratch of {@link #orderAlongPath}: each point's path cell. */
  private int[] pathKeys = new int[64];
  private int count;

  /** @param cellSize cell edge in wire units (the view radius is a good choice) */
  public InterestGrid(int width, int height, int cellSize) {
    if (cellSize <= 0) {
      throw new IllegalArgumentException("cellSize must be positive");
    }
    this.cellSize = cellSize;
    this.cols = Math.max(1, (width + cellSize - 1) / cellSize);
    this.rows = Math.max(1, (height + cellSize - 1) / cellSize);
    this.cellStart = new int[cols * rows + 1];
    this.fill = new int[cols * rows + 1];
  }

  /** Arrays the caller fills with each row's position before {@link #build}. */
  public int[] xs(int n) {
    if (xs.length < n) {
      xs = new int[Math.max(n, xs.length * 2)];
      ys = new int[xs.length];
      cellRows = new int[xs.length];
      cellXs = new int[xs.length];
      cellYs = new int[xs.length];
    }
    return xs;
  }

  /** The positions given to the last {@link #build}, by row. */
  public int[] xs() {
    return xs;
  }

  public int[] ys() {
    return ys;
  }

  /** Indexes rows 0..n-1 by the positions in {@link #xs}/{@link #ys} (a counting sort). */
  public void build(int n) {
    count = n;
    if (found.length < (n + 63) >>> 6) {
      found = new long[Math.max((n + 63) >>> 6, found.length * 2)];
    }
    Arrays.fill(cellStart, 0);
    for (int r = 0; r < n; r++) {
      cellStart[cell(xs[r], ys[r]) + 1]++;
    }
    for (int c = 0; c < cols * rows; c++) {
      cellStart[c + 1] += cellStart[c];
    }
    System.arraycopy(cellStart, 0, fill, 0, cellStart.length);
    for (int r = 0; r < n; r++) {
      int i = fill[cell(xs[r], ys[r])]++;
      cellRows[i] = r;
      cellXs[i] = xs[r];
      cellYs[i] = ys[r];
    }
  }

  /**
   * Writes into {@code out} (ascending) the rows within {@code radius} of (x, y), plus those
   * within {@code keepRadius} that were in the client's last view: the hysteresis that stops
   * an entity at the edge from flickering in and out of view. That view is given as this
   * state's rows {@code keepRows[0..keepCount)} (-1: gone since), as {@link RowMap#apply}
   * makes them from the state it was taken from.
   *
   * @return how many rows were written
   */
  public int query(int x, int y, int radius, int keepRadius, int[] keepRows, int keepCount,
      int[] out) {
    int c0 = clampCol((x - radius) / cellSize);
    int c1 = clampCol((x + radius) / cellSize);
    int r0 = clampRow((y - radius) / cellSize);
    int r1 = clampRow((y + radius) / cellSize);
    long r2 = (long) radius * radius;
    for (int row = r0; row <= r1; row++) {
      long gy = gap(y, row, rows);
      long rest = r2 - gy * gy;
      // The cells of a row within reach are one run of columns, and their candidates one run
      // of the cell-ordered arrays: one loop per row of cells, not one per cell.
      int a = c0;
      int b = c1;
      while (a <= b && sq(gap(x, a, cols)) > rest) {
        a++;
      }
      while (b > a && sq(gap(x, b, cols)) > rest) {
        b--;
      }
      if (a > b) {
        continue;
      }
      int base = row * cols;
      int from = cellStart[base + a];
      int to = cellStart[base + b + 1];
      // Without branches: which side of the radius a candidate falls is a coin toss, and
      // mispredicted branches cost more than the whole distance test.
      for (int i = from; i < to; i++) {
        int r = cellRows[i];
        long dx = cellXs[i] - x;
        long dy = cellYs[i] - y;
        long in = (dx * dx + dy * dy - r2 - 1) >>> 63;
        found[r >>> 6] |= in << r;
      }
    }
    // The last view's rows are tested against the keep radius one by one, so the scan above
    // reaches only the view radius (the band between the two radii is a third of the view's
    // area), for one distance test per row this client was already sent.
    long k2 = (long) keepRadius * keepRadius;
    for (int k = 0; k < keepCount; k++) {
      int r = keepRows[k];
      if (r >= 0) {
        long dx = xs[r] - x;
        long dy = ys[r] - y;
        long in = (dx * dx + dy * dy - k2 - 1) >>> 63;
        found[r >>> 6] |= in << r;
      }
    }
    // Every word is read back: ids say nothing of where an entity is, so a view's rows spread
    // over the whole world's words, and tracking the lowest and highest cost more than it saved.
    int n = 0;
    int roomy = out.length - 4;
    int words = (count + 63) >>> 6;
    for (int w = 0; w < words; w++) {
      long bits = found[w];
      found[w] = 0;
      int base = w << 6;
      int c = Long.bitCount(bits);
      if (n <= roomy) {
        // Four unconditional writes, n moved by the count: the bits of a view are spread
        // thinly over a big world's words, and a loop that stops after the last bit of each
        // word mispredicts its exit once per word.
        out[n] = base + Long.numberOfTrailingZeros(bits);
        bits &= bits - 1;
        out[n + 1] = base + Long.numberOfTrailingZeros(bits);
        bits &= bits - 1;
        out[n + 2] = base + Long.numberOfTrailingZeros(bits);
        bits &= bits - 1;
        out[n + 3] = base + Long.numberOfTrailingZeros(bits);
        bits &= bits - 1;
        n += Math.min(c, 4);
      }
      while (bits != 0) {
        out[n++] = base + Long.numberOfTrailingZeros(bits);
        bits &= bits - 1;
      }
    }
    return n;
  }

  /**
   * Distance from {@code v} to the nearest point of cell {@code c}'s span (0 inside it). The
   * first and last cells also hold what lies beyond the map, so they reach out to infinity.
   */
  private long gap(int v, int c, int count) {
    long start = c == 0 ? Long.MIN_VALUE : (long) c * cellSize;
    long end = c == count - 1 ? Long.MAX_VALUE : (long) c * cellSize + cellSize - 1;
    return v < start ? start - v : v > end ? v - end : 0;
  }

  private static long sq(long v) {
    return v * v;
  }

  public int size() {
    return count;
  }

  /**
   * The cell holding (x, y), numbered along a path that runs along one row of cells and back
   * along the next, so that cells with consecutive numbers touch.
   */
  public int pathCell(int x, int y) {
    int r = clampRow(y / cellSize);
    int c = clampCol(x / cellSize);
    return r * cols + ((r & 1) == 0 ? c : cols - 1 - c);
  }

  /**
   * Writes into {@code order} the numbers 0..n-1 sorted by the {@link #pathCell} of
   * ({@code xs[i]}, {@code ys[i]}), a stable counting sort. Clients visited in this order see
   * nearly what the one before saw, so the rows they share are still in the core's cache.
   */
  public void orderAlongPath(int[] xs, int[] ys, int n, int[] order) {
    if (pathKeys.length < n) {
      pathKeys = new int[Math.max(n, pathKeys.length * 2)];
    }
    Arrays.fill(fill, 0);
    for (int i = 0; i < n; i++) {
      int key = pathCell(xs[i], ys[i]);
      pathKeys[i] = key;
      fill[key + 1]++;
    }
    for (int c = 1; c < fill.length; c++) {
      fill[c] += fill[c - 1];
    }
    for (int i = 0; i < n; i++) {
      order[fill[pathKeys[i]]++] = i;
    }
  }

  private int cell(int x, int y) {
    return clampRow(y / cellSize) * cols + clampCol(x / cellSize);
  }

  private int clampCol(int c) {
    return c < 0 ? 0 : c >= cols ? cols - 1 : c;
  }

  private int clampRow(int r) {
    return r < 0 ? 0 : r >= rows ? rows - 1 : r;
  }
}
