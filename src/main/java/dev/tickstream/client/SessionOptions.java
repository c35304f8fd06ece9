package dev.tickstream.client;

import com.google.protobuf.ByteString;
import com.google.protobuf.Message;
import java.util.function.IntPredicate;

/**
 * Per-session behaviour of the client.
 *
 * @param history applied states kept by tick; the server diffs against the tick acknowledged
 *     last, which may be older than the newest state
 * @param dropSnapshot when it answers true for a tick, that snapshot is ignored as if lost
 *     (for tests of the delta protocol); null drops none
 * @param dropAck when it answers true for a tick, that tick is not acknowledged (tests)
 * @param joinData the game's own join data sent in {@code Join} (at most 256 bytes), e.g. a
 *     chosen team; empty by default
 */
public record SessionOptions(int history, IntPredicate dropSnapshot, IntPredicate dropAck,
    ByteString joinData) {

  public static SessionOptions defaults() {
    return new SessionOptions(128, null, null, ByteString.EMPTY);
  }

  public SessionOptions withDrops(IntPredicate dropSnapshot, IntPredicate dropAck) {
    return new SessionOptions(history, dropSnapshot, dropAck, joinData);
  }

  /** These options with {@code data} (the game's join message) sent in {@code Join}. */
  public SessionOptions withJoinData(Message data) {
    return new SessionOptions(history, dropSnapshot, dropAck, data.toByteString());
  }
}
