package dev.tickstream.sim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.google.protobuf.Int32Value;
import dev.tickstream.wire.EntityTable;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The rewind a game asks through {@link GameRoom#rewind()}, driven through an
 * {@link OfflineRoom} as a game's own tests would: where an entity was, what lay in a circle or
 * along a segment, the bound, and entities that were not there yet.
 */
class PositionHistoryTest {
  static final EntitySchema SCHEMA = EntitySchema.builder().position("x", "y").build();

  /** A world of points that move as the test says; entity id -> (x, y) in wire units. */
  static final class Points implements Game<Int32Value> {
    final TreeMap<Integer, int[]> at = new TreeMap<>();

    @Override
    public int onJoin(Player player) {
      return 0;
    }

    @Override
    public void step(int tick) {
      for (int[] p : at.values()) {
        p[0] += p[2]; // x moves by its own velocity
      }
    }

    @Override
    public void writeState(EntityTable out) {
      out.clear();
      at.forEach((id, p) -> {
        int r = out.add(id, null);
        out.set(r, 0, p[0]);
        out.set(r, 1, p[1]);
      });
    }

    void put(int id, int x, int y, int vx) {
      at.put(id, new int[] {x, y, vx});
    }
  }

  private static OfflineRoom room(int maxTicks) {
    return new OfflineRoom("r", 30, 1).keepHistory(SCHEMA, maxTicks);
  }

  @Test
  void positionAtAPastTickIsWhereTheEntityWasThen() {
    OfflineRoom room = room(6);
    Points g = new Points();
    g.put(1, 0, 50, 10);
    for (int t = 1; t <= 10; t++) {
      room.advance(g); // after tick t, x = 10 t
    }
    room.setTick(11); // the hooks of tick 11: the newest recorded state is tick 10's
    assertEquals(new Rewind.Position(100, 50), room.rewind().positionAt(1, 10));
    assertEquals(new Rewind.Position(70, 50), room.rewind().positionAt(1, 7));
    assertEquals(new Rewind.Position(50, 50), room.rewind().positionAt(1, 5), "11 - 6: the bound");
  }

  @Test
  void aTickBeyondTheBoundIsClampedToTheBoundAndAFutureOneToTheNewest() {
    OfflineRoom room = room(6);
    Points g = new Points();
    g.put(1, 0, 0, 10);
    for (int t = 1; t <= 20; t++) {
      room.advance(g);
    }
    room.setTick(21);
    Rewind r = room.rewind();
    assertEquals(15, r.clamp(3), "never further back than 21 - 6");
    assertEquals(15, r.clamp(-5));
    assertEquals(20, r.clamp(21), "the present: the newest state");
    assertEquals(20, r.clamp(Integer.MAX_VALUE));
    assertEquals(new Rewind.Position(150, 0), r.positionAt(1, 3));
    assertEquals(new Rewind.Position(200, 0), r.positionAt(1, 99));
  }

  @Test
  void withoutRewindEveryQueryIsTheNewestState() {
    OfflineRoom room = room(0);
    Points g = new Points();
    g.put(1, 0, 0, 10);
    for (int t = 1; t <= 5; t++) {
      room.advance(g);
    }
    assertEquals(5, room.rewind().clamp(1));
    assertEquals(new Rewind.Position(50, 0), room.rewind().positionAt(1, 2));
  }

  @Test
  void anEntityThatDidNotExistAtTheTickIsNotFound() {
    OfflineRoom room = room(6);
    Points g = new Points();
    g.put(1, 0, 0, 0);
    room.advance(g);
    room.advance(g);
    g.put(2, 5, 5, 0); // appears at tick 3
    room.advance(g);
    g.at.remove(1); // gone at tick 4
    room.advance(g);
    Rewind r = room.rewind();
    assertNull(r.positionAt(2, 2), "not there yet");
    assertEquals(new Rewind.Position(5, 5), r.positionAt(2, 3));
    assertEquals(new Rewind.Position(0, 0), r.positionAt(1, 3), "still there then");
    assertNull(r.positionAt(1, 4));
    assertArrayEquals(new int[] {2}, r.entitiesWithin(0, 0, 100, 2 + 2));
    assertArrayEquals(new int[] {1}, r.entitiesWithin(0, 0, 100, 2));
    assertNull(r.positionAt(99, 3));
  }

  @Test
  void nothingRecordedFindsNothing() {
    Rewind r = new OfflineRoom("r", 30, 1).rewind();
    assertEquals(0, r.clamp(5));
    assertNull(r.positionAt(1, 5));
    assertArrayEquals(new int[0], r.entitiesWithin(0, 0, 1e9, 5));
    assertArrayEquals(new int[0], r.entitiesAlong(0, 0, 10, 10, 1e9, 5));
  }

  @Test
  void entitiesWithinACircleThenInAscendingIds() {
    OfflineRoom room = room(6);
    Points g = new Points();
    g.put(7, 100, 100, 0);
    g.put(3, 103, 104, 0); // 5 from (100, 100)
    g.put(5, 106, 100, 0); // 6
    g.put(9, -20, 100, 0);
    room.advance(g);
    assertArrayEquals(new int[] {3, 7}, room.rewind().entitiesWithin(100, 100, 5, 1));
    assertArrayEquals(new int[] {3, 5, 7}, room.rewind().entitiesWithin(100, 100, 6, 1));
    assertArrayEquals(new int[] {3, 5, 7, 9}, room.rewind().entitiesWithin(100, 100, 120, 1));
    assertArrayEquals(new int[0], room.rewind().entitiesWithin(100, 100, -1, 1));
    assertArrayEquals(new int[0], room.rewind().entitiesWithin(Double.NaN, 100, 5, 1));
  }

  @Test
  void entitiesAlongASegmentInTheOrderASweepTouchesThem() {
    OfflineRoom room = room(6);
    Points g = new Points();
    g.put(1, 300, 2, 0); // touched third
    g.put(2, 100, -4, 0); // first (within 5 of the line)
    g.put(3, 200, 0, 0); // second
    g.put(4, 150, 6, 0); // 6 off the line: passed by
    g.put(5, 519, 0, 0); // beyond the end by 19
    g.put(6, -3, 0, 0); // behind the start, but within the half-width: touched at once
    room.advance(g);
    Rewind r = room.rewind();
    assertArrayEquals(new int[] {6, 2, 3, 1}, r.entitiesAlong(0, 0, 500, 0, 5, 1));
    assertArrayEquals(new int[] {1, 3, 2, 6}, r.entitiesAlong(500, 0, 0, 0, 5, 1), "reversed");
    // Wider: 4 is touched (at x = 131) before 3 (at x = 180); 5 just before the end.
    assertArrayEquals(new int[] {6, 2, 4, 3, 1, 5}, r.entitiesAlong(0, 0, 500, 0, 20, 1));
  }

  @Test
  void alongFollowsWhereEntitiesWereAtTheTick() {
    OfflineRoom room = room(6);
    Points g = new Points();
    g.put(1, 0, 100, 10); // runs along y = 100
    for (int t = 1; t <= 10; t++) {
      room.advance(g);
    }
    room.setTick(11);
    // A vertical shot through x = 70: it was there at tick 7 only.
    assertArrayEquals(new int[] {1}, room.rewind().entitiesAlong(70, 0, 70, 200, 3, 7));
    assertArrayEquals(new int[0], room.rewind().entitiesAlong(70, 0, 70, 200, 3, 10));
    assertArrayEquals(new int[0], room.rewind().entitiesAlong(70, 0, 70, 200, 3, 8));
  }

  @Test
  void aRestoreStartsANewTimeline() {
    OfflineRoom room = room(6);
    Points g = new Points();
    g.put(1, 0, 0, 10);
    for (int t = 1; t <= 10; t++) {
      room.advance(g);
    }
    room.setTick(5); // as a restore to tick 5 would
    g.put(1, 1000, 0, 0);
    room.record(g);
    assertEquals(5, room.rewind().clamp(1));
    assertEquals(new Rewind.Position(1000, 0), room.rewind().positionAt(1, 9));
  }

  @Test
  void slotsGrowWithTheWorld() {
    OfflineRoom room = room(2);
    Points g = new Points();
    for (int id = 1; id <= 1000; id++) {
      g.put(id, id * 10, 0, 0);
    }
    room.advance(g);
    int[] near = room.rewind().entitiesWithin(5000, 0, 25, 1);
    assertArrayEquals(new int[] {498, 499, 500, 501, 502}, near);
  }
}
