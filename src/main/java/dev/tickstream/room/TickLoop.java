package dev.tickstream.room;

import io.vertx.core.Context;

/**
 * A fixed-step loop on one Vert.x context. Tick k is due at {@code start + k * period}, not
 * "a period after the previous one", so timer jitter never accumulates into drift. A loop that
 * falls behind runs up to {@link #MAX_CATCH_UP} ticks back to back; past that it drops the
 * backlog (counted as an overrun) rather than spiral.
 */
final class TickLoop {
  static final int MAX_CATCH_UP = 3;

  private static final System.Logger LOG = System.getLogger(TickLoop.class.getName());

  private final Context context;
  private final String name;
  private final long periodNanos;
  private final Runnable tick;
  private final TickStats stats;
  private long startNanos;
  private long k;
  private long timerId = -1;
  private boolean stopped;

  TickLoop(String name, Context context, int tickRate, Runnable tick, TickStats stats) {
    this.name = name;
    this.context = context;
    this.periodNanos = 1_000_000_000L / tickRate;
    this.tick = tick;
    this.stats = stats;
  }

  /** Starts the loop; call on the loop's context. */
  void start() {
    startNanos = System.nanoTime();
    k = 1;
    schedule();
  }

  void stop() {
    stopped = true;
    if (timerId >= 0) {
      context.owner().cancelTimer(timerId);
    }
  }

  private void schedule() {
    long delayNanos = startNanos + k * periodNanos - System.nanoTime();
    long delayMs = Math.max(1, Math.round(delayNanos / 1e6));
    timerId = context.owner().setTimer(delayMs, id -> fire());
  }

  private void fire() {
    if (stopped) {
      return;
    }
    int ran = 0;
    long now = System.nanoTime();
    // Within half a millisecond of the deadline counts as due: timers have 1 ms resolution.
    while (ran < MAX_CATCH_UP && now + 500_000 >= startNanos + k * periodNanos) {
      long due = startNanos + k * periodNanos;
      try {
        tick.run();
      } catch (RuntimeException e) {
        // A bug in one tick must not stop the room: log it and keep the schedule.
        LOG.log(System.Logger.Level.ERROR, "tick " + k + " of " + name + " failed", e);
      }
      long end = System.nanoTime();
      stats.record((end - now) / 1e6, (now - due) / 1e6);
      k++;
      ran++;
      now = end;
    }
    if (now >= startNanos + k * periodNanos) {
      // Still behind after catching up: re-base instead of spiralling.
      stats.overrun();
      startNanos = now - (k - 1) * periodNanos;
    }
    schedule();
  }
}
