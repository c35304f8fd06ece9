package dev.tickstream.wire;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.WireFormat;
import java.io.IOException;
import java.util.Arrays;

/**
 * Reads a snapshot frame without building it: the header ({@code tick}, {@code base_tick},
 * {@code last_input_seq}) and the row of one entity (the one a client steers), followed from
 * delta to delta the way {@link DeltaDecoder} follows the whole world, but without allocating
 * or copying the other rows. For clients that need only their own entity (load-test bots): the
 * columns are scanned as varints, and only the entity's own values are decoded.
 *
 * <p>Like {@link DeltaDecoder} it throws {@link IllegalArgumentException} on a malformed frame
 * or a delta against a tick it does not hold. Confined to one thread.
 */
public final class SnapshotPeek {
  /** ServerMessage.snapshot: field 2, length-delimited. */
  private static final int SNAPSHOT_TAG = (2 << 3) | WireFormat.WIRETYPE_LENGTH_DELIMITED;

  private final int fields;
  private final int[] rateOf;
  private final int entityId;
  /** The entity's row by tick, as the last snapshots left it; slot = tick % capacity. */
  private final int[] ticks;
  private final boolean[] present;
  private final int[][] rows;
  private int tick;
  private int baseTick;
  private int lastInputSeq;
  private int current = -1;
  // Where the packed columns lie in the frame: offset and length, -1 when absent.
  private int removedAt;
  private int removedLength;
  private int idsAt;
  private int idsLength;
  private int masksAt;
  private int masksLength;
  private int valuesAt;
  private int valuesLength;

  /**
   * @param fields entity fields per row (Welcome.schema.fields)
   * @param rateOf per field, the field holding its change per tick, or -1 ({@link WireSchema#rates()}); null: none
   * @param entityId the entity to follow (0: none; only the header is read)
   * @param history ticks of the entity's row kept for bases (as many as the server's history)
   */
  public SnapshotPeek(int fields, int[] rateOf, int entityId, int history) {
    this.fields = fields;
    this.rateOf = rateOf;
    this.entityId = entityId;
    this.ticks = new int[history];
    this.present = new boolean[history];
    this.rows = new int[history][fields];
  }

  /** Whether {@code frame} (a ServerMessage) is a snapshot: its first tag is field 2. */
  public static boolean isSnapshot(byte[] frame) {
    return frame.length > 0 && (frame[0] & 0xFF) == SNAPSHOT_TAG;
  }

  /**
   * Reads one snapshot frame (a ServerMessage whose first field is the snapshot) and applies it
   * to the followed entity's row at the snapshot's base.
   */
  public void read(byte[] frame) {
    removedAt = idsAt = masksAt = valuesAt = -1;
    tick = baseTick = lastInputSeq = 0;
    try {
      CodedInputStream in = CodedInputStream.newInstance(frame);
      if (in.readTag() != SNAPSHOT_TAG) {
        throw new IllegalArgumentException("not a snapshot");
      }
      int limit = in.pushLimit(in.readRawVarint32());
      for (int tag; (tag = in.readTag()) != 0; ) {
        switch (tag) {
          case (1 << 3) -> tick = in.readUInt32();
          case (2 << 3) -> baseTick = in.readUInt32();
          case (3 << 3) -> lastInputSeq = in.readUInt32();
          case (4 << 3) | 2, (5 << 3) | 2, (6 << 3) | 2, (7 << 3) | 2 -> column(in, tag >>> 3);
          case (4 << 3), (5 << 3), (6 << 3), (7 << 3) ->
              throw new IllegalArgumentException("unpacked column " + (tag >>> 3));
          default -> in.skipField(tag);
        }
      }
      in.popLimit(limit);
    } catch (IOException e) {
      throw new IllegalArgumentException("malformed snapshot: " + e.getMessage(), e);
    }
    if (entityId != 0) {
      follow(frame);
    }
  }

  private void column(CodedInputStream in, int field) throws IOException {
    int length = in.readRawVarint32();
    int at = in.getTotalBytesRead();
    in.skipRawBytes(length);
    switch (field) {
      case 4 -> { removedAt = at; removedLength = length; }
      case 5 -> { idsAt = at; idsLength = length; }
      case 6 -> { masksAt = at; masksLength = length; }
      default -> { valuesAt = at; valuesLength = length; }
    }
  }

  /** The entity's row at {@link #tick()} from its row at the base and the columns. */
  private void follow(byte[] frame) {
    int baseSlot = -1;
    if (baseTick != 0) {
      baseSlot = baseTick % ticks.length;
      if (ticks[baseSlot] != baseTick) {
        throw new IllegalArgumentException("delta against unknown tick " + baseTick);
      }
    }
    boolean known = baseSlot >= 0 && present[baseSlot];
    try {
      if (known && removedAt >= 0 && find(frame, removedAt, removedLength) >= 0) {
        // Gone (or out of view); an id is never both removed and listed.
        store(false, null);
        return;
      }
      int index = idsAt < 0 ? -1 : find(frame, idsAt, idsLength);
      if (index < 0) {
        store(known, known ? rows[baseSlot] : null);
        return;
      }
      // Skip the values of the rows before this one: one per set mask bit.
      CodedInputStream masks = slice(frame, masksAt, masksLength);
      int skip = 0;
      for (int i = 0; i < index; i++) {
        skip += Integer.bitCount(masks.readRawVarint32());
      }
      if (masks.isAtEnd()) {
        throw new IllegalArgumentException("ids and masks differ in length");
      }
      int mask = masks.readRawVarint32();
      if ((mask >>> fields) != 0) {
        throw new IllegalArgumentException("mask has bits beyond field " + fields);
      }
      CodedInputStream values = slice(frame, valuesAt, valuesLength);
      for (int i = 0; i < skip; i++) {
        values.readRawVarint64();
      }
      store(true, known ? rows[baseSlot] : null);
      int[] row = rows[current];
      for (int f = 0; f < fields; f++) {
        if ((mask & (1 << f)) != 0) {
          if (values.isAtEnd()) {
            throw new IllegalArgumentException("values run out at entity " + entityId);
          }
          row[f] += values.readSInt32();
        }
      }
    } catch (IOException e) {
      throw new IllegalArgumentException("malformed snapshot: " + e.getMessage(), e);
    }
  }

  /**
   * Records the row at this tick: absent, or {@code base} advanced by dead reckoning (a copy of
   * zeros when {@code base} is null and the entity is new).
   */
  private void store(boolean has, int[] base) {
    int slot = tick % ticks.length;
    int[] row = rows[slot];
    if (has && base != null) {
      int elapsed = tick - baseTick;
      int[] from = base == row ? Arrays.copyOf(base, fields) : base;
      for (int f = 0; f < fields; f++) {
        int r = rateOf == null ? -1 : rateOf[f];
        row[f] = r < 0 ? from[f] : from[f] + from[r] * elapsed;
      }
    } else {
      Arrays.fill(row, 0);
    }
    ticks[slot] = tick;
    present[slot] = has;
    current = slot;
  }

  /** The position of {@code entityId} in a difference-coded ascending id column, or -1. */
  private int find(byte[] frame, int at, int length) throws IOException {
    CodedInputStream in = slice(frame, at, length);
    int id = 0;
    for (int i = 0; !in.isAtEnd(); i++) {
      int d = in.readRawVarint32();
      if (i > 0 && d <= 0) {
        throw new IllegalArgumentException("ids must be strictly ascending");
      }
      id += d;
      if (id == entityId) {
        return i;
      }
      if (Integer.compareUnsigned(id, entityId) > 0) {
        return -1;
      }
    }
    return -1;
  }

  private static CodedInputStream slice(byte[] frame, int at, int length) {
    return CodedInputStream.newInstance(frame, at, length);
  }

  public int tick() {
    return tick;
  }

  public int baseTick() {
    return baseTick;
  }

  public int lastInputSeq() {
    return lastInputSeq;
  }

  /** Whether the followed entity is in the last snapshot read (in the client's view). */
  public boolean present() {
    return current >= 0 && present[current];
  }

  /** The followed entity's field {@code f} at {@link #tick()}; 0 when it is not present. */
  public int get(int f) {
    return present() ? rows[current][f] : 0;
  }
}
