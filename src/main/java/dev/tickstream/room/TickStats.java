package dev.tickstream.room;

import io.micrometer.core.instrument.Timer;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;

/**
 * Duration and lateness of a room's recent ticks, for the REST API and reports. Written by the
 * room's thread; {@link #summary()} may be read from any thread (it copies under a lock that
 * the tick path takes only once per tick).
 */
public final class TickStats {
  private final double[] durationMs;
  private final double[] latenessMs;
  private long count;
  private long overruns;
  private final Timer durationTimer;
  private final Timer latenessTimer;

  public TickStats(int window, Timer durationTimer, Timer latenessTimer) {
    durationMs = new double[window];
    latenessMs = new double[window];
    this.durationTimer = durationTimer;
    this.latenessTimer = latenessTimer;
  }

  void record(double duration, double lateness) {
    durationTimer.record((long) (duration * 1e6), TimeUnit.NANOSECONDS);
    latenessTimer.record((long) (Math.max(0, lateness) * 1e6), TimeUnit.NANOSECONDS);
    window(duration, lateness);
  }

  private synchronized void window(double duration, double lateness) {
    int i = (int) (count++ % durationMs.length);
    durationMs[i] = duration;
    latenessMs[i] = lateness;
  }

  synchronized void overrun() {
    overruns++;
  }

  /** Percentiles over the recent window. */
  public synchronized Summary summary() {
    int n = (int) Math.min(count, durationMs.length);
    double[] d = Arrays.copyOf(durationMs, n);
    double[] l = Arrays.copyOf(latenessMs, n);
    Arrays.sort(d);
    Arrays.sort(l);
    return new Summary(count, overruns, pct(d, 0.5), pct(d, 0.99), pct(l, 0.5), pct(l, 0.99),
        n == 0 ? 0 : l[n - 1]);
  }

  static double pct(double[] sorted, double q) {
    if (sorted.length == 0) {
      return 0;
    }
    int i = (int) Math.ceil(q * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
  }

  /**
   * @param ticks ticks run since the room started
   * @param overruns times the loop fell more than a few ticks behind and dropped the backlog
   */
  public record Summary(long ticks, long overruns, double durationP50Ms, double durationP99Ms,
      double latenessP50Ms, double latenessP99Ms, double latenessMaxMs) {}
}
