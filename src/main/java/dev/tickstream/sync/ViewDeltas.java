package dev.tickstream.sync;

import dev.tickstream.wire.EntityTable;
import java.util.Arrays;

/**
 * The fast path of a world's fan-out, for clients whose last snapshot was the previous tick
 * (with {@code deltaBase=sent}, nearly all of them): every row's delta against the previous
 * state, and its absolute form, are encoded to bytes once per tick ({@link #prepare}); then a
 * client's body is a merge of its view with its last view that copies the bytes of the rows
 * that entered or changed. An unchanged row in view costs a flag test, not a re-encoding, and
 * no value is turned into a varint twice in a tick.
 *
 * <p>Writes exactly the body {@link DeltaEncoder} writes for the same views: both write their
 * rows' bytes and the body through {@link WireBody}, and only the choice of rows differs (a
 * merge by mapped rows here, by ids there); {@code ViewDeltasTest} checks it byte for byte.
 * Arrays are reused from tick to tick, so a warm tick allocates nothing; confined to its
 * room's thread.
 */
public final class ViewDeltas {
  private static final int CHANGED = 1;
  private static final int NAME_CHANGED = 2;

  private final int[] rateOf;
  private final WireBody body = new WireBody();
  private EntityTable current;
  private EntityTable previous;
  /** Per row of the current state: the flags above, and both masks. */
  private byte[] flags = new byte[64];
  private int[] knownMask = new int[64];
  private int[] newMask = new int[64];
  /** A row's value bytes: pool[start, mid) against the previous row, [mid, end) absolute. */
  private int[] start = new int[64];
  private int[] mid = new int[64];
  private int[] end = new int[64];
  /** Ends 8 bytes past its last row, so that any row can be read as a long. */
  private byte[] pool = new byte[1024];
  /** The rows a view writes, in order: a row of the last view as itself, a new one as ~row. */
  private int[] emitted = new int[64];

  /** @param rateOf as {@link DeltaEncoder#DeltaEncoder(int[])} */
  public ViewDeltas(int[] rateOf) {
    this.rateOf = rateOf == null ? null : rateOf.clone();
  }

  /**
   * Encodes every row of {@code current} against its row in {@code previous} (the state
   * {@code ticks} earlier) and absolutely. Neither table may change until the next call.
   */
  public void prepare(EntityTable previous, EntityTable current, int ticks) {
    this.previous = previous;
    this.current = current;
    int size = current.size();
    if (flags.length < size) {
      int cap = Math.max(size, flags.length * 2);
      flags = new byte[cap];
      knownMask = new int[cap];
      newMask = new int[cap];
      start = new int[cap];
      mid = new int[cap];
      end = new int[cap];
    }
    // Both forms of a row, and the 8 bytes a copy of the last may read past it.
    int room = 2 * WireBody.rowRoom(current.fieldCount()) + 8;
    int p = 0;
    int b = 0;
    int bn = previous.size();
    for (int c = 0; c < size; c++) {
      int id = current.id(c);
      while (b < bn && previous.id(b) < id) {
        b++;
      }
      boolean known = b < bn && previous.id(b) == id;
      if (pool.length < p + room) {
        pool = Arrays.copyOf(pool, Math.max(p + room, pool.length * 2));
      }
      start[c] = p;
      int rowFlags = 0;
      int mask = 0;
      if (known) {
        long written = WireBody.writeDelta(previous, b, current, c, rateOf, ticks, pool, p);
        mask = (int) written;
        p = (int) (written >>> 32);
        rowFlags = (mask != 0 ? CHANGED : 0)
            | (WireBody.nameChanged(previous, b, current, c) ? NAME_CHANGED : 0);
      }
      knownMask[c] = mask;
      mid[c] = p;
      long absolute = WireBody.writeAbsolute(current, c, pool, p);
      newMask[c] = (int) absolute;
      p = (int) (absolute >>> 32);
      end[c] = p;
      flags[c] = (byte) rowFlags;
    }
  }

  /**
   * Encodes the view {@code rows[0..n)} of the prepared current state (ascending rows) against
   * the client's last view, rows {@code lastRows[0..lastCount)} of the prepared previous state,
   * whose rows in the current state are {@code lastNow[0..lastCount)} (-1: gone; from
   * {@link RowMap#apply}). The result stays valid until the next call: {@link #bytes()},
   * {@link #length()}.
   */
  public void encode(int[] rows, int n, int[] lastRows, int[] lastNow, int lastCount) {
    if (emitted.length < n) {
      emitted = new int[Math.max(n, emitted.length * 2)];
    }
    WireBody w = body;
    w.begin(lastCount, n);
    // First which rows to write, then the writing: whether a row of the last view changed
    // follows no pattern a branch predictor could learn, so it only moves an index here.
    int[] emit = emitted;
    int k = 0;
    int m = 0;
    for (int i = 0; i < n; i++) {
      int c = rows[i];
      while (k < lastCount && lastNow[k] < c) {
        removed(lastRows[k], lastNow[k]);
        k++;
      }
      boolean known = k < lastCount && lastNow[k] == c;
      int f = flags[c];
      if (known ? (f & NAME_CHANGED) != 0 : current.name(c) != null) {
        w.name(current.id(c), current.name(c));
      }
      k += known ? 1 : 0;
      emit[m] = known ? c : ~c;
      m += known ? f & CHANGED : 1;
    }
    for (; k < lastCount; k++) {
      removed(lastRows[k], lastNow[k]);
    }
    byte[] ids = w.ids;
    byte[] masks = w.masks;
    byte[] values = w.values(0, 0);
    long rowsEnd = 0;
    int prevId = 0;
    int v = 0;
    for (int j = 0; j < m; j++) {
      int e = emit[j];
      int c;
      int mask;
      int from;
      int to;
      if (e >= 0) {
        c = e;
        mask = knownMask[c];
        from = start[c];
        to = mid[c];
      } else {
        c = ~e;
        mask = newMask[c];
        from = mid[c];
        to = end[c];
      }
      int id = current.id(c);
      rowsEnd = WireBody.writeRow(ids, masks, rowsEnd, id - prevId, mask);
      prevId = id;
      if (!WireBody.fits(values, v, to - from)) {
        values = w.values(v, to - from);
      }
      v = WireBody.copy(pool, from, to, values, v);
    }
    w.finish(rowsEnd, v);
  }

  public byte[] bytes() {
    return body.bytes();
  }

  public int length() {
    return body.length();
  }

  /** Row {@code lastRow} of the last view left it; {@code mapped} is its current row or -1. */
  private void removed(int lastRow, int mapped) {
    body.removed(mapped < 0 ? previous.id(lastRow) : current.id(mapped));
  }
}
