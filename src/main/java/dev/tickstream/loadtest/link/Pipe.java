package dev.tickstream.loadtest.link;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetSocket;
import java.util.ArrayDeque;
import java.util.SplittableRandom;

/**
 * One direction of one relayed connection: what {@code from} sends reaches {@code to} after
 * the link's one-way delay, in order. All of it runs on the connection's event loop.
 *
 * <p>TCP never reorders bytes, so jitter cannot reorder either: a chunk is released at
 * {@code max(previous release, arrival + delay + jitter)}. A lost packet is, to a TCP
 * application, a stall: the chunk carrying it arrives one retransmission timeout late and
 * everything behind it waits (head-of-line blocking). So each chunk is "lost" with the chance
 * that any of its packets (1448 bytes each) is, and then is released an RTO later.
 *
 * <p>Bounded: above {@code maxQueued} bytes waiting, {@code from} is paused (its kernel buffers
 * then fill and TCP slows its sender, as a slow link would); it resumes below half of that. The
 * same holds when {@code to} cannot take more.
 */
final class Pipe {
  private static final int MSS = 1448;

  private record Chunk(Buffer data, long releaseNanos) {}

  private final Vertx vertx;
  private final NetSocket from;
  private final NetSocket to;
  private final LinkSpec spec;
  private final SplittableRandom random;
  private final long oneWayNanos;
  private final int maxQueued;
  private final LinkCounters counters;
  private final boolean upstream;
  private final Runnable onDone;
  private final ArrayDeque<Chunk> queue = new ArrayDeque<>();
  private long queued;
  private long lastRelease;
  private long timerId = -1;
  private long timerAt;
  private boolean paused;
  private boolean waitingForDrain;
  /** {@code from} ended: once the queue is out, {@code to} is closed (after the same delay). */
  private boolean ended;
  private long endRelease;
  private boolean done;

  /**
   * @param rttNanos this connection's base round trip; each direction takes half
   * @param upstream client to server (for the counters)
   * @param onDone runs once, when this direction has delivered its end (or failed)
   */
  Pipe(Vertx vertx, NetSocket from, NetSocket to, LinkSpec spec, long rttNanos,
      SplittableRandom random, int maxQueued, LinkCounters counters, boolean upstream,
      Runnable onDone) {
    this.vertx = vertx;
    this.from = from;
    this.to = to;
    this.spec = spec;
    this.random = random;
    this.oneWayNanos = rttNanos / 2;
    this.maxQueued = maxQueued;
    this.counters = counters;
    this.upstream = upstream;
    this.onDone = onDone;
  }

  /** Starts reading {@code from}; call on the connection's context. */
  void start() {
    from.handler(this::arrived);
    from.endHandler(v -> end());
    to.drainHandler(v -> {
      waitingForDrain = false;
      release();
    });
  }

  private void arrived(Buffer data) {
    long now = System.nanoTime();
    long delay = oneWayNanos;
    if (spec.jitterMs() > 0) {
      // Each direction varies by half the round trip's jitter, so the round trip by all of it.
      long half = spec.jitterMs() * 500_000L;
      delay = Math.max(0, delay + random.nextLong(-half, half + 1));
    }
    if (spec.lossPct() > 0) {
      int packets = (data.length() + MSS - 1) / MSS;
      double lost = 1 - Math.pow(1 - spec.lossPct() / 100, Math.max(1, packets));
      if (random.nextDouble() < lost) {
        long rto = random.nextLong(spec.rtoMinMs(), spec.rtoMaxMs() + 1) * 1_000_000L;
        delay += rto;
        counters.stall(upstream, rto);
      }
    }
    long release = Math.max(lastRelease, now + delay);
    lastRelease = release;
    queue.add(new Chunk(data, release));
    queued += data.length();
    counters.queued(queued);
    if (queued > maxQueued && !paused) {
      paused = true;
      counters.paused();
      from.pause();
    }
    arm(queue.peek().releaseNanos());
  }

  private void end() {
    ended = true;
    // The close travels the link like the data before it.
    endRelease = Math.max(lastRelease, System.nanoTime() + oneWayNanos);
    arm(queue.isEmpty() ? endRelease : queue.peek().releaseNanos());
  }

  /** A timer for {@code at}, unless one already fires no later. */
  private void arm(long at) {
    if (done || waitingForDrain || timerId >= 0 && timerAt - at <= 0) {
      return;
    }
    if (timerId >= 0) {
      vertx.cancelTimer(timerId);
    }
    timerAt = at;
    long ms = Math.max(1, (at - System.nanoTime() + 999_999) / 1_000_000);
    timerId = vertx.setTimer(ms, id -> {
      timerId = -1;
      release();
    });
  }

  /** Writes every chunk that is due, as far as {@code to} takes them. */
  private void release() {
    if (done) {
      return;
    }
    long now = System.nanoTime();
    // Bounded by the queue, which is bounded by maxQueued plus one read.
    while (!queue.isEmpty() && queue.peek().releaseNanos() - now <= 0) {
      if (to.writeQueueFull()) {
        waitingForDrain = true;
        return;
      }
      Chunk c = queue.poll();
      queued -= c.data().length();
      counters.bytes(upstream, c.data().length());
      to.write(c.data());
    }
    if (paused && queued <= maxQueued / 2 && !to.writeQueueFull()) {
      paused = false;
      from.resume();
    }
    if (!queue.isEmpty()) {
      arm(queue.peek().releaseNanos());
    } else if (ended) {
      if (endRelease - now <= 0) {
        finish();
      } else {
        arm(endRelease);
      }
    }
  }

  /** Delivered everything and the end: close the far side. */
  private void finish() {
    if (!done) {
      done = true;
      to.close();
      onDone.run();
    }
  }

  /** The connection failed: drop what is queued. */
  void abort() {
    done = true;
    if (timerId >= 0) {
      vertx.cancelTimer(timerId);
      timerId = -1;
    }
    queue.clear();
    queued = 0;
  }
}
