package dev.tickstream.loadtest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Counted whole numbers and kept others give the same percentiles as sorting every value. */
class SamplesTest {

  @Test
  void percentilesMatchSortingEveryValue() {
    SplittableRandom rnd = new SplittableRandom(11);
    double[] qs = {0, 0.01, 0.25, 0.5, 0.75, 0.99, 1};
    for (int round = 0; round < 300; round++) {
      int n = 1 + rnd.nextInt(round < 50 ? 5 : 2_000);
      int kinds = rnd.nextInt(1, 16);
      Samples s = new Samples();
      double[] all = new double[n];
      for (int i = 0; i < n; i++) {
        double v = switch (rnd.nextInt(4) & kinds) {
          case 0 -> rnd.nextInt(0, 300);
          case 1 -> rnd.nextInt(-5, 5) + rnd.nextDouble();
          case 2 -> 65_536 + rnd.nextInt(0, 100_000);
          default -> rnd.nextInt(65_530, 65_536) + (rnd.nextBoolean() ? 0.5 : 0);
        };
        all[i] = v;
        s.add(v);
      }
      Arrays.sort(all);
      for (double q : qs) {
        int i = Math.max(0, Math.min(n - 1, (int) Math.ceil(q * n) - 1));
        assertEquals(all[i], s.percentile(q), "round " + round + " q " + q);
      }
      assertEquals(n, s.count());
      assertEquals(Arrays.stream(all).average().orElseThrow(), s.mean(), 1e-6);
    }
    assertEquals(0, new Samples().percentile(0.5));
  }

  @Test
  void aHundredMillionByteCountsKeepExactPercentiles() {
    Samples s = new Samples();
    for (int i = 0; i < 100_000_000; i++) {
      s.add(i % 7);
    }
    assertEquals(3, s.percentile(0.5));
    assertEquals(6, s.percentile(0.99));
    assertEquals(100_000_000L, s.count());
  }
}
