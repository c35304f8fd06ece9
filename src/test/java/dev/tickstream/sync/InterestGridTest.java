package dev.tickstream.sync;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tickstream.wire.EntityTable;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Seeded property test: a grid query returns exactly what a scan of every row would. */
class InterestGridTest {

  @Test
  void queryEqualsBruteForceEverywhereIncludingMapEdgesCornersAndOutside() {
    SplittableRandom rnd = new SplittableRandom(42);
    for (int round = 0; round < 400; round++) {
      int width = 1 + rnd.nextInt(20_000);
      int height = 1 + rnd.nextInt(20_000);
      int radius = 1 + rnd.nextInt(Math.max(width, height));
      int keepRadius = radius + rnd.nextInt(radius / 4 + 1);
      int cell = Math.max(1, rnd.nextBoolean() ? radius / 2 : 1 + rnd.nextInt(radius));
      InterestGrid grid = new InterestGrid(width, height, cell);
      // Now and then a big world, where a small view's rows lie a few to a word.
      int n = round % 8 == 0 ? 2_000 + rnd.nextInt(3_000) : rnd.nextInt(300);
      EntityTable table = new EntityTable(1);
      int[] xs = grid.xs(n);
      int[] ys = grid.ys();
      int id = 0;
      for (int r = 0; r < n; r++) {
        id += 1 + rnd.nextInt(3);
        table.add(id, null);
        xs[r] = coordinate(rnd, width);
        ys[r] = coordinate(rnd, height);
      }
      grid.build(n);
      // The last view was taken from an earlier state: some of its entities are gone since,
      // some of today's were not born yet.
      EntityTable earlier = earlier(rnd, table);
      int[] keepRows = subset(rnd, earlier.size());
      RowMap map = new RowMap();
      map.reset(table);
      int[] keepMap = map.of(earlier);
      int[] keep = new int[keepRows.length];
      for (int k = 0; k < keep.length; k++) {
        keep[k] = earlier.id(keepRows[k]);
      }
      int[] out = new int[n];
      for (int q = 0; q < 10; q++) {
        int x = coordinate(rnd, width);
        int y = coordinate(rnd, height);
        int[] keepNow = RowMap.apply(keepMap, keepRows, keepRows.length, new int[0]);
        int got = grid.query(x, y, radius, keepRadius, keepNow, keepRows.length, out);
        int[] expected = bruteForce(xs, ys, n, x, y, radius, keepRadius, table, keep);
        assertArrayEquals(expected, Arrays.copyOf(out, got),
            "round " + round + " query at " + x + "," + y);
      }
    }
  }

  /** Mostly inside the map, often exactly on an edge or corner, sometimes outside it. */
  private static int coordinate(SplittableRandom rnd, int size) {
    return switch (rnd.nextInt(8)) {
      case 0 -> 0;
      case 1 -> size - 1;
      case 2 -> size;
      case 3 -> -rnd.nextInt(1, 100);
      case 4 -> size + rnd.nextInt(1, 100);
      default -> rnd.nextInt(size);
    };
  }

  /** Most of {@code table}'s ids, with a few that have gone since in between. */
  static EntityTable earlier(SplittableRandom rnd, EntityTable table) {
    EntityTable earlier = new EntityTable(1);
    int prev = 0;
    for (int r = 0; r < table.size(); r++) {
      int id = table.id(r);
      if (id - prev > 1 && rnd.nextInt(4) == 0) {
        earlier.add(prev + 1, null); // gone by now
      }
      if (rnd.nextInt(6) != 0) {
        earlier.add(id, null);
      }
      prev = id;
    }
    return earlier;
  }

  /** Ascending, each of 0..n-1 with probability one in three. */
  private static int[] subset(SplittableRandom rnd, int n) {
    int[] rows = new int[n];
    int k = 0;
    for (int r = 0; r < n; r++) {
      if (rnd.nextInt(3) == 0) {
        rows[k++] = r;
      }
    }
    return Arrays.copyOf(rows, k);
  }

  @Test
  void pathNumbersEveryCellOnceAndConsecutiveCellsTouch() {
    int cell = 100;
    InterestGrid grid = new InterestGrid(730, 410, cell); // 8 x 5 cells, the last ones partial
    int cols = 8;
    int cells = cols * 5;
    int[] colOf = new int[cells];
    int[] rowOf = new int[cells];
    boolean[] seen = new boolean[cells];
    for (int r = 0; r < 5; r++) {
      for (int c = 0; c < cols; c++) {
        int p = grid.pathCell(c * cell + 50, r * cell + 50);
        assertEquals(false, seen[p], "cell " + c + "," + r + " numbered twice");
        seen[p] = true;
        colOf[p] = c;
        rowOf[p] = r;
      }
    }
    for (int p = 1; p < cells; p++) {
      int step = Math.abs(colOf[p] - colOf[p - 1]) + Math.abs(rowOf[p] - rowOf[p - 1]);
      assertEquals(1, step, "path cells " + (p - 1) + " and " + p + " do not touch");
    }
    // Positions off the map belong to its border cells, as in a query.
    assertEquals(grid.pathCell(0, 0), grid.pathCell(-5000, -5000));
    assertEquals(grid.pathCell(729, 409), grid.pathCell(99_999, 99_999));
  }

  @Test
  void orderAlongPathIsAStableSortByPathCell() {
    SplittableRandom rnd = new SplittableRandom(7);
    InterestGrid grid = new InterestGrid(5000, 3000, 400);
    int n = 500;
    int[] xs = new int[n];
    int[] ys = new int[n];
    for (int i = 0; i < n; i++) {
      xs[i] = coordinate(rnd, 5000);
      ys[i] = coordinate(rnd, 3000);
    }
    int[] order = new int[n];
    grid.orderAlongPath(xs, ys, n, order);
    boolean[] seen = new boolean[n];
    for (int j = 0; j < n; j++) {
      assertEquals(false, seen[order[j]], "index " + order[j] + " twice");
      seen[order[j]] = true;
      if (j > 0) {
        int before = grid.pathCell(xs[order[j - 1]], ys[order[j - 1]]);
        int here = grid.pathCell(xs[order[j]], ys[order[j]]);
        boolean sorted = before < here || before == here && order[j - 1] < order[j];
        assertEquals(true, sorted, "positions " + (j - 1) + " and " + j);
      }
    }
  }

  private static int[] bruteForce(int[] xs, int[] ys, int n, int x, int y, int radius,
      int keepRadius, EntityTable table, int[] keep) {
    int[] rows = new int[n];
    int k = 0;
    for (int r = 0; r < n; r++) {
      long dx = xs[r] - x;
      long dy = ys[r] - y;
      long d2 = dx * dx + dy * dy;
      boolean kept = Arrays.binarySearch(keep, table.id(r)) >= 0;
      if (d2 <= (long) radius * radius || kept && d2 <= (long) keepRadius * keepRadius) {
        rows[k++] = r;
      }
    }
    return Arrays.copyOf(rows, k);
  }
}
