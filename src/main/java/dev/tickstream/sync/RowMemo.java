package dev.tickstream.sync;

import java.util.Arrays;

/**
 * One tick's row deltas, computed once per (row, base state) and shared by every client that
 * diffs that row against that base: in a world with area of interest each entity sits in
 * about a hundred views, and most clients acknowledged the same tick, so without this memo the
 * same twelve-field comparison would run a hundred times per entity per tick.
 *
 * <p>A slot per distinct base state (null: rows new to the client, sent absolute); when more
 * bases than slots are in use the encoder computes without the memo. A row's memo is one
 * long, so that a client's pass over its view reads one word per row, not five arrays and two
 * names: bits 0-31 the changed-field mask, 32-39 the values' bytes as zigzag varints (at most
 * 32 fields of 5 bytes), 40-62 one more than where the values start in the slot's pool (0: not
 * yet computed), 63 whether the display name changed. Arrays are reused from tick to tick;
 * confined to its encoder's thread.
 */
final class RowMemo {
  static final int SLOTS = 8;

  private Object current;
  private int slotCount;
  private final Object[] bases = new Object[SLOTS];
  private final int[] gaps = new int[SLOTS];
  /** Past this pool offset rows are computed without the memo (a world of ~260,000 rows). */
  static final int MAX_START = (1 << 23) - 2;

  final long[][] entries = new long[SLOTS][];
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
    if (entries[i] == null || entries[i].length < rows) {
      entries[i] = new long[Math.max(rows, 64)];
    } else {
      Arrays.fill(entries[i], 0, rows, 0L);
    }
    if (pools[i] == null || pools[i].length < rows * fields) {
      pools[i] = new int[Math.max(rows * fields, 256)];
    }
    poolLengths[i] = 0;
    return i;
  }

  static long entry(int mask, int size, int start, boolean nameChanged) {
    return (mask & 0xFFFFFFFFL) | (long) size << 32 | (long) (start + 1) << 40
        | (nameChanged ? 1L << 63 : 0);
  }

  static int size(long entry) {
    return (int) (entry >>> 32) & 0xFF;
  }

  static int start(long entry) {
    return ((int) (entry >>> 40) & 0x7FFFFF) - 1;
  }
}
