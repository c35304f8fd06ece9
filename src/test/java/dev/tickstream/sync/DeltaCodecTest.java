package dev.tickstream.sync;

import dev.tickstream.wire.DeltaDecoder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.tickstream.proto.v1.ServerMessage;
import dev.tickstream.proto.v1.Snapshot;
import dev.tickstream.wire.EntityTable;
import io.vertx.core.buffer.Buffer;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Seeded property tests: whatever two states, decode(base, encode(base, cur)) == cur. */
class DeltaCodecTest {
  static final int FIELDS = 10;
  static final int[] EXTREMES = {0, 1, -1, 127, -128, 8000, -8000, 65535, Integer.MAX_VALUE,
      Integer.MIN_VALUE, Integer.MAX_VALUE - 1, Integer.MIN_VALUE + 1};

  private final DeltaEncoder encoder = new DeltaEncoder();

  @Test
  void roundTripOfRandomStatesRestoresTheCurrentStateExactly() throws Exception {
    SplittableRandom rnd = new SplittableRandom(1234);
    for (int round = 0; round < 3000; round++) {
      EntityTable base = randomTable(rnd, rnd.nextInt(4) == 0 ? 0 : rnd.nextInt(40));
      EntityTable cur = mutate(rnd, base);
      boolean full = rnd.nextInt(5) == 0;
      EntityTable decoded = roundTrip(full ? null : base, cur, 100 + round);
      assertTables(cur, decoded);
    }
  }

  @Test
  void rateFieldsRoundTripAndSteadyMotionCostsNothing() throws Exception {
    int[] rates = new int[FIELDS];
    java.util.Arrays.fill(rates, -1);
    rates[1] = 3;
    rates[2] = 4;
    DeltaEncoder rated = new DeltaEncoder(rates);
    SplittableRandom rnd = new SplittableRandom(99);
    for (int round = 0; round < 2000; round++) {
      EntityTable base = randomTable(rnd, rnd.nextInt(30));
      int ticks = 1 + rnd.nextInt(10);
      EntityTable cur = mutate(rnd, base);
      rated.encode(base, null, base.size(), cur, null, cur.size(), ticks);
      int tick = 1000 + round;
      Buffer frame = SnapshotFrames.frame(tick, tick - ticks, 0, rated.bytes(), rated.length());
      EntityTable out = new EntityTable(FIELDS);
      DeltaDecoder.apply(base, ServerMessage.parseFrom(frame.getBytes()).getSnapshot(), out, rates);
      assertTables(cur, out);
    }
    // An entity that moved exactly by its rates over three ticks is not sent at all.
    EntityTable base = new EntityTable(FIELDS);
    int row = base.add(5, null);
    base.set(row, 1, 1000);
    base.set(row, 2, 2000);
    base.set(row, 3, 14);
    base.set(row, 4, -14);
    EntityTable moved = new EntityTable(FIELDS);
    moved.copyFrom(base);
    moved.set(0, 1, 1000 + 3 * 14);
    moved.set(0, 2, 2000 - 3 * 14);
    rated.encode(base, null, 1, moved, null, 1, 3);
    assertEquals(0, rated.length());
  }

  @Test
  void unchangedEntityCostsNothingAndAMoveCostsFourBytes() throws Exception {
    EntityTable base = new EntityTable(FIELDS);
    for (int id = 1; id <= 16; id++) {
      int row = base.add(id, "p" + id);
      base.set(row, 0, 1);
      base.set(row, 1, 4000 + id * 100);
      base.set(row, 2, 4000);
    }
    EntityTable same = new EntityTable(FIELDS);
    same.copyFrom(base);
    encoder.encode(base, same);
    assertEquals(0, encoder.length(), "nothing changed, nothing sent");

    EntityTable moved = new EntityTable(FIELDS);
    moved.copyFrom(base);
    moved.set(moved.indexOf(7), 1, base.get(base.indexOf(7), 1) + 20);
    moved.set(moved.indexOf(7), 2, base.get(base.indexOf(7), 2) - 20);
    encoder.encode(base, moved);
    // Three packed fields (ids, masks, values) of 1 + 1 + 2 bytes, each with tag and length.
    assertEquals(4 + 3 * 2, encoder.length());
  }

  @Test
  void decoderRejectsMalformedSnapshots() {
    EntityTable out = new EntityTable(FIELDS);
    Snapshot notAscending = Snapshot.newBuilder().setTick(2).addIds(5).addMasks(0).addIds(0)
        .addMasks(0).build();
    assertThrows(IllegalArgumentException.class, () -> DeltaDecoder.apply(null, notAscending, out));
    Snapshot missingValues = Snapshot.newBuilder().setTick(2).addIds(5).addMasks(3).addValues(1)
        .build();
    assertThrows(IllegalArgumentException.class,
        () -> DeltaDecoder.apply(null, missingValues, out));
    Snapshot noBase = Snapshot.newBuilder().setTick(3).setBaseTick(2).build();
    assertThrows(IllegalArgumentException.class, () -> DeltaDecoder.apply(null, noBase, out));
    Snapshot removesUnknown = Snapshot.newBuilder().setTick(3).addRemoved(9).build();
    assertThrows(IllegalArgumentException.class,
        () -> DeltaDecoder.apply(null, removesUnknown, out));
  }

  private EntityTable roundTrip(EntityTable base, EntityTable cur, int tick) throws Exception {
    encoder.encode(base, cur);
    int baseTick = base == null ? 0 : tick - 1;
    Buffer frame = SnapshotFrames.frame(tick, baseTick, 77, encoder.bytes(), encoder.length());
    ServerMessage msg = ServerMessage.parseFrom(frame.getBytes());
    Snapshot s = msg.getSnapshot();
    assertEquals(tick, s.getTick());
    assertEquals(baseTick, s.getBaseTick());
    assertEquals(77, s.getLastInputSeq());
    EntityTable out = new EntityTable(FIELDS);
    DeltaDecoder.apply(base, s, out);
    return out;
  }

  static EntityTable randomTable(SplittableRandom rnd, int n) {
    EntityTable t = new EntityTable(FIELDS);
    int id = 0;
    for (int i = 0; i < n; i++) {
      id += 1 + rnd.nextInt(5);
      int row = t.add(id, rnd.nextInt(3) == 0 ? null : "n" + rnd.nextInt(1000));
      for (int f = 0; f < FIELDS; f++) {
        t.set(row, f, randomValue(rnd));
      }
    }
    return t;
  }

  /** Drops some rows, changes some fields, renames some, adds new ids. */
  static EntityTable mutate(SplittableRandom rnd, EntityTable base) {
    EntityTable t = new EntityTable(FIELDS);
    int maxId = 0;
    for (int r = 0; r < base.size(); r++) {
      maxId = base.id(r);
      if (rnd.nextInt(6) == 0) {
        continue;
      }
      String name = base.name(r);
      if (rnd.nextInt(10) == 0) {
        name = rnd.nextBoolean() ? null : "renamed" + rnd.nextInt(100);
      }
      int row = t.add(base.id(r), name);
      for (int f = 0; f < FIELDS; f++) {
        int v = base.get(r, f);
        int change = rnd.nextInt(4);
        t.set(row, f, change == 0 ? randomValue(rnd) : change == 1 ? v + rnd.nextInt(-40, 41) : v);
      }
    }
    int adds = rnd.nextInt(5);
    for (int i = 0; i < adds; i++) {
      maxId += 1 + rnd.nextInt(3);
      int row = t.add(maxId, rnd.nextBoolean() ? "new" + i : null);
      for (int f = 0; f < FIELDS; f++) {
        t.set(row, f, rnd.nextInt(3) == 0 ? 0 : randomValue(rnd));
      }
    }
    return t;
  }

  static int randomValue(SplittableRandom rnd) {
    return switch (rnd.nextInt(3)) {
      case 0 -> EXTREMES[rnd.nextInt(EXTREMES.length)];
      case 1 -> rnd.nextInt(0, 8001);
      default -> rnd.nextInt();
    };
  }

  static void assertTables(EntityTable expected, EntityTable actual) {
    assertEquals(expected.size(), actual.size(), "row count");
    for (int r = 0; r < expected.size(); r++) {
      assertEquals(expected.id(r), actual.id(r), "id of row " + r);
      assertEquals(expected.name(r), actual.name(r), "name of " + expected.id(r));
      for (int f = 0; f < FIELDS; f++) {
        assertEquals(expected.get(r, f), actual.get(r, f), "field " + f + " of " + expected.id(r));
      }
    }
    assertEquals(expected.hash(), actual.hash());
  }
}
