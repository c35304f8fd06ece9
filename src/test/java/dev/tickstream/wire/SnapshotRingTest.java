package dev.tickstream.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.tickstream.wire.EntityTable;
import org.junit.jupiter.api.Test;

class SnapshotRingTest {
  @Test
  void keepsTheLastCapacityTicksAndForgetsOlderOnes() {
    SnapshotRing ring = new SnapshotRing(8, 2);
    EntityTable t = new EntityTable(2);
    for (int tick = 1; tick <= 20; tick++) {
      t.clear();
      t.set(t.add(1, null), 1, tick);
      ring.store(tick, t);
    }
    for (int tick = 13; tick <= 20; tick++) {
      assertEquals(tick, ring.get(tick).get(0, 1));
    }
    assertNull(ring.get(12), "overwritten by tick 20");
    assertNull(ring.get(0), "tick 0 means none");
    assertNull(ring.get(21), "not stored yet");
  }
}
