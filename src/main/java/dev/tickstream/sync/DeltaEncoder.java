package dev.tickstream.sync;

import com.google.protobuf.CodedOutputStream;
import dev.tickstream.wire.EntityTable;
import java.util.Arrays;
import java.util.Objects;

/**
 * Encodes the difference between two world states as the shared body of a
 * {@code tickstream.v1.Snapshot} (fields 4 to 9; see the proto for the format). One encoder per
 * room thread: it reuses its scratch arrays and writes varints itself, so encoding allocates
 * nothing once warm.
 *
 * <p>The body does not depend on who receives it, only on the base and the view, so clients
 * that acked the same tick and see the same entities share one encoding; {@link SnapshotFrames}
 * adds the per-client header. Between {@link #beginTick} calls, each row's delta against each
 * base is also computed once and reused by every view that holds the row ({@link RowMemo}).
 */
public final class DeltaEncoder {
  private int[] removed = new int[64];
  private int removedCount;
  private int[] ids = new int[64];
  private int idCount;
  private int[] masks = new int[64];
  private boolean[] rowKnown = new boolean[64];
  private int[] rowValueStart = new int[64];
  private int[] rowIds = new int[64];
  private int[] values = new int[256];
  private int valueCount;
  private int[] nameIds = new int[16];
  private String[] names = new String[16];
  private int nameCount;
  private int removedSize;
  private int idsSize;
  private int masksSize;
  private int valuesSize;
  private byte[] out = new byte[4096];
  private int outLength;
  private final int[] rateOf;
  private final RowMemo memo = new RowMemo();

  /** An encoder without rate fields. */
  public DeltaEncoder() {
    this(null);
  }

  /**
   * @param rateOf per field, the field holding its change per tick, or -1 (see
   *     {@code Game.rateFields}); null for none
   */
  public DeltaEncoder(int[] rateOf) {
    this.rateOf = rateOf == null ? null : rateOf.clone();
  }

  /**
   * Starts a tick: until the next call, every encoding of {@code current} reuses the row deltas
   * earlier encodings of it computed against the same base. {@code current} must not change
   * until the next call (pass null to stop memoizing).
   */
  public void beginTick(EntityTable current) {
    memo.reset(current);
  }

  /**
   * Encodes {@code current} against {@code base} (null: against the empty world, a full
   * snapshot). The result stays valid until the next call: {@link #bytes()}, {@link #length()}.
   */
  public void encode(EntityTable base, EntityTable current) {
    encode(base, null, base == null ? 0 : base.size(), current, null, current.size(), 1);
  }

  /**
   * Encodes a view of {@code current} against a view of {@code base}: the views are the rows
   * listed in {@code currentRows} / {@code baseRows} (row indices in ascending id order; null
   * means every row), so area of interest needs no copy of the world per client.
   *
   * @param ticks ticks from the base to the current state, for rate fields
   */
  public void encode(EntityTable base, int[] baseRows, int baseCount,
      EntityTable current, int[] currentRows, int currentCount, int ticks) {
    removedCount = idCount = valueCount = nameCount = 0;
    removedSize = idsSize = masksSize = valuesSize = 0;
    int fields = current.fieldCount();
    int size = current.size();
    int knownSlot = base == null ? -1 : memo.slot(current, base, ticks, size, fields);
    int newSlot = memo.slot(current, null, 0, size, fields);
    int b = 0;
    int bn = base == null ? 0 : baseCount;
    int prevRemoved = 0;
    int prevId = 0;
    for (int i = 0; i < currentCount; i++) {
      int c = currentRows == null ? i : currentRows[i];
      int id = current.id(c);
      int br = -1;
      while (b < bn) {
        br = baseRows == null ? b : baseRows[b];
        if (base.id(br) >= id) {
          break;
        }
        prevRemoved = addRemoved(base.id(br), prevRemoved);
        b++;
      }
      boolean known = b < bn && base.id(br) == id;
      int valueStart = valueCount;
      int slot = known ? knownSlot : newSlot;
      int mask;
      boolean nameChanged;
      if (slot < 0) {
        mask = rowDelta(known ? base : null, br, current, c, ticks);
        nameChanged = nameChanged(known ? base : null, br, current, c);
      } else {
        long entry = memoDelta(slot, known ? base : null, br, current, c, ticks);
        mask = (int) entry;
        nameChanged = entry < 0;
      }
      if (!known || mask != 0) {
        addRow(id, id - prevId, mask, known, valueStart);
        prevId = id;
      }
      if (nameChanged) {
        String name = current.name(c);
        addName(id, name == null ? "" : name);
      }
      if (known) {
        b++;
      }
    }
    while (b < bn) {
      prevRemoved = addRemoved(base.id(baseRows == null ? b : baseRows[b]), prevRemoved);
      b++;
    }
    write();
  }

  /** Appends row {@code c}'s changed fields against base row {@code br} and returns the mask. */
  private int rowDelta(EntityTable base, int br, EntityTable current, int c, int ticks) {
    int fields = current.fieldCount();
    int mask = 0;
    for (int f = 0; f < fields; f++) {
      int delta = current.get(c, f) - (base == null ? 0 : expected(base, br, f, rateOf, ticks));
      if (delta != 0) {
        mask |= 1 << f;
        addValue(delta);
      }
    }
    return mask;
  }

  /**
   * What field {@code f} of base row {@code br} predicts {@code ticks} later: its value, plus
   * its rate field's value per tick when it has one.
   */
  static int expected(EntityTable base, int br, int f, int[] rateOf, int ticks) {
    int v = base.get(br, f);
    return rateOf != null && rateOf[f] >= 0 ? v + base.get(br, rateOf[f]) * ticks : v;
  }

  /** Whether the display name differs from the base row's (base null: whether it has one). */
  static boolean nameChanged(EntityTable base, int br, EntityTable current, int c) {
    String name = current.name(c);
    return base == null ? name != null : !Objects.equals(name, base.name(br));
  }

  /**
   * As {@link #rowDelta} and {@link #nameChanged}, computed once per slot and row, then
   * copied: returns the row's memo entry (see {@link RowMemo}).
   */
  private long memoDelta(int slot, EntityTable base, int br, EntityTable current, int c,
      int ticks) {
    long entry = memo.entries[slot][c];
    if (entry == 0) {
      int from = valueCount;
      int fromSize = valuesSize;
      int mask = rowDelta(base, br, current, c, ticks);
      int n = valueCount - from;
      int at = memo.poolLengths[slot];
      boolean fits = at <= RowMemo.MAX_START;
      // past MAX_START the start is not kept, so it must not spill into the name bit
      entry = RowMemo.entry(mask, valuesSize - fromSize, fits ? at : 0,
          nameChanged(base, br, current, c));
      if (fits) {
        if (memo.pools[slot].length < at + n) {
          memo.pools[slot] = Arrays.copyOf(memo.pools[slot], Math.max(at + n, at * 2));
        }
        System.arraycopy(values, from, memo.pools[slot], at, n);
        memo.poolLengths[slot] = at + n;
        memo.entries[slot][c] = entry;
      }
      return entry;
    }
    int n = Integer.bitCount((int) entry);
    if (n > 0) {
      if (valueCount + n > values.length) {
        values = Arrays.copyOf(values, Math.max(valueCount + n, valueCount * 2));
      }
      System.arraycopy(memo.pools[slot], RowMemo.start(entry), values, valueCount, n);
      valueCount += n;
      valuesSize += RowMemo.size(entry);
    }
    return entry;
  }

  public byte[] bytes() {
    return out;
  }

  public int length() {
    return outLength;
  }

  /** Rows (appeared or changed entities) in the last encoding. */
  public int rowCount() {
    return idCount;
  }

  private int addRemoved(int id, int prev) {
    if (removedCount == removed.length) {
      removed = Arrays.copyOf(removed, removedCount * 2);
    }
    removed[removedCount++] = id - prev;
    removedSize += CodedOutputStream.computeUInt32SizeNoTag(id - prev);
    return id;
  }

  private void addRow(int id, int idDelta, int mask, boolean known, int valueStart) {
    if (idCount == ids.length) {
      rowIds = Arrays.copyOf(rowIds, idCount * 2);
      ids = Arrays.copyOf(ids, idCount * 2);
      masks = Arrays.copyOf(masks, idCount * 2);
      rowKnown = Arrays.copyOf(rowKnown, idCount * 2);
      rowValueStart = Arrays.copyOf(rowValueStart, idCount * 2);
    }
    ids[idCount] = idDelta;
    idsSize += CodedOutputStream.computeUInt32SizeNoTag(idDelta);
    masksSize += CodedOutputStream.computeUInt32SizeNoTag(mask);
    rowIds[idCount] = id;
    rowKnown[idCount] = known;
    rowValueStart[idCount] = valueStart;
    masks[idCount++] = mask;
  }

  /** Bytes of the removed ids in the last encoding (without their field's tag and length). */
  public int removedBytes() {
    return Wire.packedSize(removed, removedCount);
  }

  /** Whether row {@code i} of the last encoding updated an entity the receiver already had. */
  public boolean rowKnown(int i) {
    return rowKnown[i];
  }

  /** Entity id of row {@code i} of the last encoding. */
  public int rowId(int i) {
    return rowIds[i];
  }

  public int rowMask(int i) {
    return masks[i];
  }

  /**
   * Bytes row {@code i} of the last encoding costs inside the packed fields: its id delta, its
   * mask and its values (the fields' tags and lengths are shared by all rows).
   */
  public int rowBytes(int i) {
    int end = i + 1 < idCount ? rowValueStart[i + 1] : valueCount;
    int n = CodedOutputStream.computeUInt32SizeNoTag(ids[i])
        + CodedOutputStream.computeUInt32SizeNoTag(masks[i]);
    for (int v = rowValueStart[i]; v < end; v++) {
      n += CodedOutputStream.computeSInt32SizeNoTag(values[v]);
    }
    return n;
  }

  private void addValue(int v) {
    if (valueCount == values.length) {
      values = Arrays.copyOf(values, valueCount * 2);
    }
    values[valueCount++] = v;
    valuesSize += CodedOutputStream.computeUInt32SizeNoTag(CodedOutputStream.encodeZigZag32(v));
  }

  private void addName(int id, String name) {
    if (nameCount == nameIds.length) {
      nameIds = Arrays.copyOf(nameIds, nameCount * 2);
      names = Arrays.copyOf(names, nameCount * 2);
    }
    nameIds[nameCount] = id;
    names[nameCount++] = name;
  }

  private void write() {
    int nameIdsSize = Wire.packedSize(nameIds, nameCount);
    int total = Wire.fieldSize(removedSize) + Wire.fieldSize(idsSize)
        + Wire.fieldSize(masksSize) + Wire.fieldSize(valuesSize) + Wire.fieldSize(nameIdsSize)
        + Wire.stringsSize(names, nameCount);
    if (out.length < total) {
      out = new byte[Math.max(total, out.length * 2)];
    }
    int p = Wire.writePacked(out, 0, 4, removed, removedCount, removedSize, false);
    p = Wire.writePacked(out, p, 5, ids, idCount, idsSize, false);
    p = Wire.writePacked(out, p, 6, masks, idCount, masksSize, false);
    p = Wire.writePacked(out, p, 7, values, valueCount, valuesSize, true);
    p = Wire.writePacked(out, p, 8, nameIds, nameCount, nameIdsSize, false);
    p = Wire.writeStrings(out, p, 9, names, nameCount);
    if (p != total) {
      throw new IllegalStateException("wrote " + p + " bytes of " + total);
    }
    outLength = total;
  }
}
