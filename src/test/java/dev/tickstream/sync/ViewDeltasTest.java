package dev.tickstream.sync;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tickstream.proto.v1.Snapshot;
import dev.tickstream.wire.EntityTable;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Seeded property test: the fan-out's fast path writes, byte for byte, the body the general
 * encoder writes for the same view against the same last view, over worlds where entities
 * spawn, vanish, move with and against their rates, take extreme values and change names,
 * and views gain and lose rows.
 */
class ViewDeltasTest {
  private static final int FIELDS = 6;
  /** Field 0 moves by field 2 per tick, field 1 by field 3, as the arena's x and y. */
  private static final int[] RATES = {2, 3, -1, -1, -1, -1};

  @Test
  void fastPathWritesExactlyTheGeneralEncodersBytes() throws Exception {
    SplittableRandom rnd = new SplittableRandom(5);
    DeltaEncoder general = new DeltaEncoder(RATES);
    ViewDeltas fast = new ViewDeltas(RATES);
    RowMap rowMap = new RowMap();
    int compared = 0;
    int withRemovals = 0;
    int withNames = 0;
    int empty = 0;
    for (int world = 0; world < 40; world++) {
      EntityTable previous = next(rnd, null, 1 + rnd.nextInt(world < 5 ? 8 : 400));
      for (int tick = 1; tick <= 25; tick++) {
        EntityTable current = next(rnd, previous, 0);
        int ticks = 1 + (tick % 5 == 0 ? rnd.nextInt(3) : 0);
        fast.prepare(previous, current, ticks);
        general.beginTick(current);
        rowMap.reset(current);
        int[] map = rowMap.of(previous);
        for (int client = 0; client < 12; client++) {
          int[] last = subset(rnd, previous.size());
          int[] view = subset(rnd, current.size());
          fast.encode(view, view.length, last,
              RowMap.apply(map, last, last.length, new int[0]), last.length);
          general.encode(previous, last, last.length, current, view, view.length, ticks);
          byte[] expected = Arrays.copyOf(general.bytes(), general.length());
          assertArrayEquals(expected, Arrays.copyOf(fast.bytes(), fast.length()),
              "world " + world + " tick " + tick + " client " + client);
          compared++;
          Snapshot parsed = Snapshot.parseFrom(expected);
          withRemovals += parsed.getRemovedCount() > 0 ? 1 : 0;
          withNames += parsed.getNamesCount() > 0 ? 1 : 0;
          empty += expected.length == 0 ? 1 : 0;
        }
        general.beginTick(null);
        previous = current;
      }
    }
    // The cases the comparison must have covered, so that it cannot pass vacuously.
    assertTrue(compared == 40 * 25 * 12, "compared " + compared);
    assertTrue(withRemovals > 1000 && withNames > 500 && empty > 10,
        "removals " + withRemovals + ", names " + withNames + ", empty " + empty);
  }

  /**
   * The state after {@code previous} (null: {@code size} new entities): some entities vanish,
   * new ones arrive with higher ids, the rest keep their rates, change them, or jump, some to
   * the extremes of an int; names appear, change and disappear.
   */
  private static EntityTable next(SplittableRandom rnd, EntityTable previous, int size) {
    EntityTable t = new EntityTable(FIELDS);
    int maxId = 0;
    if (previous != null) {
      for (int r = 0; r < previous.size(); r++) {
        maxId = previous.id(r);
        if (rnd.nextInt(20) == 0) {
          continue;
        }
        String name = previous.name(r);
        int roll = rnd.nextInt(40);
        if (roll == 0) {
          name = null;
        } else if (roll == 1) {
          name = "p" + rnd.nextInt(1000) + (rnd.nextBoolean() ? "\u00e9\u4e16" : "");
        }
        int row = t.add(previous.id(r), name);
        for (int f = 0; f < FIELDS; f++) {
          t.set(row, f, previous.get(r, f));
        }
        t.set(row, 0, previous.get(r, 0) + previous.get(r, 2));
        t.set(row, 1, previous.get(r, 1) + previous.get(r, 3));
        if (rnd.nextInt(3) == 0) {
          t.set(row, rnd.nextInt(FIELDS), value(rnd));
        }
      }
      size = rnd.nextInt(1 + previous.size() / 10);
    }
    for (int i = 0; i < size; i++) {
      maxId += 1 + rnd.nextInt(3);
      int row = t.add(maxId, rnd.nextInt(3) == 0 ? null : "n" + maxId);
      for (int f = 0; f < FIELDS; f++) {
        t.set(row, f, rnd.nextInt(4) == 0 ? 0 : value(rnd));
      }
    }
    return t;
  }

  private static int value(SplittableRandom rnd) {
    return switch (rnd.nextInt(6)) {
      case 0 -> Integer.MAX_VALUE;
      case 1 -> Integer.MIN_VALUE;
      case 2 -> rnd.nextInt();
      default -> rnd.nextInt(-300, 300);
    };
  }

  /** Ascending rows of a table of {@code size}: sometimes none, sometimes all. */
  private static int[] subset(SplittableRandom rnd, int size) {
    int mode = rnd.nextInt(10);
    int[] rows = new int[size];
    int n = 0;
    for (int r = 0; r < size; r++) {
      if (mode == 0 ? false : mode == 1 || rnd.nextInt(3) > 0) {
        rows[n++] = r;
      }
    }
    return Arrays.copyOf(rows, n);
  }
}
