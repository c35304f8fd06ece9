package dev.tickstream.sync;

import com.google.protobuf.CodedOutputStream;
import io.vertx.core.buffer.Buffer;

/**
 * Wraps a shared snapshot body into one client's {@code ServerMessage} frame. The per-client
 * part (tick, base tick, last input sequence) is at most 18 bytes in front of the shared body,
 * so a room encodes each distinct body once and only copies it per client.
 */
public final class SnapshotFrames {
  private static final int SERVER_MESSAGE_SNAPSHOT_TAG = (2 << 3) | 2;
  /** Tag and length of the snapshot, then three fields of a tag and a varint each. */
  private static final int HEAD_MAX = 1 + 5 + 3 * 6;
  private static final ThreadLocal<byte[]> HEAD = ThreadLocal.withInitial(() -> new byte[HEAD_MAX]);

  private SnapshotFrames() {}

  /** Size of the frame {@link #frame} would build. */
  public static int frameLength(int tick, int baseTick, int lastInputSeq, int bodyLen) {
    int snapshotLen = uintField(1, tick) + uintField(2, baseTick) + uintField(3, lastInputSeq)
        + bodyLen;
    return 1 + CodedOutputStream.computeUInt32SizeNoTag(snapshotLen) + snapshotLen;
  }

  /** The complete binary frame for one client. */
  public static Buffer frame(int tick, int baseTick, int lastInputSeq, byte[] body, int bodyLen) {
    return frame(tick, baseTick, lastInputSeq, body, bodyLen, body, 0);
  }

  /**
   * The complete binary frame for one client, with {@code tail} (this client's own encoded
   * fields after the shared body, such as its game events) appended.
   */
  public static Buffer frame(int tick, int baseTick, int lastInputSeq, byte[] body, int bodyLen,
      byte[] tail, int tailLen) {
    int header = uintField(1, tick) + uintField(2, baseTick) + uintField(3, lastInputSeq);
    int snapshotLen = header + bodyLen + tailLen;
    // The head is written into an array and appended once: a Buffer's appendByte checks and
    // grows its ByteBuf on every call, which cost more than the body's single copy. The array
    // is the thread's own, so that the frame stays the only allocation per client.
    byte[] head = HEAD.get();
    head[0] = (byte) SERVER_MESSAGE_SNAPSHOT_TAG;
    int p = Wire.writeVarint(head, 1, snapshotLen);
    p = writeField(head, p, 1, tick);
    p = writeField(head, p, 2, baseTick);
    p = writeField(head, p, 3, lastInputSeq);
    Buffer frame = Buffer.buffer(p + bodyLen + tailLen).appendBytes(head, 0, p)
        .appendBytes(body, 0, bodyLen);
    return tailLen == 0 ? frame : frame.appendBytes(tail, 0, tailLen);
  }

  /**
   * Writes the frame {@link #frame} would build into {@code out} at {@code pos} (which must
   * have room for {@link #frameLength} bytes) and returns the position after it: for a frame
   * kept rather than sent (a recording), without a buffer per frame.
   */
  public static int write(byte[] out, int pos, int tick, int baseTick, int lastInputSeq,
      byte[] body, int bodyLen, byte[] tail, int tailLen) {
    int snapshotLen = uintField(1, tick) + uintField(2, baseTick) + uintField(3, lastInputSeq)
        + bodyLen + tailLen;
    out[pos] = (byte) SERVER_MESSAGE_SNAPSHOT_TAG;
    int p = Wire.writeVarint(out, pos + 1, snapshotLen);
    p = writeField(out, p, 1, tick);
    p = writeField(out, p, 2, baseTick);
    p = writeField(out, p, 3, lastInputSeq);
    System.arraycopy(body, 0, out, p, bodyLen);
    p += bodyLen;
    System.arraycopy(tail, 0, out, p, tailLen);
    return p + tailLen;
  }

  private static int uintField(int field, int v) {
    return v == 0 ? 0 : 1 + CodedOutputStream.computeUInt32SizeNoTag(v);
  }

  private static int writeField(byte[] o, int p, int field, int v) {
    if (v == 0) {
      return p;
    }
    o[p] = (byte) (field << 3);
    return Wire.writeVarint(o, p + 1, v);
  }
}
