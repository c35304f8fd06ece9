package dev.tickstream.sync;

import java.util.Arrays;

/**
 * What one client was sent, by tick: the rows of that tick's world state in its view, and
 * where its last view was centred. A delta is made against exactly the view the client
 * acknowledged, so an entity that left the view is removed and one that comes back arrives
 * complete. Arrays are reused; confined to the room.
 */
public final class ViewRing {
  private int[] ticks;
  private int[][] rows;
  private int[] counts;
  /** The last view's centre in wire units, for when the client's entity is missing. */
  int x;
  int y;

  /**
   * A ring whose slots {@link ViewEncoder} makes when the client is first sent a view, so a
   * client that sees the whole world holds none.
   */
  public ViewRing() {}

  public ViewRing(int capacity) {
    allocate(capacity);
  }

  /** Makes the slots, once. */
  void allocate(int capacity) {
    if (ticks != null) {
      return;
    }
    ticks = new int[capacity];
    rows = new int[capacity][];
    counts = new int[capacity];
    // Sized for a world's view (150-250 rows) from the start: grown from 32 by doubling, a
    // member's rows ended up far from its ring, and the 1,000-player report ran about 3% slower.
    for (int i = 0; i < capacity; i++) {
      rows[i] = new int[256];
    }
  }

  /**
   * Records that the rows {@code viewRows[0..n)} of that tick's state were sent at
   * {@code tick}: copied, so that a slot holds a view (about a hundred rows), never a whole
   * world. Rows, not ids: the state itself is kept in the room's ring, and a {@link RowMap}
   * leads its rows to a later state's.
   */
  public void record(int tick, int[] viewRows, int n) {
    int i = tick % ticks.length;
    if (rows[i].length < n) {
      rows[i] = new int[Math.max(n, rows[i].length * 2)];
    }
    System.arraycopy(viewRows, 0, rows[i], 0, n);
    counts[i] = n;
    ticks[i] = tick;
  }

  /** Rows sent at {@code tick}, or null when not recorded (or overwritten). */
  public int[] rows(int tick) {
    int i = tick % ticks.length;
    return tick > 0 && ticks[i] == tick ? rows[i] : null;
  }

  public int count(int tick) {
    return counts[tick % ticks.length];
  }

  /** Forgets the views sent (a reconnect starts from a full snapshot); keeps the centre. */
  public void clear() {
    if (ticks != null) {
      Arrays.fill(ticks, 0);
    }
  }
}
