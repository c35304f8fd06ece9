package dev.tickstream.loadtest.link;

import io.vertx.core.json.JsonObject;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAccumulator;
import java.util.concurrent.atomic.LongAdder;

/**
 * What a relay did, over all its connections: bytes each way, stalls (the losses it played)
 * and their total time, how often a source was paused for a full queue, the most bytes one
 * direction ever held. Thread-safe: every connection's event loop adds to it.
 */
public final class LinkCounters {
  final AtomicLong connections = new AtomicLong();
  final AtomicLong open = new AtomicLong();
  final AtomicLong failedUpstream = new AtomicLong();
  private final LongAdder bytesUp = new LongAdder();
  private final LongAdder bytesDown = new LongAdder();
  private final LongAdder stallsUp = new LongAdder();
  private final LongAdder stallsDown = new LongAdder();
  private final LongAdder stallNanos = new LongAdder();
  private final LongAdder pauses = new LongAdder();
  private final LongAccumulator maxQueued = new LongAccumulator(Math::max, 0);

  void bytes(boolean up, int n) {
    (up ? bytesUp : bytesDown).add(n);
  }

  void stall(boolean up, long nanos) {
    (up ? stallsUp : stallsDown).increment();
    stallNanos.add(nanos);
  }

  void paused() {
    pauses.increment();
  }

  void queued(long bytes) {
    maxQueued.accumulate(bytes);
  }

  /** Connections accepted so far. */
  public long connections() {
    return connections.get();
  }

  /** Connections open now. */
  public long open() {
    return open.get();
  }

  /** Bytes delivered client to server. */
  public long bytesUp() {
    return bytesUp.sum();
  }

  /** Bytes delivered server to client. */
  public long bytesDown() {
    return bytesDown.sum();
  }

  /** Stalls played, both directions. */
  public long stalls() {
    return stallsUp.sum() + stallsDown.sum();
  }

  /** Times a source was paused because its direction held too much. */
  public long pauses() {
    return pauses.sum();
  }

  /** The most bytes one direction of one connection held. */
  public long maxQueued() {
    return maxQueued.get();
  }

  /** All of it, for the report. */
  public JsonObject json() {
    return new JsonObject()
        .put("connections", connections.get())
        .put("failed_upstream", failedUpstream.get())
        .put("bytes_up", bytesUp())
        .put("bytes_down", bytesDown())
        .put("stalls_up", stallsUp.sum())
        .put("stalls_down", stallsDown.sum())
        .put("stall_s_total", Math.round(stallNanos.sum() / 1e7) / 100.0)
        .put("source_pauses", pauses())
        .put("max_queued_bytes", maxQueued());
  }
}
