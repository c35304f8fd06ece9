package dev.tickstream.sync;

import com.google.protobuf.CodedOutputStream;
import dev.tickstream.wire.EntityTable;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Objects;

/**
 * The one snapshot body every encoder writes: fields 4 to 9 of {@code tickstream.v1.Snapshot}
 * (see the proto), built as each field's payload in its own reused array, then joined once.
 * Also the one place a row's values become bytes ({@link #writeDelta}, {@link #writeAbsolute}),
 * so {@link DeltaEncoder}, its {@link RowMemo} and {@link ViewDeltas} cannot disagree on a
 * byte. Confined to its encoder's thread; a warm body allocates nothing.
 */
final class WireBody {
  /** Eight bytes at a time: a row's few value bytes copied without a loop. */
  private static final VarHandle LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private byte[] removed = new byte[64];
  private int removedLength;
  /** The last removed id written: removed ids are difference-coded, as row ids are. */
  private int prevRemoved;
  /** Fields 5 and 6's payloads, written after {@link #begin} by the callers' own loops. */
  byte[] ids = new byte[5 * 64];
  byte[] masks = new byte[5 * 64];
  /** Field 7's payload, which callers write into ({@link #values}). */
  private byte[] values = new byte[256];
  private int[] nameIds = new int[16];
  private String[] names = new String[16];
  private int nameCount;
  private byte[] out = new byte[4096];
  private int outLength;

  /** The most bytes a row's values take: 5 a field. */
  static int rowRoom(int fields) {
    return 5 * fields;
  }

  /** Starts a body of at most {@code rows} rows and {@code removals} removed ids. */
  void begin(int removals, int rows) {
    if (removed.length < 5 * removals) {
      removed = new byte[Math.max(5 * removals, removed.length * 2)];
    }
    if (ids.length < 5 * rows) {
      ids = new byte[Math.max(5 * rows, ids.length * 2)];
      masks = new byte[ids.length];
    }
    removedLength = 0;
    prevRemoved = 0;
    nameCount = 0;
  }

  /** Whether {@code values} has room for {@code n} bytes at {@code at}, as {@link #values}. */
  static boolean fits(byte[] values, int at, int n) {
    return values.length >= at + n + 8;
  }

  /**
   * Field 7's payload with room for {@code n} value bytes at {@code at} and the 8 a
   * {@link #copy} may write past them; when grown, bytes before {@code at} are kept. Callers
   * hold it in a local and come back only when it does not {@link #fits}: fetched per row,
   * it made the fast path a fifth slower in {@code WorldTickBenchmark}.
   */
  byte[] values(int at, int n) {
    if (!fits(values, at, n)) {
      values = Arrays.copyOf(values, Math.max(at + n + 8, values.length * 2));
    }
    return values;
  }

  /** An entity the receiver had is gone from its view (ids ascending). */
  void removed(int id) {
    removedLength = Wire.writeVarint(removed, removedLength, id - prevRemoved);
    prevRemoved = id;
  }

  /** Entity {@code id}'s display name, null when it has none ("" on the wire). */
  void name(int id, String name) {
    if (nameCount == nameIds.length) {
      nameIds = Arrays.copyOf(nameIds, nameCount * 2);
      names = Arrays.copyOf(names, nameCount * 2);
    }
    nameIds[nameCount] = id;
    names[nameCount++] = name == null ? "" : name;
  }

  int removedLength() {
    return removedLength;
  }

  /**
   * Writes a row's id, as the difference from the row before's (ids ascending), into
   * {@code ids} and its changed-field mask into {@code masks}, at the ends packed in
   * {@code at} (ids' high, masks' low; 0 for the first row); returns the new ends. Two cursors
   * in one long, so the callers' loops keep them in a register, not in this object's fields.
   */
  static long writeRow(byte[] ids, byte[] masks, long at, int idDelta, int mask) {
    int in = Wire.writeVarint(ids, (int) (at >>> 32), idDelta);
    return (long) in << 32 | Wire.writeVarint(masks, (int) at, mask);
  }

  /**
   * Joins the fields into {@link #bytes()}, in field order: the rows' ids and masks up to the
   * ends {@code rowsEnd} ({@link #writeRow}'s), their values the first {@code valuesLength}
   * bytes of {@link #values}.
   */
  void finish(long rowsEnd, int valuesLength) {
    int idsLength = (int) (rowsEnd >>> 32);
    int masksLength = (int) rowsEnd;
    int nameIdsSize = Wire.packedSize(nameIds, nameCount);
    int total = Wire.fieldSize(removedLength) + Wire.fieldSize(idsLength)
        + Wire.fieldSize(masksLength) + Wire.fieldSize(valuesLength)
        + Wire.fieldSize(nameIdsSize) + Wire.stringsSize(names, nameCount);
    if (out.length < total) {
      out = new byte[Math.max(total, out.length * 2)];
    }
    int p = field(0, 4, removed, removedLength);
    p = field(p, 5, ids, idsLength);
    p = field(p, 6, masks, masksLength);
    p = field(p, 7, values, valuesLength);
    p = Wire.writePacked(out, p, 8, nameIds, nameCount, nameIdsSize, false);
    p = Wire.writeStrings(out, p, 9, names, nameCount);
    if (p != total) {
      throw new IllegalStateException("wrote " + p + " bytes of " + total);
    }
    outLength = total;
  }

  byte[] bytes() {
    return out;
  }

  int length() {
    return outLength;
  }

  private int field(int p, int field, byte[] payload, int length) {
    if (length == 0) {
      return p;
    }
    out[p++] = (byte) (field << 3 | 2);
    p = Wire.writeVarint(out, p, length);
    System.arraycopy(payload, 0, out, p, length);
    return p + length;
  }

  /**
   * Writes row {@code c}'s changed fields against base row {@code br}, {@code ticks} earlier,
   * as zigzag varints into {@code o} at {@code p} (room: {@link #rowRoom}). Returns the mask
   * in the low word and the end in the high word.
   */
  static long writeDelta(EntityTable base, int br, EntityTable current, int c, int[] rateOf,
      int ticks, byte[] o, int p) {
    int fields = current.fieldCount();
    int mask = 0;
    for (int f = 0; f < fields; f++) {
      int v = base.get(br, f);
      int expected = rateOf != null && rateOf[f] >= 0 ? v + base.get(br, rateOf[f]) * ticks : v;
      int delta = current.get(c, f) - expected;
      if (delta != 0) {
        mask |= 1 << f;
        p = Wire.writeVarint(o, p, CodedOutputStream.encodeZigZag32(delta));
      }
    }
    return (long) p << 32 | (mask & 0xFFFFFFFFL);
  }

  /** As {@link #writeDelta} against nothing: a row new to the receiver, its non-zero fields. */
  static long writeAbsolute(EntityTable current, int c, byte[] o, int p) {
    int fields = current.fieldCount();
    int mask = 0;
    for (int f = 0; f < fields; f++) {
      int v = current.get(c, f);
      if (v != 0) {
        mask |= 1 << f;
        p = Wire.writeVarint(o, p, CodedOutputStream.encodeZigZag32(v));
      }
    }
    return (long) p << 32 | (mask & 0xFFFFFFFFL);
  }

  /** Whether the display name differs from the base row's (base null: whether it has one). */
  static boolean nameChanged(EntityTable base, int br, EntityTable current, int c) {
    String name = current.name(c);
    return base == null ? name != null : !Objects.equals(name, base.name(br));
  }

  /**
   * Copies {@code src[from, to)} to {@code dst} at {@code at} and returns the end; both arrays
   * need 8 bytes to spare past the range. A byte loop would mispredict its exit at each row's
   * varying length; bytes past the end are overwritten next or lie past the length written.
   */
  static int copy(byte[] src, int from, int to, byte[] dst, int at) {
    LONGS.set(dst, at, (long) LONGS.get(src, from));
    for (int x = from + 8; x < to; x++) {
      dst[at + x - from] = src[x];
    }
    return at + to - from;
  }
}
