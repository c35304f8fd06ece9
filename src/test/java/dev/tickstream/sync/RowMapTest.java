package dev.tickstream.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.tickstream.wire.EntityTable;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Seeded property test: a map sends each earlier row to the row holding the same id. */
class RowMapTest {

  @Test
  void everyEarlierRowLeadsToItsIdOrToMinusOne() {
    SplittableRandom rnd = new SplittableRandom(11);
    RowMap map = new RowMap();
    for (int round = 0; round < 200; round++) {
      EntityTable current = new EntityTable(1);
      int id = 0;
      for (int n = rnd.nextInt(500); n > 0; n--) {
        id += 1 + rnd.nextInt(4);
        current.add(id, null);
      }
      map.reset(current);
      // More earlier states than slots, each asked for twice: answers survive reuse.
      EntityTable[] earlier = new EntityTable[RowMap.SLOTS + 2];
      for (int e = 0; e < earlier.length; e++) {
        earlier[e] = InterestGridTest.earlier(rnd, current);
      }
      for (int pass = 0; pass < 2; pass++) {
        for (EntityTable from : earlier) {
          int[] rows = map.of(from);
          for (int r = 0; r < from.size(); r++) {
            int expected = current.indexOf(from.id(r));
            assertEquals(expected < 0 ? -1 : expected, rows[r], "round " + round + " row " + r);
          }
        }
      }
      EntityTable last = earlier[earlier.length - 1];
      assertSame(map.of(last), map.of(last), "a state asked for again is not merged again");
    }
  }
}
