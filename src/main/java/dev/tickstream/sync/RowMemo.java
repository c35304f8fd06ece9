package dev.tickstream.sync;

import java.util.Arrays;

/**
 * One tick's row deltas, computed once per (row, base state) and shared by every client that
 * diffs that row against that base: in a world with area of interest each entity sits in
 * about a hundred views, and most clients acknowledged the same tick, so without this memo the
 * same twelve-field comparison would run a hundred times per entity per tick.
 *
 * <p>A slot per distinct base state (null: rows new to the client, sent absolute); when more
 * bases than slots are in use the encoder computes without the memo. Arrays are reused from
 * tick to tick; confined to its encoder's thread.
 */
final class RowMemo {
  static final int SLOTS = 8;

  private Object current;
  private int slotCount;
  private final Object[] bases = new Object[SLOTS];
  private final int[] gaps = new int[SLOTS];
  final boolean[][] done = new boolean[SLOTS][];
  final int[][] masks = new int[SLOTS][];
  final int[][] starts = new int[SLOTS][];
  /** Bytes of the row's values as zigzag varints. */
  final int[][] sizes = new int[SLOTS][];
  final int[][] pools = new int[SLOTS][];
  final int[] poolLengths = new int[SLOTS];

  /** Forgets everything; rows of {@code state} (null: none) are memoized from now on. */
  void reset(Object state) {
    current = state;
    slotCount = 0;
  }

  /** The slot for diffs of {@code state} against {@code base} over {@code ticks}, or -1. */
  int slot(Object state, Object base, int ticks, int rows, int fields) {
    if (state != current || state == null) {
      return -1;
    }
    for (int i = 0; i < slotCount; i++) {
      if (bases[i] == base && gaps[i] == ticks) {
        return i;
      }
    }
    if (slotCount == SLOTS) {
      return -1;
    }
    int i = slotCount++;
    bases[i] = base;
    gaps[i] = ticks;
    if (done[i] == null || done[i].length < rows) {
      int cap = Math.max(rows, 64);
      done[i] = new boolean[cap];
      masks[i] = new int[cap];
      starts[i] = new int[cap];
      sizes[i] = new int[cap];
    } else {
      Arrays.fill(done[i], 0, rows, false);
    }
    if (pools[i] == null || pools[i].length < rows * fields) {
      pools[i] = new int[Math.max(rows * fields, 256)];
    }
    poolLengths[i] = 0;
    return i;
  }
}
