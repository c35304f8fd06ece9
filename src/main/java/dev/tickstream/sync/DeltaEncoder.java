package dev.tickstream.sync;

import com.google.protobuf.CodedOutputStream;
import dev.tickstream.sim.EntityTable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Objects;

/**
 * Encodes the difference between two world states as the shared body of a
 * {@code tickstream.v1.Snapshot} (fields 4 to 9; see the proto for the format). One encoder per
 * room thread: it reuses its scratch arrays, so encoding allocates nothing once warm.
 *
 * <p>The body does not depend on who receives it, only on the base, so clients that acked the
 * same tick share one encoding; {@link SnapshotFrames} adds the per-client header.
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
  private byte[] out = new byte[4096];
  private int outLength;
  private final int[] rateOf;

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
    int fields = current.fieldCount();
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
      int mask = 0;
      int valueStart = valueCount;
      for (int f = 0; f < fields; f++) {
        int expected = 0;
        if (known) {
          expected = base.get(br, f);
          if (rateOf != null && rateOf[f] >= 0) {
            expected += base.get(br, rateOf[f]) * ticks;
          }
        }
        int delta = current.get(c, f) - expected;
        if (delta != 0) {
          mask |= 1 << f;
          addValue(delta);
        }
      }
      String name = current.name(c);
      boolean nameChanged = known ? !Objects.equals(name, base.name(br)) : name != null;
      if (!known || mask != 0) {
        addRow(id, id - prevId, mask, known, valueStart);
        prevId = id;
      } else {
        valueCount = valueStart;
      }
      if (nameChanged) {
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
    rowIds[idCount] = id;
    rowKnown[idCount] = known;
    rowValueStart[idCount] = valueStart;
    masks[idCount++] = mask;
  }

  /** Bytes of the removed ids in the last encoding (without their field's tag and length). */
  public int removedBytes() {
    return packedUInt(removed, removedCount);
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
    int removedSize = packedUInt(removed, removedCount);
    int idsSize = packedUInt(ids, idCount);
    int masksSize = packedUInt(masks, idCount);
    int valuesSize = 0;
    for (int i = 0; i < valueCount; i++) {
      valuesSize += CodedOutputStream.computeSInt32SizeNoTag(values[i]);
    }
    int nameIdsSize = packedUInt(nameIds, nameCount);
    int total =
        fieldSize(4, removedSize) + fieldSize(5, idsSize) + fieldSize(6, masksSize)
            + fieldSize(7, valuesSize) + fieldSize(8, nameIdsSize);
    for (int i = 0; i < nameCount; i++) {
      total += CodedOutputStream.computeStringSize(9, names[i]);
    }
    if (out.length < total) {
      out = new byte[Math.max(total, out.length * 2)];
    }
    CodedOutputStream cos = CodedOutputStream.newInstance(out, 0, total);
    try {
      writePacked(cos, 4, removed, removedCount, removedSize, false);
      writePacked(cos, 5, ids, idCount, idsSize, false);
      writePacked(cos, 6, masks, idCount, masksSize, false);
      writePacked(cos, 7, values, valueCount, valuesSize, true);
      writePacked(cos, 8, nameIds, nameCount, nameIdsSize, false);
      for (int i = 0; i < nameCount; i++) {
        cos.writeString(9, names[i]);
      }
      cos.checkNoSpaceLeft();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    outLength = total;
  }

  private static int packedUInt(int[] a, int n) {
    int size = 0;
    for (int i = 0; i < n; i++) {
      size += CodedOutputStream.computeUInt32SizeNoTag(a[i]);
    }
    return size;
  }

  private static int fieldSize(int field, int payload) {
    return payload == 0
        ? 0
        : CodedOutputStream.computeTagSize(field)
            + CodedOutputStream.computeUInt32SizeNoTag(payload)
            + payload;
  }

  private static void writePacked(
      CodedOutputStream cos, int field, int[] a, int n, int size, boolean zigzag)
      throws IOException {
    if (n == 0) {
      return;
    }
    cos.writeTag(field, 2);
    cos.writeUInt32NoTag(size);
    for (int i = 0; i < n; i++) {
      if (zigzag) {
        cos.writeSInt32NoTag(a[i]);
      } else {
        cos.writeUInt32NoTag(a[i]);
      }
    }
  }
}
