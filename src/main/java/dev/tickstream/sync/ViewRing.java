package dev.tickstream.sync;

import dev.tickstream.sim.EntityTable;
import java.util.Arrays;

/**
 * What one client was sent, by tick: the rows of that tick's world state in its view. A delta
 * is made against exactly the view the client acknowledged, so an entity that left the view is
 * removed and one that comes back arrives complete. Arrays are reused; confined to the room.
 */
public final class ViewRing {
  private final int[] ticks;
  private final int[][] rows;
  private final int[][] ids;
  private final int[] counts;

  public ViewRing(int capacity) {
    ticks = new int[capacity];
    rows = new int[capacity][];
    ids = new int[capacity][];
    counts = new int[capacity];
    for (int i = 0; i < capacity; i++) {
      rows[i] = new int[32];
      ids[i] = new int[32];
    }
  }

  /**
   * Records that the rows {@code viewRows[0..n)} of {@code state} were sent at {@code tick}:
   * copied, so that a slot holds a view (about a hundred rows), never a whole world.
   */
  public void record(int tick, int[] viewRows, int n, EntityTable state) {
    int i = tick % ticks.length;
    if (rows[i].length < n) {
      rows[i] = new int[Math.max(n, rows[i].length * 2)];
      ids[i] = new int[rows[i].length];
    }
    System.arraycopy(viewRows, 0, rows[i], 0, n);
    for (int k = 0; k < n; k++) {
      ids[i][k] = state.id(viewRows[k]);
    }
    counts[i] = n;
    ticks[i] = tick;
  }

  /** Rows sent at {@code tick}, or null when not recorded (or overwritten). */
  public int[] rows(int tick) {
    int i = tick % ticks.length;
    return tick > 0 && ticks[i] == tick ? rows[i] : null;
  }

  /** Ids sent at {@code tick} (ascending), or null. */
  public int[] ids(int tick) {
    int i = tick % ticks.length;
    return tick > 0 && ticks[i] == tick ? ids[i] : null;
  }

  public int count(int tick) {
    return counts[tick % ticks.length];
  }

  /** Forgets everything (a reconnect starts from a full snapshot). */
  public void clear() {
    Arrays.fill(ticks, 0);
  }
}
