package dev.tickstream.loadtest;

/**
 * A fixed-size log-linear histogram of non-negative values in microseconds: 32 sub-buckets per
 * power of two, so a percentile is within about 3% of the true value, at constant memory and
 * no allocation per recorded value (a bot loop records a few thousand latencies a second).
 * Not thread-safe: each bot loop owns its histograms, the runner merges copies.
 */
final class Histogram {
  private static final int SUB_BITS = 5;
  private static final int SUB = 1 << SUB_BITS;
  /** Values up to 2^40 µs (about 12 days) are kept; larger ones land in the last bucket. */
  private static final int BUCKETS = (40 - SUB_BITS + 2) * SUB;

  private final long[] counts = new long[BUCKETS];
  private long total;
  private long max;

  void record(long micros) {
    long v = Math.max(0, micros);
    counts[index(v)]++;
    total++;
    max = Math.max(max, v);
  }

  void recordNanos(long nanos) {
    record(nanos / 1000);
  }

  static int index(long v) {
    if (v < SUB) {
      return (int) v;
    }
    // The top SUB_BITS + 1 bits of v: the power of two picks the row, the rest the column.
    int exp = 63 - Long.numberOfLeadingZeros(v) - SUB_BITS;
    int i = (exp + 1) * SUB + (int) ((v >>> exp) & (SUB - 1));
    return Math.min(i, BUCKETS - 1);
  }

  /** The largest value that falls in bucket {@code i} (so percentiles never under-report). */
  static long upper(int i) {
    if (i < SUB) {
      return i;
    }
    int exp = i / SUB - 1;
    long mantissa = SUB + (i % SUB);
    return ((mantissa + 1) << exp) - 1;
  }

  long count() {
    return total;
  }

  long maxMicros() {
    return max;
  }

  /** The {@code q} quantile in microseconds (0 when empty), capped at the exact maximum. */
  long percentile(double q) {
    if (total == 0) {
      return 0;
    }
    long rank = Math.max(1, (long) Math.ceil(q * total));
    long seen = 0;
    for (int i = 0; i < BUCKETS; i++) {
      seen += counts[i];
      if (seen >= rank) {
        return Math.min(upper(i), max);
      }
    }
    return max;
  }

  double percentileMs(double q) {
    return percentile(q) / 1000.0;
  }

  void add(Histogram other) {
    for (int i = 0; i < BUCKETS; i++) {
      counts[i] += other.counts[i];
    }
    total += other.total;
    max = Math.max(max, other.max);
  }
}
