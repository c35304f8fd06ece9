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
 * names: bits 0-31 the changed-field mask, 32-39 the values' length in bytes (zigzag varints,
 * at most 32 fields of 5 bytes), 40-62 one more than where those bytes start in the slot's
 * pool (0: not yet computed), 63 whether the display name changed. This class alone reads and
 * writes that layout. Arrays are reused from tick to tick; confined to its encoder's thread.
 */
final class RowMemo {
  static final int SLOTS = 8;
  /** Past this pool offset (8 MB of value bytes) rows are computed without the memo. */
  static final int MAX_START = (1 << 23) - 2;

  private Object current;
  private int slotCount;
  private final Object[] bases = new Object[SLOTS];
  private final int[] gaps = new int[SLOTS];
  private final long[][] entries = new long[SLOTS][];
  /** A slot's rows' value bytes, each row's where its entry says; 8 spare bytes at the end. */
  private final byte[][] pools = new byte[SLOTS][];
  private final int[] poolLengths = new int[SLOTS];

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
    if (pools[i] == null || pools[i].length < rows * fields * 2) {
      pools[i] = new byte[Math.max(rows * fields * 2, 1024)];
    }
    poolLengths[i] = 0;
    return i;
  }

  /** Row {@code row}'s entry in {@code slot}; 0 when not yet computed. */
  long entry(int slot, int row) {
    return entries[slot][row];
  }

  /**
   * Keeps row {@code row}'s delta in {@code slot}: its mask, whether its name changed, and its
   * value bytes {@code values[from, to)}. Returns its entry, which the caller may read even
   * when the pool is full and nothing was kept.
   */
  long remember(int slot, int row, int mask, boolean nameChanged, byte[] values, int from,
      int to) {
    int at = poolLengths[slot];
    // past MAX_START the start is not kept, so it must not spill into the name bit
    boolean fits = at <= MAX_START;
    long entry = entry(mask, to - from, fits ? at : 0, nameChanged);
    if (fits) {
      byte[] pool = pools[slot];
      if (pool.length < at + (to - from) + 8) {
        pool = pools[slot] = Arrays.copyOf(pool, Math.max(at + (to - from) + 8, at * 2));
      }
      System.arraycopy(values, from, pool, at, to - from);
      poolLengths[slot] = at + (to - from);
      entries[slot][row] = entry;
    }
    return entry;
  }

  /**
   * Copies the value bytes of a computed {@code entry} of {@code slot} into {@code dst} at
   * {@code at} (room: their {@link #size} and 8 more) and returns the end.
   */
  int copyValues(int slot, long entry, byte[] dst, int at) {
    int from = start(entry);
    return WireBody.copy(pools[slot], from, from + size(entry), dst, at);
  }

  static long entry(int mask, int size, int start, boolean nameChanged) {
    return (mask & 0xFFFFFFFFL) | (long) size << 32 | (long) (start + 1) << 40
        | (nameChanged ? 1L << 63 : 0);
  }

  static int mask(long entry) {
    return (int) entry;
  }

  static boolean nameChanged(long entry) {
    return entry < 0;
  }

  /** The values' length in bytes. */
  static int size(long entry) {
    return (int) (entry >>> 32) & 0xFF;
  }

  static int start(long entry) {
    return ((int) (entry >>> 40) & 0x7FFFFF) - 1;
  }
}
