package dev.tickstream.loadtest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class HistogramTest {
  @Test
  void percentilesAreWithinThreePercentOfExactOnes() {
    SplittableRandom r = new SplittableRandom(7);
    Histogram h = new Histogram();
    long[] v = new long[20_000];
    for (int i = 0; i < v.length; i++) {
      // Log-uniform from 1 µs to about 10 s: every bucket row gets exercised.
      v[i] = (long) Math.exp(r.nextDouble(0, Math.log(10_000_000)));
      h.record(v[i]);
    }
    Arrays.sort(v);
    for (double q : new double[] {0.01, 0.5, 0.9, 0.99, 0.999}) {
      long exact = v[(int) Math.ceil(q * v.length) - 1];
      long got = h.percentile(q);
      assertTrue(got >= exact && got <= exact * 1.035 + 1, q + ": " + got + " vs " + exact);
    }
    assertEquals(v[v.length - 1], h.percentile(1.0));
    assertEquals(v[v.length - 1], h.maxMicros());
  }

  @Test
  void bucketsAreContiguousAndUpperBoundsHold() {
    for (long v = 0; v < 200_000; v++) {
      int i = Histogram.index(v);
      assertTrue(Histogram.upper(i) >= v, "upper of " + v);
      assertTrue(i == 0 || Histogram.upper(i - 1) < v, "lower of " + v);
    }
  }

  @Test
  void mergedHistogramsCountEverything() {
    Histogram a = new Histogram();
    Histogram b = new Histogram();
    a.record(100);
    b.record(5_000);
    b.record(-3);
    a.add(b);
    assertEquals(3, a.count());
    assertEquals(0, a.percentile(0.01));
    assertEquals(5_000, a.maxMicros());
    assertEquals(0, new Histogram().percentile(0.99));
  }
}
