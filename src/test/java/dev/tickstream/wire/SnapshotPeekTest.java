package dev.tickstream.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tickstream.proto.v1.ServerMessage;
import dev.tickstream.sync.DeltaEncoder;
import dev.tickstream.sync.SnapshotFrames;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Following one entity through a chain of deltas gives exactly the row the full decoder
 * builds, whatever the bases (the last tick, older ones, complete snapshots), rates, removals
 * and returns.
 */
class SnapshotPeekTest {
  static final int FIELDS = 6;
  static final int[] RATES = {-1, 3, 4, -1, -1, -1};
  static final int HISTORY = 16;
  static final int FOLLOWED = 7;

  @Test
  void followsItsEntityExactlyAsTheFullDecoderDoes() throws Exception {
    SplittableRandom rnd = new SplittableRandom(42);
    DeltaEncoder encoder = new DeltaEncoder(RATES);
    SnapshotRing decoded = new SnapshotRing(HISTORY, FIELDS);
    SnapshotPeek peek = new SnapshotPeek(FIELDS, RATES, FOLLOWED, HISTORY);
    EntityTable world = new EntityTable(FIELDS);
    EntityTable scratch = new EntityTable(FIELDS);
    SnapshotRing server = new SnapshotRing(HISTORY, FIELDS);
    int present = 0;
    int absent = 0;
    int listed = 0;
    for (int tick = 1; tick <= 3000; tick++) {
      world = step(rnd, world);
      server.store(tick, world);
      // The base: mostly the last tick, sometimes older, sometimes none.
      int back = rnd.nextInt(10) < 7 ? 1 : 1 + rnd.nextInt(HISTORY - 2);
      int baseTick = tick == 1 || rnd.nextInt(40) == 0 ? 0 : Math.max(1, tick - back);
      EntityTable base = baseTick == 0 ? null : decoded.get(baseTick);
      if (base == null) {
        baseTick = 0;
      }
      EntityTable serverBase = baseTick == 0 ? null : server.get(baseTick);
      encoder.encode(serverBase, null, serverBase == null ? 0 : serverBase.size(), world, null,
          world.size(), tick - baseTick);
      byte[] frame = SnapshotFrames.frame(tick, baseTick, tick / 3, encoder.bytes(),
          encoder.length()).getBytes();
      DeltaDecoder.apply(base, ServerMessage.parseFrom(frame).getSnapshot(), scratch, RATES);
      EntityTable full = decoded.store(tick, scratch);

      assertTrue(SnapshotPeek.isSnapshot(frame));
      peek.read(frame);
      assertEquals(tick, peek.tick());
      assertEquals(baseTick, peek.baseTick());
      assertEquals(tick / 3, peek.lastInputSeq());
      int row = full.indexOf(FOLLOWED);
      assertEquals(row >= 0, peek.present(), "present at tick " + tick);
      if (row >= 0) {
        present++;
        for (int f = 0; f < FIELDS; f++) {
          assertEquals(full.get(row, f), peek.get(f), "field " + f + " at tick " + tick);
        }
      } else {
        absent++;
      }
      listed += frameListsFollowed(frame) ? 1 : 0;
    }
    assertTrue(present > 1000 && absent > 100 && listed > 500,
        "the chain covered presence " + present + ", absence " + absent + ", rows " + listed);
  }

  @Test
  void refusesADeltaAgainstATickItDoesNotHold() {
    DeltaEncoder encoder = new DeltaEncoder(RATES);
    EntityTable world = new EntityTable(FIELDS);
    world.add(FOLLOWED, null);
    encoder.encode(world, null, 1, world, null, 1, 1);
    byte[] frame = SnapshotFrames.frame(10, 9, 0, encoder.bytes(), encoder.length()).getBytes();
    SnapshotPeek peek = new SnapshotPeek(FIELDS, RATES, FOLLOWED, HISTORY);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> peek.read(frame));
    assertTrue(e.getMessage().startsWith("delta against unknown tick 9"), e.getMessage());
    assertThrows(IllegalArgumentException.class,
        () -> peek.read(new byte[] {0x12, 0x05, 0x08}));
  }

  private static boolean frameListsFollowed(byte[] frame) throws Exception {
    var s = ServerMessage.parseFrom(frame).getSnapshot();
    int id = 0;
    for (int d : s.getIdsList()) {
      id += d;
      if (id == FOLLOWED) {
        return true;
      }
    }
    return false;
  }

  /**
   * The next world: entities 1..12 come and go (the followed one too, now and then), move by
   * their rates or not, and change their other fields.
   */
  private static EntityTable step(SplittableRandom rnd, EntityTable prev) {
    EntityTable next = new EntityTable(FIELDS);
    for (int id = 1; id <= 12; id++) {
      int r = prev.indexOf(id);
      boolean keep = r >= 0 ? rnd.nextInt(id == FOLLOWED ? 60 : 15) != 0
          : rnd.nextInt(id == FOLLOWED ? 8 : 4) == 0;
      if (!keep) {
        continue;
      }
      int row = next.add(id, null);
      int[] v = new int[FIELDS];
      if (r >= 0) {
        for (int f = 0; f < FIELDS; f++) {
          v[f] = prev.get(r, f);
        }
        v[1] += v[3];
        v[2] += v[4];
        if (rnd.nextInt(3) == 0) {
          v[1] += rnd.nextInt(-20, 21); // off its rate: a row
        }
        if (rnd.nextInt(4) == 0) {
          v[3] = rnd.nextInt(-30, 31);
          v[4] = rnd.nextInt(-30, 31);
        }
        if (rnd.nextInt(6) == 0) {
          v[0] = rnd.nextInt(100);
          v[5] = rnd.nextInt();
        }
      } else {
        Arrays.setAll(v, f -> rnd.nextInt(-100_000, 100_000));
      }
      for (int f = 0; f < FIELDS; f++) {
        next.set(row, f, v[f]);
      }
    }
    return next;
  }
}
