package dev.tickstream.client;

import java.util.function.IntPredicate;

/**
 * Per-session behaviour of the client.
 *
 * @param history applied states kept by tick; the server diffs against the tick acknowledged
 *     last, which may be older than the newest state
 * @param dropSnapshot when it answers true for a tick, that snapshot is ignored as if lost
 *     (for tests of the delta protocol); null drops none
 * @param dropAck when it answers true for a tick, that tick is not acknowledged (tests)
 */
public record SessionOptions(int history, IntPredicate dropSnapshot, IntPredicate dropAck) {

  public static SessionOptions defaults() {
    return new SessionOptions(128, null, null);
  }

  public SessionOptions withDrops(IntPredicate dropSnapshot, IntPredicate dropAck) {
    return new SessionOptions(history, dropSnapshot, dropAck);
  }
}
