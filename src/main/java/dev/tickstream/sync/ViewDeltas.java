package dev.tickstream.sync;

import com.google.protobuf.CodedOutputStream;
import dev.tickstream.wire.EntityTable;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * The fast path of a world's fan-out, for clients whose last snapshot was the previous tick
 * (with {@code deltaBase=sent}, nearly all of them): every row's delta against the previous
 * state, and its absolute form, are encoded to bytes once per tick ({@link #prepare}); then a
 * client's body is a merge of its view with its last view that copies the bytes of the rows
 * that entered or changed. An unchanged row in view costs a flag test, not a re-encoding, and
 * no value is turned into a varint twice in a tick.
 *
 * <p>Writes exactly the body {@link DeltaEncoder} writes for the same views (the wire has one
 * encoding; this is a cheaper way to produce it), which {@code ViewDeltasTest} checks byte for
 * byte. Arrays are reused from tick to tick, so a warm tick allocates nothing; confined to
 * its room's thread.
 */
public final class ViewDeltas {
  private static final int CHANGED = 1;
  private static final int NAME_CHANGED = 2;
  /** Eight bytes at a time: a row's few value bytes copied without a loop. */
  private static final VarHandle LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

  private final int[] rateOf;
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

  private byte[] removed = new byte[64];
  private int removedLength;
  /** The last removed id written: removed ids are difference-coded. */
  private int prevRemoved;
  private byte[] ids = new byte[64];
  private byte[] masks = new byte[64];
  private byte[] values = new byte[256];
  /** The rows a view writes, in order: a row of the last view as itself, a new one as ~row. */
  private int[] emitted = new int[64];
  private int[] nameIds = new int[16];
  private String[] names = new String[16];
  private int nameCount;
  private byte[] out = new byte[4096];
  private int outLength;

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
    int fields = current.fieldCount();
    int p = 0;
    int b = 0;
    int bn = previous.size();
    for (int c = 0; c < size; c++) {
      int id = current.id(c);
      while (b < bn && previous.id(b) < id) {
        b++;
      }
      boolean known = b < bn && previous.id(b) == id;
      if (pool.length < p + 10 * fields + 8) {
        pool = Arrays.copyOf(pool, Math.max(p + 10 * fields + 8, pool.length * 2));
      }
      start[c] = p;
      int rowFlags = 0;
      int mask = 0;
      if (known) {
        for (int f = 0; f < fields; f++) {
          int delta = current.get(c, f) - DeltaEncoder.expected(previous, b, f, rateOf, ticks);
          if (delta != 0) {
            mask |= 1 << f;
            p = Wire.writeVarint(pool, p, CodedOutputStream.encodeZigZag32(delta));
          }
        }
        rowFlags = (mask != 0 ? CHANGED : 0)
            | (DeltaEncoder.nameChanged(previous, b, current, c) ? NAME_CHANGED : 0);
      }
      knownMask[c] = mask;
      mid[c] = p;
      int absolute = 0;
      for (int f = 0; f < fields; f++) {
        int v = current.get(c, f);
        if (v != 0) {
          absolute |= 1 << f;
          p = Wire.writeVarint(pool, p, CodedOutputStream.encodeZigZag32(v));
        }
      }
      newMask[c] = absolute;
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
    if (removed.length < 5 * lastCount) {
      removed = new byte[Math.max(5 * lastCount, removed.length * 2)];
    }
    if (ids.length < 5 * n) {
      ids = new byte[Math.max(5 * n, ids.length * 2)];
      masks = new byte[ids.length];
    }
    if (emitted.length < n) {
      emitted = new int[Math.max(n, emitted.length * 2)];
    }
    removedLength = 0;
    prevRemoved = 0;
    nameCount = 0;
    // First which rows to write, then the writing: whether a row of the last view changed
    // follows no pattern a branch predictor could learn, so it only moves an index here.
    int[] emit = emitted;
    int k = 0;
    int m = 0;
    for (int i = 0; i < n; i++) {
      int c = rows[i];
      while (k < lastCount && lastNow[k] < c) {
        addRemoved(lastRows[k], lastNow[k]);
        k++;
      }
      boolean known = k < lastCount && lastNow[k] == c;
      int f = flags[c];
      if (known ? (f & NAME_CHANGED) != 0 : current.name(c) != null) {
        addName(c);
      }
      k += known ? 1 : 0;
      emit[m] = known ? c : ~c;
      m += known ? f & CHANGED : 1;
    }
    for (; k < lastCount; k++) {
      addRemoved(lastRows[k], lastNow[k]);
    }
    int in = 0;
    int ms = 0;
    int v = 0;
    int prevId = 0;
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
      in = Wire.writeVarint(ids, in, id - prevId);
      prevId = id;
      ms = Wire.writeVarint(masks, ms, mask);
      if (values.length < v + to - from + 8) {
        values = Arrays.copyOf(values, Math.max(v + to - from + 8, values.length * 2));
      }
      // A byte loop would mispredict its exit at each row's varying length; bytes past `to`
      // are overwritten by the next row or lie past the length written.
      LONGS.set(values, v, (long) LONGS.get(pool, from));
      for (int x = from + 8; x < to; x++) {
        values[v + x - from] = pool[x];
      }
      v += to - from;
    }
    write(removedLength, in, ms, v);
  }

  public byte[] bytes() {
    return out;
  }

  public int length() {
    return outLength;
  }

  /** Row {@code lastRow} of the last view left it; {@code mapped} is its current row or -1. */
  private void addRemoved(int lastRow, int mapped) {
    int gone = mapped < 0 ? previous.id(lastRow) : current.id(mapped);
    removedLength = Wire.writeVarint(removed, removedLength, gone - prevRemoved);
    prevRemoved = gone;
  }

  private void addName(int row) {
    if (nameCount == nameIds.length) {
      nameIds = Arrays.copyOf(nameIds, nameCount * 2);
      names = Arrays.copyOf(names, nameCount * 2);
    }
    String name = current.name(row);
    nameIds[nameCount] = current.id(row);
    names[nameCount++] = name == null ? "" : name;
  }

  /** Fields 4 to 9 of the snapshot, in DeltaEncoder's order. */
  private void write(int removedLength, int idsLength, int masksLength, int valuesLength) {
    int nameIdsSize = Wire.packedSize(nameIds, nameCount);
    int total = Wire.fieldSize(removedLength) + Wire.fieldSize(idsLength)
        + Wire.fieldSize(masksLength) + Wire.fieldSize(valuesLength)
        + Wire.fieldSize(nameIdsSize) + Wire.stringsSize(names, nameCount);
    if (out.length < total) {
      out = new byte[Math.max(total, out.length * 2)];
    }
    int p = writeField(0, 4, removed, removedLength);
    p = writeField(p, 5, ids, idsLength);
    p = writeField(p, 6, masks, masksLength);
    p = writeField(p, 7, values, valuesLength);
    p = Wire.writePacked(out, p, 8, nameIds, nameCount, nameIdsSize, false);
    p = Wire.writeStrings(out, p, 9, names, nameCount);
    if (p != total) {
      throw new IllegalStateException("wrote " + p + " bytes of " + total);
    }
    outLength = total;
  }

  private int writeField(int p, int field, byte[] payload, int length) {
    if (length == 0) {
      return p;
    }
    out[p++] = (byte) (field << 3 | 2);
    p = Wire.writeVarint(out, p, length);
    System.arraycopy(payload, 0, out, p, length);
    return p + length;
  }
}
