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
 * @param mirror true (default): every snapshot is decoded into a mirror of the world and its
 *     events are delivered; false: only the header (tick, base tick, last input seq) and the
 *     steered entity's row are read ({@link GameSession#own}), for headless clients such as
 *     load-test bots: no mirror, no events
 */
public record SessionOptions(int history, IntPredicate dropSnapshot, IntPredicate dropAck,
    ByteString joinData, boolean mirror) {

  public static SessionOptions defaults() {
    return new SessionOptions(128, null, null, ByteString.EMPTY, true);
  }

  public SessionOptions withDrops(IntPredicate dropSnapshot, IntPredicate dropAck) {
    return new SessionOptions(history, dropSnapshot, dropAck, joinData, mirror);
  }

  /** These options with {@code data} (the game's join message) sent in {@code Join}. */
  public SessionOptions withJoinData(Message data) {
    return new SessionOptions(history, dropSnapshot, dropAck, data.toByteString(), mirror);
  }

  /** These options keeping {@code history} states (or own rows) by tick. */
  public SessionOptions withHistory(int history) {
    return new SessionOptions(history, dropSnapshot, dropAck, joinData, mirror);
  }

  /** These options reading only each snapshot's header and the steered entity's row. */
  public SessionOptions withoutMirror() {
    return new SessionOptions(history, dropSnapshot, dropAck, joinData, false);
  }
}
