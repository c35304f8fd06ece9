package dev.tickstream.loadtest;

import io.vertx.core.json.JsonObject;
import java.util.Arrays;

/** Every value of a measurement, for exact percentiles in a report (not for hot paths). */
final class Samples {
  private double[] values = new double[1024];
  private int count;
  private boolean sorted;

  void add(double v) {
    if (count == values.length) {
      values = Arrays.copyOf(values, count * 2);
    }
    values[count++] = v;
    sorted = false;
  }

  int count() {
    return count;
  }

  double percentile(double q) {
    if (count == 0) {
      return 0;
    }
    if (!sorted) {
      Arrays.sort(values, 0, count);
      sorted = true;
    }
    int i = (int) Math.ceil(q * count) - 1;
    return values[Math.max(0, Math.min(count - 1, i))];
  }

  double mean() {
    double sum = 0;
    for (int i = 0; i < count; i++) {
      sum += values[i];
    }
    return count == 0 ? 0 : sum / count;
  }

  JsonObject json() {
    return new JsonObject().put("p50", round(percentile(0.5))).put("p99", round(percentile(0.99)))
        .put("mean", round(mean())).put("count", count);
  }

  static double round(double v) {
    return Math.round(v * 1000) / 1000.0;
  }
}
