package dev.tickstream.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tickstream.TestServers;
import dev.tickstream.room.Room;
import org.junit.jupiter.api.Test;

/** Who may write a room's directory entry. */
class DirectoryTest {

  @Test
  void aDrainingNodeDoesNotWriteOverTheEntryOfARoomItsTargetHasRestored() throws Exception {
    try (LocalCluster cluster = new LocalCluster()) {
      LocalCluster.Node a = cluster.node("a");
      LocalCluster.Node b = cluster.node("b");
      Room r = a.tickingRooms(1).get(0);
      TestServers.await(a.directory.publish());
      // A drain's move: a's final checkpoint, restored on b, before a hands the room over;
      // meanwhile a's periodic publishing goes on (its entries now say draining).
      a.self.startDraining();
      TestServers.await(r.freeze().compose(a.checkpoints::save));
      TestServers.await(b.checkpoints.restore(r.id()));
      for (int round = 0; round < 11; round++) { // a full round comes every 10
        TestServers.await(a.directory.publish());
      }
      assertEquals("b", TestServers.await(b.directory.room(r.id())).getString("node"),
          "the room's entry names its new node");
      // and b, its owner now, goes on publishing it
      TestServers.await(b.directory.publish());
      assertEquals("b", TestServers.await(a.directory.room(r.id())).getString("node"));
    }
  }
}
