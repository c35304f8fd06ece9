package dev.tickstream.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tickstream.TestServers;
import dev.tickstream.room.Room;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Which survivor restores which room of a node that left. */
class FailoverTest {

  @Test
  void survivorsHearingOfADeathAtDifferentTimesRestoreEachRoomOnce() throws Exception {
    try (LocalCluster cluster = new LocalCluster()) {
      LocalCluster.Node a = cluster.node("a");
      LocalCluster.Node b = cluster.node("b");
      LocalCluster.Node c = cluster.node("c");
      List<Room> rooms = new ArrayList<>();
      for (int i = 0; i < 12; i++) {
        rooms.add(c.rooms().create());
      }
      for (Room r : rooms) {
        for (int i = 0; i < 100 && r.currentTick() == 0; i++) {
          Thread.sleep(20);
        }
        TestServers.await(r.checkpoint().compose(c.checkpoints::save));
      }
      TestServers.await(c.directory.publish());

      cluster.members.remove("c");
      // a hears of it first and has restored its share before b reads the directory.
      TestServers.await(a.failover.takeOver("c", new ArrayList<>(List.of("a", "b"))));
      TestServers.await(b.failover.takeOver("c", new ArrayList<>(List.of("b", "a"))));

      for (Room r : rooms) {
        int holders = (a.rooms().get(r.id()) != null ? 1 : 0)
            + (b.rooms().get(r.id()) != null ? 1 : 0);
        assertEquals(1, holders, "room " + r.id() + " restored by exactly one survivor");
        String node = TestServers.await(a.directory.room(r.id())).getString("node");
        assertEquals(a.rooms().get(r.id()) != null ? "a" : "b", node,
            "room " + r.id() + "'s entry names its new node");
      }
    }
  }

  @Test
  void heirsAreSpreadOverTheSurvivors() {
    Random random = new Random(7);
    List<String> survivors = List.of("a", "b", "c");
    Map<String, Integer> count = new HashMap<>();
    for (int i = 0; i < 3000; i++) {
      String id = "r" + Long.toString(random.nextLong() & Long.MAX_VALUE, 32).substring(0, 7);
      count.merge(Failover.heir(id, survivors), 1, Integer::sum);
    }
    for (String s : survivors) {
      assertTrue(count.getOrDefault(s, 0) > 800, "share of " + s + ": " + count);
    }
  }
}
