package dev.tickstream.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
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
      List<Room> rooms = c.tickingRooms(12);
      for (Room r : rooms) {
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
  void aDrainingSurvivorIsNoHeir() throws Exception {
    try (LocalCluster cluster = new LocalCluster()) {
      LocalCluster.Node a = cluster.node("a");
      LocalCluster.Node b = cluster.node("b");
      LocalCluster.Node c = cluster.node("c");
      List<Room> rooms = checkpointedRooms(c, 12);
      b.self.startDraining();
      TestServers.await(b.directory.publish());

      cluster.members.remove("c");
      TestServers.await(a.failover.takeOver("c", new ArrayList<>(List.of("a", "b"))));
      TestServers.await(b.failover.takeOver("c", new ArrayList<>(List.of("a", "b"))));

      for (Room r : rooms) {
        assertNull(b.rooms().get(r.id()), "room " + r.id() + " not restored on draining b");
        assertNotNull(a.rooms().get(r.id()), "room " + r.id() + " restored on a");
      }
    }
  }

  @Test
  void roomsWhoseHeirDiedBeforeRestoringThemAreRestoredByTheNextSurvivor() throws Exception {
    try (LocalCluster cluster = new LocalCluster()) {
      LocalCluster.Node a = cluster.node("a");
      cluster.node("b");
      LocalCluster.Node c = cluster.node("c");
      List<Room> rooms = checkpointedRooms(c, 12);

      // c dies, and b dies too before it restored its share of c's rooms.
      cluster.members.remove("c");
      TestServers.await(a.failover.takeOver("c", new ArrayList<>(List.of("a", "b"))));
      cluster.members.remove("b");
      TestServers.await(a.failover.takeOver("b", new ArrayList<>(List.of("a"))));

      for (Room r : rooms) {
        assertNotNull(a.rooms().get(r.id()), "room " + r.id() + " restored on a");
        assertEquals("a", TestServers.await(a.directory.room(r.id())).getString("node"));
      }
    }
  }

  @Test
  void aSurvivorThatMissedTheDeparturesRestoresTheOrphansOnItsSweeps() throws Exception {
    try (LocalCluster cluster = new LocalCluster()) {
      LocalCluster.Node a = cluster.node("a");
      LocalCluster.Node c = cluster.node("c");
      List<Room> rooms = checkpointedRooms(c, 6);
      cluster.members.remove("c");

      TestServers.await(a.failover.sweep());
      assertTrue(rooms.stream().allMatch(r -> a.rooms().get(r.id()) == null),
          "a first sweep only suspects them");
      TestServers.await(a.failover.sweep());
      for (Room r : rooms) {
        assertNotNull(a.rooms().get(r.id()), "room " + r.id() + " restored on a");
      }
    }
  }

  /** {@code n} rooms on {@code node}, each checkpointed once it has ticked, and listed. */
  private static List<Room> checkpointedRooms(LocalCluster.Node node, int n) throws Exception {
    List<Room> rooms = node.tickingRooms(n);
    for (Room r : rooms) {
      TestServers.await(r.checkpoint().compose(node.checkpoints::save));
    }
    TestServers.await(node.directory.publish());
    return rooms;
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
