package dev.tickstream.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tickstream.proto.v1.ServerMessage;
import dev.tickstream.wire.DeltaDecoder;
import dev.tickstream.wire.EntityTable;
import dev.tickstream.wire.SnapshotRing;
import java.lang.management.ManagementFactory;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Seeded: clients that see part of a moving world, or all of it, skip frames and lag their
 * acks, get through {@link ViewEncoder} bodies that turn each one's copy into exactly its view,
 * on every path (whole world, previous-tick fast path, memoized general encoder); and a warm
 * tick allocates nothing.
 */
class ViewEncoderTest {
  private static final int FIELDS = 5;
  /** x by field 2, y by field 3, as the arena's. */
  private static final int[] RATES = {2, 3, -1, -1, -1};
  private static final int MAP = 20_000;
  private static final int HISTORY = 8;

  @Test
  void everyClientsCopyBecomesItsViewOnEveryPath() throws Exception {
    SplittableRandom rnd = new SplittableRandom(11);
    SnapshotRing ring = new SnapshotRing(HISTORY, FIELDS);
    ViewEncoder enc = new ViewEncoder(RATES, ring, HISTORY,
        new ViewEncoder.Interest(MAP, MAP, 3_000, 0, 1, (s, t, xs, ys) -> false));
    int clients = 40;
    ViewRing[] views = new ViewRing[clients];
    int[] lastSent = new int[clients];
    int[][] sentTicks = new int[clients][3];
    EntityTable[][] copies = new EntityTable[clients][HISTORY];
    for (int i = 0; i < clients; i++) {
      views[i] = new ViewRing();
    }
    EntityTable world = next(rnd, null);
    int[] paths = new int[3];
    for (int tick = 1; tick <= 120; tick++) {
      world = next(rnd, world);
      EntityTable state = ring.store(tick, world);
      enc.beginTick(tick, state);
      for (int i = 0; i < clients; i++) {
        enc.locate(i, 1 + 3 * i, views[i]);
      }
      int[] order = enc.order(clients);
      for (int j = 0; j < clients; j++) {
        int i = order[j];
        if (rnd.nextInt(10) == 0) {
          continue; // skipped: its next base is older than the previous tick
        }
        boolean seesAll = i % 10 == 0;
        // A third ack late: one of the last three ticks it was sent.
        int wanted = i % 3 == 0 ? sentTicks[i][rnd.nextInt(3)] : lastSent[i];
        enc.encode(i, views[i], seesAll, wanted, lastSent[i]);
        int baseTick = enc.baseTick();
        paths[enc.rows() == null ? 0 : baseTick == tick - 1 && wanted == lastSent[i] ? 1 : 2]++;
        byte[] frame = SnapshotFrames.frame(tick, baseTick, 0, enc.bytes(), enc.length())
            .getBytes();
        EntityTable copy = new EntityTable(FIELDS);
        DeltaDecoder.apply(baseTick == 0 ? null : copies[i][baseTick % HISTORY],
            ServerMessage.parseFrom(frame).getSnapshot(), copy, RATES);
        long expected = enc.rows() == null ? state.hash() : state.hash(enc.rows(), enc.count());
        assertEquals(expected, copy.hash(), "tick " + tick + " client " + i);
        copies[i][tick % HISTORY] = copy;
        sentTicks[i][tick % 3] = tick;
        lastSent[i] = tick;
      }
      enc.endTick();
    }
    assertTrue(paths[0] > 300 && paths[1] > 1000 && paths[2] > 300,
        "world " + paths[0] + ", fast " + paths[1] + ", general " + paths[2]);
  }

  @Test
  void aWarmTickAllocatesNothing() {
    SplittableRandom rnd = new SplittableRandom(4);
    SnapshotRing ring = new SnapshotRing(HISTORY, FIELDS);
    ViewEncoder enc = new ViewEncoder(RATES, ring, 2,
        new ViewEncoder.Interest(MAP, MAP, 3_000, 0, 1, (s, t, xs, ys) -> false));
    int clients = 100;
    ViewRing[] views = new ViewRing[clients];
    int[] lastSent = new int[clients];
    for (int i = 0; i < clients; i++) {
      views[i] = new ViewRing();
    }
    EntityTable[] worlds = new EntityTable[HISTORY];
    worlds[0] = next(rnd, null);
    for (int w = 1; w < HISTORY; w++) {
      worlds[w] = next(rnd, worlds[w - 1]);
    }
    com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    long allocated = Long.MAX_VALUE;
    for (int tick = 1; tick <= 60; tick++) {
      EntityTable state = ring.store(tick, worlds[tick % HISTORY]);
      long before = threads.getCurrentThreadAllocatedBytes();
      enc.beginTick(tick, state);
      for (int i = 0; i < clients; i++) {
        enc.locate(i, 1 + 3 * i, views[i]);
      }
      int[] order = enc.order(clients);
      for (int j = 0; j < clients; j++) {
        int i = order[j];
        enc.encode(i, views[i], i % 10 == 0, lastSent[i], lastSent[i]);
        lastSent[i] = tick;
      }
      enc.endTick();
      if (tick > 40) {
        allocated = Math.min(allocated, threads.getCurrentThreadAllocatedBytes() - before);
      }
    }
    assertEquals(0, allocated, "bytes allocated by a warm tick of " + clients + " clients");
  }

  /** The world after {@code previous} (null: a new one): moves, deaths, births, renames. */
  private static EntityTable next(SplittableRandom rnd, EntityTable previous) {
    EntityTable t = new EntityTable(FIELDS);
    int maxId = 0;
    if (previous != null) {
      for (int r = 0; r < previous.size(); r++) {
        maxId = previous.id(r);
        if (rnd.nextInt(40) == 0) {
          continue;
        }
        String name = rnd.nextInt(50) == 0 ? "n" + rnd.nextInt(100) : previous.name(r);
        int row = t.add(maxId, name);
        for (int f = 0; f < FIELDS; f++) {
          t.set(row, f, previous.get(r, f));
        }
        if (rnd.nextInt(4) == 0) {
          t.set(row, 2, rnd.nextInt(-200, 201));
          t.set(row, 3, rnd.nextInt(-200, 201));
        }
        t.set(row, 0, Math.floorMod(previous.get(r, 0) + t.get(row, 2), MAP));
        t.set(row, 1, Math.floorMod(previous.get(r, 1) + t.get(row, 3), MAP));
        t.set(row, 4, rnd.nextInt(8) == 0 ? rnd.nextInt(100) : previous.get(r, 4));
      }
    }
    for (int i = previous == null ? 400 : rnd.nextInt(12); i > 0; i--) {
      maxId += 1 + rnd.nextInt(2);
      int row = t.add(maxId, rnd.nextBoolean() ? "p" + maxId : null);
      t.set(row, 0, rnd.nextInt(MAP));
      t.set(row, 1, rnd.nextInt(MAP));
      t.set(row, 2, rnd.nextInt(-200, 201));
      t.set(row, 3, rnd.nextInt(-200, 201));
    }
    return t;
  }
}
