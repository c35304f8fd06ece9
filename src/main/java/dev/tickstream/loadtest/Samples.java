package dev.tickstream.loadtest;

import io.vertx.core.json.JsonObject;
import java.util.Arrays;

/**
 * Every value of a measurement, for exact percentiles in a report (not for hot paths). Whole
 * numbers below 65,536 (byte counts, view sizes: one per client per entity per tick, hundreds
 * of millions in a big world) are kept as counts per value, so memory stays fixed however long
 * the run; other values (times per tick) are kept one by one.
 */
public final class Samples {
  private static final int EXACT = 1 << 16;

  private long[] counts;
  private double[] others = new double[64];
  private int otherCount;
  private long count;
  private double sum;
  private boolean sorted;

  public void add(double v) {
    count++;
    sum += v;
    if (v >= 0 && v < EXACT && v == Math.rint(v)) {
      if (counts == null) {
        counts = new long[EXACT];
      }
      counts[(int) v]++;
      return;
    }
    if (otherCount == others.length) {
      others = Arrays.copyOf(others, otherCount * 2);
    }
    others[otherCount++] = v;
    sorted = false;
  }

  public long count() {
    return count;
  }

  /** The smallest value with at least {@code q} of all values at or below it (0 when empty). */
  public double percentile(double q) {
    if (count == 0) {
      return 0;
    }
    if (!sorted) {
      Arrays.sort(others, 0, otherCount);
      sorted = true;
    }
    long rank = Math.max(0, Math.min(count - 1, (long) Math.ceil(q * count) - 1));
    // Merge the counted whole numbers with the sorted others, in order, up to the rank.
    int o = 0;
    long seen = 0;
    for (int v = 0; counts != null && v < EXACT; v++) {
      while (o < otherCount && others[o] < v) {
        if (seen++ == rank) {
          return others[o];
        }
        o++;
      }
      seen += counts[v];
      if (seen > rank) {
        return v;
      }
    }
    return others[(int) Math.min(otherCount - 1, o + (rank - seen))];
  }

  public double mean() {
    return count == 0 ? 0 : sum / count;
  }

  public JsonObject json() {
    return new JsonObject().put("p50", round(percentile(0.5))).put("p99", round(percentile(0.99)))
        .put("mean", round(mean())).put("count", count);
  }

  public static double round(double v) {
    return Math.round(v * 1000) / 1000.0;
  }
}
