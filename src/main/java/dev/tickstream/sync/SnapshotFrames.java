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

  private SnapshotFrames() {}

  /** Size of the frame {@link #frame} would build. */
  public static int frameLength(int tick, int baseTick, int lastInputSeq, int bodyLen) {
    int snapshotLen = uintField(1, tick) + uintField(2, baseTick) + uintField(3, lastInputSeq)
        + bodyLen;
    return 1 + CodedOutputStream.computeUInt32SizeNoTag(snapshotLen) + snapshotLen;
  }

  /** The complete binary frame for one client. */
  public static Buffer frame(int tick, int baseTick, int lastInputSeq, byte[] body, int bodyLen) {
    int header = uintField(1, tick) + uintField(2, baseTick) + uintField(3, lastInputSeq);
    int snapshotLen = header + bodyLen;
    Buffer buf = Buffer.buffer(1 + 5 + snapshotLen);
    buf.appendByte((byte) SERVER_MESSAGE_SNAPSHOT_TAG);
    appendVarint(buf, snapshotLen);
    appendField(buf, 1, tick);
    appendField(buf, 2, baseTick);
    appendField(buf, 3, lastInputSeq);
    buf.appendBytes(body, 0, bodyLen);
    return buf;
  }

  private static int uintField(int field, int v) {
    return v == 0 ? 0 : 1 + CodedOutputStream.computeUInt32SizeNoTag(v);
  }

  private static void appendField(Buffer buf, int field, int v) {
    if (v != 0) {
      buf.appendByte((byte) (field << 3));
      appendVarint(buf, v);
    }
  }

  private static void appendVarint(Buffer buf, int v) {
    while ((v & ~0x7F) != 0) {
      buf.appendByte((byte) ((v & 0x7F) | 0x80));
      v >>>= 7;
    }
    buf.appendByte((byte) v);
  }
}
