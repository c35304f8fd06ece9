package dev.tickstream.sync;

import dev.tickstream.wire.DeltaDecoder;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tickstream.proto.v1.ServerMessage;
import dev.tickstream.wire.EntityTable;
import io.vertx.core.buffer.Buffer;
import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Seeded properties of the codec at the extremes: positions on the edges and corners of the
 * largest map, every field at its smallest and largest value (rates that overflow included),
 * huge ids and gaps, views of many clients sharing memoized rows, and no allocation once warm
 * (the general encoder and the fan-out's fast path, {@link ViewDeltas}).
 */
class CodecExtremesTest {
  static final int FIELDS = 12;
  /** The arena's layout: x is predicted by vx (field 3), y by vy (field 4). */
  static final int[] RATES = {-1, 3, 4, -1, -1, -1, -1, -1, -1, -1, -1, -1};
  /** Side of the largest map in wire units: 1,000,000 map units at half-unit resolution. */
  static final int MAP = 2_000_000;
  static final int[] FIELD_EXTREMES = {0, 1, -1, 63, 64, -64, -65, 127, 128, 255, 256, 8191,
      8192, 16383, 16384, 65535, 65536, 1 << 20, 1 << 28, Integer.MAX_VALUE, Integer.MIN_VALUE,
      Integer.MAX_VALUE - 1, Integer.MIN_VALUE + 1};

  /** Names of one- to four-byte UTF-8 characters, and the longest a player may have. */
  static final String[] NAMES = {"p", "é", "名前", "🎮x", "ada lovelace 16!"}; // "" means "no name" on the wire

  @Test
  void everyFieldAtEveryExtremeRoundTripsWithRates() throws Exception {
    SplittableRandom rnd = new SplittableRandom(2024);
    DeltaEncoder encoder = new DeltaEncoder(RATES);
    for (int round = 0; round < 3000; round++) {
      EntityTable base = table(rnd, rnd.nextInt(30));
      EntityTable cur = evolve(rnd, base);
      int ticks = 1 + rnd.nextInt(rnd.nextBoolean() ? 3 : 64);
      boolean full = rnd.nextInt(6) == 0;
      encoder.encode(full ? null : base, null, full ? 0 : base.size(), cur, null, cur.size(),
          ticks);
      int tick = 1 + rnd.nextInt(Integer.MAX_VALUE - 64) + 64;
      EntityTable out = decode(encoder, tick, full ? 0 : tick - ticks, full ? null : base);
      DeltaCodecTest.assertTables(cur, out);
    }
  }

  @Test
  void memoizedRowsEncodeExactlyAsUnsharedOnesForManyViewsAndBases() {
    SplittableRandom rnd = new SplittableRandom(77);
    DeltaEncoder shared = new DeltaEncoder(RATES);
    DeltaEncoder alone = new DeltaEncoder(RATES);
    for (int round = 0; round < 200; round++) {
      EntityTable[] bases = new EntityTable[1 + rnd.nextInt(RowMemo.SLOTS + 3)];
      EntityTable first = table(rnd, 1 + rnd.nextInt(120));
      for (int b = 0; b < bases.length; b++) {
        bases[b] = b == 0 ? first : evolve(rnd, bases[b - 1]);
      }
      EntityTable cur = evolve(rnd, bases[bases.length - 1]);
      shared.beginTick(cur);
      for (int client = 0; client < 40; client++) {
        int b = rnd.nextInt(bases.length + 1);
        EntityTable base = b == bases.length ? null : bases[b];
        int[] baseRows = base == null ? null : subset(rnd, base.size());
        int[] rows = subset(rnd, cur.size());
        int ticks = bases.length + 1 - b;
        shared.encode(base, baseRows, baseRows == null ? 0 : baseRows.length, cur, rows,
            rows.length, ticks);
        alone.encode(base, baseRows, baseRows == null ? 0 : baseRows.length, cur, rows,
            rows.length, ticks);
        assertArrayEquals(Arrays.copyOf(alone.bytes(), alone.length()),
            Arrays.copyOf(shared.bytes(), shared.length()), "round " + round + " client " + client);
      }
      shared.beginTick(null);
    }
  }

  @Test
  void encodingViewsOfAWarmWorldAllocatesNothing() {
    SplittableRandom rnd = new SplittableRandom(5);
    EntityTable base = table(rnd, 400);
    EntityTable cur = evolve(rnd, base);
    InterestGrid grid = new InterestGrid(MAP, MAP, MAP / 8);
    int[] xs = grid.xs(cur.size());
    for (int r = 0; r < cur.size(); r++) {
      xs[r] = Math.floorMod(cur.get(r, 1), MAP);
      grid.ys()[r] = Math.floorMod(cur.get(r, 2), MAP);
    }
    grid.build(cur.size());
    int[] baseRows = subset(rnd, base.size());
    RowMap map = new RowMap();
    int[] rows = new int[cur.size()];
    int[] baseNow = new int[0];
    DeltaEncoder encoder = new DeltaEncoder(RATES);
    ViewDeltas fast = new ViewDeltas(RATES);
    com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    long allocated = Long.MAX_VALUE;
    for (int pass = 0; pass < 8; pass++) {
      long before = threads.getCurrentThreadAllocatedBytes();
      encoder.beginTick(cur);
      map.reset(cur);
      fast.prepare(base, cur, 3);
      for (int client = 0; client < 200; client++) {
        baseNow = RowMap.apply(map.of(base), baseRows, baseRows.length, baseNow);
        int n = grid.query(xs[client], grid.ys()[client], MAP / 4, MAP / 3, baseNow,
            baseRows.length, rows);
        encoder.encode(base, baseRows, baseRows.length, cur, rows, n, 3);
        // The fan-out's fast path for the same view (the previous tick's view as the base).
        fast.encode(rows, n, baseRows, baseNow, baseRows.length);
      }
      encoder.beginTick(null);
      if (pass > 0) {
        allocated = Math.min(allocated, threads.getCurrentThreadAllocatedBytes() - before);
      }
    }
    // The first pass grows the scratch arrays; after that a tick of 200 views costs nothing
    // (the least over passes: the JIT may materialise a few bytes while it recompiles).
    assertEquals(0, allocated, "bytes allocated by a warm tick of 200 views");
  }

  private static EntityTable decode(DeltaEncoder enc, int tick, int baseTick, EntityTable base)
      throws Exception {
    Buffer frame = SnapshotFrames.frame(tick, baseTick, Integer.MAX_VALUE, enc.bytes(),
        enc.length());
    EntityTable out = new EntityTable(FIELDS);
    DeltaDecoder.apply(base, ServerMessage.parseFrom(frame.getBytes()).getSnapshot(), out, RATES);
    return out;
  }

  /** Ascending row indices, a random subset of 0..n-1. */
  private static int[] subset(SplittableRandom rnd, int n) {
    int[] rows = new int[n];
    int k = 0;
    for (int r = 0; r < n; r++) {
      if (rnd.nextInt(4) != 0) {
        rows[k++] = r;
      }
    }
    return Arrays.copyOf(rows, k);
  }

  private static int extreme(SplittableRandom rnd) {
    return FIELD_EXTREMES[rnd.nextInt(FIELD_EXTREMES.length)];
  }

  /** A position on an edge or corner of the map, or anywhere on it. */
  private static int edge(SplittableRandom rnd) {
    return switch (rnd.nextInt(4)) {
      case 0 -> 0;
      case 1 -> MAP;
      default -> rnd.nextInt(MAP + 1);
    };
  }

  private static EntityTable table(SplittableRandom rnd, int n) {
    EntityTable t = new EntityTable(FIELDS);
    long id = rnd.nextBoolean() ? 0 : Integer.MAX_VALUE - 4L * n - 10;
    for (int i = 0; i < n; i++) {
      id += 1 + (rnd.nextInt(8) == 0 ? rnd.nextInt(1 << 20) % Math.max(1,
          (int) Math.min(1 << 20, (Integer.MAX_VALUE - id) / (2L * n + 2))) : rnd.nextInt(3));
      int row = t.add((int) id, rnd.nextInt(4) == 0 ? NAMES[rnd.nextInt(NAMES.length)] + id
          : null);
      for (int f = 0; f < FIELDS; f++) {
        t.set(row, f, f == 1 || f == 2 ? edge(rnd) : rnd.nextBoolean() ? extreme(rnd)
            : rnd.nextInt());
      }
    }
    return t;
  }

  /** Rows vanish, appear (at higher ids), jump between extremes or stay put. */
  private static EntityTable evolve(SplittableRandom rnd, EntityTable base) {
    EntityTable t = new EntityTable(FIELDS);
    int last = 0;
    for (int r = 0; r < base.size(); r++) {
      last = base.id(r);
      if (rnd.nextInt(8) == 0) {
        continue;
      }
      int row = t.add(last, rnd.nextInt(12) == 0 ? NAMES[rnd.nextInt(NAMES.length)]
          : base.name(r));
      for (int f = 0; f < FIELDS; f++) {
        int v = base.get(r, f);
        int c = rnd.nextInt(5);
        t.set(row, f, c == 0 ? (f == 1 || f == 2 ? edge(rnd) : extreme(rnd)) : c == 1 ? v + 1 : v);
      }
    }
    for (int i = rnd.nextInt(4); i > 0 && last < Integer.MAX_VALUE - 100; i--) {
      last += 1 + rnd.nextInt(50);
      int row = t.add(last, null);
      for (int f = 0; f < FIELDS; f++) {
        t.set(row, f, f == 1 || f == 2 ? edge(rnd) : extreme(rnd));
      }
    }
    return t;
  }
}
