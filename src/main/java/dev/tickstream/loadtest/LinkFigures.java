package dev.tickstream.loadtest;

import dev.tickstream.proto.v1.Welcome;
import io.vertx.core.json.JsonObject;

/**
 * What the bots saw of their link, over the measured window: gaps between two snapshots in a
 * row at one bot, in time (TCP loses nothing, so a stall shows as a long wait, then a burst) and
 * in tick numbers (above the snapshot interval only when the server skipped snapshots for a full
 * write queue), and the prediction corrections ({@link Prediction}). Shared by all bot loops;
 * each record is one short synchronised call, a few thousand a second.
 */
final class LinkFigures {
  /** Gaps of 1..MAX_GAP ticks are counted one by one; longer ones in the last slot. */
  private static final int MAX_GAP = 256;

  private long[] gaps = new long[MAX_GAP + 1];
  private long maxGap;
  private Histogram gapTime = new Histogram();
  private long gapsOver2Ticks;
  private long tickNanos = 50_000_000L;
  private Histogram correction = new Histogram();
  private long respawns;
  private boolean measuring;
  private int sendEveryTicks = 1;
  private double unitsPerTick;

  /** The server's snapshot interval and a player's speed, from a bot's Welcome. */
  synchronized void welcome(Welcome w) {
    sendEveryTicks = Math.max(1, w.getTickRate() / Math.max(1, w.getSendRate()));
    tickNanos = 1_000_000_000L / Math.max(1, w.getTickRate());
    unitsPerTick = w.getConstantsOrDefault("playerSpeed", 0) / Math.max(1, w.getTickRate());
  }

  synchronized void measuring(boolean on) {
    if (on && !measuring) {
      gaps = new long[MAX_GAP + 1];
      maxGap = 0;
      gapTime = new Histogram();
      gapsOver2Ticks = 0;
      correction = new Histogram();
      respawns = 0;
    }
    measuring = on;
  }

  /** Two snapshots in a row were {@code ticks} ticks and {@code nanos} apart. */
  synchronized void gap(long ticks, long nanos) {
    if (measuring) {
      gapTime.recordNanos(nanos);
      gapsOver2Ticks += nanos > 2 * tickNanos ? 1 : 0;
    }
    if (measuring && ticks > 0) {
      gaps[(int) Math.min(MAX_GAP, ticks)]++;
      maxGap = Math.max(maxGap, ticks);
    }
  }

  /** A prediction correction, map units (NaN: none; infinite: a respawn). */
  synchronized void correction(double units) {
    if (!measuring || Double.isNaN(units)) {
      return;
    }
    if (Double.isInfinite(units)) {
      respawns++;
    } else {
      // Recorded in thousandths of a unit (the histogram keeps whole numbers).
      correction.record(Math.round(units * 1000));
    }
  }

  /**
   * The figures. The gap a clean link shows is the server's snapshot interval in ticks; a
   * correction also reads as ticks of a player's full-speed movement.
   */
  synchronized JsonObject json() {
    long n = 0;
    long over = 0;
    for (int g = 1; g <= MAX_GAP; g++) {
      n += gaps[g];
      over += g > sendEveryTicks ? gaps[g] : 0;
    }
    long t = gapTime.count();
    JsonObject hist = new JsonObject();
    for (int g = 1; g <= MAX_GAP; g++) {
      if (gaps[g] > 0) {
        hist.put(g == MAX_GAP ? MAX_GAP + "+" : String.valueOf(g), gaps[g]);
      }
    }
    JsonObject c = new JsonObject()
        .put("count", correction.count())
        .put("p50", Stage.round(correction.percentile(0.5) / 1000.0))
        .put("p99", Stage.round(correction.percentile(0.99) / 1000.0))
        .put("max", Stage.round(correction.maxMicros() / 1000.0))
        .put("respawns", respawns);
    if (unitsPerTick > 0) {
      c.put("p99_ticks_of_movement",
          Stage.round(correction.percentile(0.99) / 1000.0 / unitsPerTick));
    }
    return new JsonObject()
        .put("snapshot_gaps", new JsonObject()
            .put("count", t)
            .put("p50_ms", Stage.round(gapTime.percentileMs(0.5)))
            .put("p99_ms", Stage.round(gapTime.percentileMs(0.99)))
            .put("max_ms", Stage.round(gapTime.maxMicros() / 1000.0))
            .put("max_ticks_of_time", Stage.round(gapTime.maxMicros() * 1000.0 / tickNanos))
            .put("share_over_2_ticks", t == 0 ? null
                : Math.round(gapsOver2Ticks * 1e5 / t) / 1e5)
            .put("tick_numbers", new JsonObject()
                .put("send_every_ticks", sendEveryTicks)
                .put("max", maxGap)
                .put("share_skipped", n == 0 ? null : Math.round(over * 1e5 / n) / 1e5)
                .put("by_gap", hist)))
        .put("prediction_correction_units", c);
  }
}
