package dev.tickstream.sync;

import com.google.protobuf.CodedOutputStream;
import dev.tickstream.wire.EntityTable;

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
  private final WireBody body = new WireBody();
  private final int[] rateOf;
  private final RowMemo memo = new RowMemo();
  /** The last encoding's rows, for the bandwidth report's breakdown: id, mask, known, end. */
  private int[] rowIds = new int[64];
  private int[] rowMasks = new int[64];
  private boolean[] rowKnown = new boolean[64];
  private int[] rowValueEnd = new int[64];
  private int idCount;

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
    int bn = base == null ? 0 : baseCount;
    body.begin(bn, currentCount);
    if (rowIds.length < currentCount) {
      int cap = Math.max(currentCount, rowIds.length * 2);
      rowIds = new int[cap];
      rowMasks = new int[cap];
      rowKnown = new boolean[cap];
      rowValueEnd = new int[cap];
    }
    int fields = current.fieldCount();
    int size = current.size();
    int knownSlot = base == null ? -1 : memo.slot(current, base, ticks, size, fields);
    int newSlot = memo.slot(current, null, 0, size, fields);
    int room = WireBody.rowRoom(fields);
    // The body's arrays and cursors in locals: the loop runs once per row of every view.
    byte[] ids = body.ids;
    byte[] masks = body.masks;
    byte[] values = body.values(0, 0);
    long rowsEnd = 0;
    int prevId = 0;
    int v = 0;
    int rows = 0;
    int b = 0;
    for (int i = 0; i < currentCount; i++) {
      int c = currentRows == null ? i : currentRows[i];
      int id = current.id(c);
      int br = -1;
      while (b < bn) {
        br = baseRows == null ? b : baseRows[b];
        if (base.id(br) >= id) {
          break;
        }
        body.removed(base.id(br));
        b++;
      }
      boolean known = b < bn && base.id(br) == id;
      int slot = known ? knownSlot : newSlot;
      if (!WireBody.fits(values, v, room)) {
        values = body.values(v, room);
      }
      long entry = slot < 0 ? 0 : memo.entry(slot, c);
      int mask;
      boolean nameChanged;
      if (entry == 0) {
        int from = v;
        long written = known
            ? WireBody.writeDelta(base, br, current, c, rateOf, ticks, values, from)
            : WireBody.writeAbsolute(current, c, values, from);
        mask = (int) written;
        v = (int) (written >>> 32);
        nameChanged = WireBody.nameChanged(known ? base : null, br, current, c);
        if (slot >= 0) {
          memo.remember(slot, c, mask, nameChanged, values, from, v);
        }
      } else {
        mask = RowMemo.mask(entry);
        nameChanged = RowMemo.nameChanged(entry);
        v = memo.copyValues(slot, entry, values, v);
      }
      if (!known || mask != 0) {
        rowsEnd = WireBody.writeRow(ids, masks, rowsEnd, id - prevId, mask);
        prevId = id;
        rowIds[rows] = id;
        rowMasks[rows] = mask;
        rowKnown[rows] = known;
        rowValueEnd[rows++] = v;
      }
      if (nameChanged) {
        body.name(id, current.name(c));
      }
      if (known) {
        b++;
      }
    }
    while (b < bn) {
      body.removed(base.id(baseRows == null ? b : baseRows[b]));
      b++;
    }
    idCount = rows;
    body.finish(rowsEnd, v);
  }

  public byte[] bytes() {
    return body.bytes();
  }

  public int length() {
    return body.length();
  }

  /** Rows (appeared or changed entities) in the last encoding. */
  public int rowCount() {
    return idCount;
  }

  /** Bytes of the removed ids in the last encoding (without their field's tag and length). */
  public int removedBytes() {
    return body.removedLength();
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
    return rowMasks[i];
  }

  /**
   * Bytes row {@code i} of the last encoding costs inside the packed fields: its id delta, its
   * mask and its values (the fields' tags and lengths are shared by all rows).
   */
  public int rowBytes(int i) {
    int idDelta = rowId(i) - (i == 0 ? 0 : rowId(i - 1));
    return CodedOutputStream.computeUInt32SizeNoTag(idDelta)
        + CodedOutputStream.computeUInt32SizeNoTag(rowMask(i))
        + rowValueEnd[i] - (i == 0 ? 0 : rowValueEnd[i - 1]);
  }
}
