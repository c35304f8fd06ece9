package dev.tickstream.loadtest;

import dev.tickstream.client.TickstreamClient;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;

/**
 * Which bots misbehave, how and when. The choice has its own seeded random source, so the
 * well-behaved bots draw exactly what they would in a clean run of the same seed. Each chaos
 * bot misbehaves at a seeded fraction of the measured window, early enough (its first
 * {@link #LATEST_FRACTION}) for the slowest kind, a reader that stops, to be closed before it
 * ends; the runner also waits (bounded) for every outcome after the window.
 */
final class ChaosPlan {
  static final double EARLIEST_FRACTION = 0.05;
  static final double LATEST_FRACTION = 0.4;

  private final ChaosKind[] kinds;
  private final double[] fractions;
  final ChaosTally tally = new ChaosTally();
  final long stallTimeoutMs;
  final TickstreamClient stallClient;
  private volatile long measureStart = Long.MAX_VALUE;
  private volatile long measureNanos;
  // Stopped readers: the server's count of stall closes tells them when one of them is closed.
  private final List<ChaosAct> stopped = new ArrayList<>();
  private long serverStalled;
  private long serverStalledBase = -1;
  private long claimed;
  private ChaosAct looking;

  /**
   * @param stallTimeoutMs the server's stall timeout, for the report
   * @param stallClient a client whose sockets have a small receive buffer, for stopped readers
   */
  ChaosPlan(int bots, double share, long seed, long stallTimeoutMs,
      TickstreamClient stallClient) {
    this.kinds = new ChaosKind[bots];
    this.fractions = new double[bots];
    this.stallTimeoutMs = stallTimeoutMs;
    this.stallClient = stallClient;
    int n = (int) Math.round(bots * share);
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < bots; i++) {
      order.add(i);
    }
    Collections.shuffle(order, new Random(seed * 31 + 7));
    SplittableRandom r = new SplittableRandom(seed ^ 0x5DEECE66DL);
    ChaosKind[] all = ChaosKind.values();
    for (int k = 0; k < n; k++) {
      int i = order.get(k);
      // Round robin over the kinds: each gets its share, whatever the count.
      kinds[i] = all[k % all.length];
      fractions[i] = r.nextDouble(EARLIEST_FRACTION, LATEST_FRACTION);
      tally.assigned(kinds[i]);
    }
  }

  /** The kind of bot {@code index}, null for a well-behaved bot. */
  ChaosKind kindOf(int index) {
    return index < kinds.length ? kinds[index] : null;
  }

  int misbehaving() {
    return tally.misbehaving();
  }

  /** The measured window starts now and lasts {@code nanos}: the chaos bots' clock starts. */
  void measuring(long now, long nanos) {
    measureNanos = nanos;
    measureStart = now;
  }

  /** The server's tickstream_clients_stalled_total, from the runner's once-a-second scrape. */
  synchronized void serverStalled(double total) {
    long t = (long) total;
    if (serverStalledBase < 0) {
      serverStalledBase = t; // closes before this run (a --url server) are not ours
    }
    serverStalled = t - serverStalledBase;
  }

  synchronized void stopped(ChaosAct a) {
    stopped.remove(a);
    stopped.add(a);
  }

  /**
   * A stopped reader may look (read again) when the server closed a stopped reader that has not
   * seen its close yet, nobody else is looking, and it stopped first: the likeliest one. A look
   * that finds the connection open puts it back at the end of the queue ({@link #stopped}).
   */
  synchronized boolean mayLook(ChaosAct a) {
    if (looking != null || serverStalled <= claimed || stopped.isEmpty() || stopped.get(0) != a) {
      return false;
    }
    looking = a;
    stopped.remove(a);
    return true;
  }

  synchronized void lookDone(ChaosAct a) {
    if (looking == a) {
      looking = null;
    }
  }

  /** A stopped reader saw its connection end: one of the server's stall closes is accounted. */
  synchronized void claimed(ChaosAct a) {
    claimed++;
    stopped.remove(a);
    lookDone(a);
  }

  /** When bot {@code index} misbehaves (System.nanoTime), or far in the future before that. */
  long misbehaveAt(int index) {
    long s = measureStart;
    return s == Long.MAX_VALUE ? s : s + (long) (fractions[index] * measureNanos);
  }
}
