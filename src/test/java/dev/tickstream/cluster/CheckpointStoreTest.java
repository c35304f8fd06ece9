package dev.tickstream.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tickstream.TestServers;
import dev.tickstream.proto.v1.RoomCheckpoint;
import dev.tickstream.room.Room;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.shareddata.AsyncMap;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A node's checkpoints as one batch per interval, and what a restore reads. */
class CheckpointStoreTest {

  @Test
  void aNodeWritesOneBatchAndItsDeadRoomsComeBackFromIt() throws Exception {
    try (LocalCluster cluster = new LocalCluster()) {
      LocalCluster.Node a = cluster.node("a");
      LocalCluster.Node b = cluster.node("b");
      LocalCluster.Node c = cluster.node("c");
      List<Room> rooms = c.tickingRooms(6);
      TestServers.await(c.checkpoints.checkpointAll());
      // A node with no rooms writes nothing.
      TestServers.await(a.checkpoints.checkpointAll());
      TestServers.await(c.directory.publish());

      AsyncMap<String, Buffer> map = TestServers.await(
          cluster.vertx.sharedData().getAsyncMap(CheckpointStore.CHECKPOINTS));
      assertEquals(Set.of(CheckpointStore.batchKey("c")), TestServers.await(map.keys()),
          "one entry for the node's six rooms, none for a node without rooms");

      cluster.members.remove("c");
      TestServers.await(a.failover.takeOver("c", new ArrayList<>(List.of("a", "b"))));
      TestServers.await(b.failover.takeOver("c", new ArrayList<>(List.of("b", "a"))));
      for (Room r : rooms) {
        Room restored = a.rooms().get(r.id()) != null ? a.rooms().get(r.id())
            : b.rooms().get(r.id());
        assertNotNull(restored, "room " + r.id() + " restored from c's batch");
        assertTrue(restored.currentTick() >= 1, "it continues from its checkpoint");
      }
    }
  }

  @Test
  void aRoomIsFoundInABatchByItsId() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (String id : List.of("r1", "r2", "r3")) {
      cp(id, 5, 100).writeDelimitedTo(out);
    }
    Buffer batch = Buffer.buffer(out.toByteArray());
    assertEquals("r2", CheckpointStore.find(batch, "r2").getRoomId());
    assertNull(CheckpointStore.find(batch, "r4"));
    assertNull(CheckpointStore.find(null, "r1"));
    assertNull(CheckpointStore.find(Buffer.buffer(), "r1"), "an emptied node's batch");
  }

  @Test
  void theLaterCheckpointWins() {
    RoomCheckpoint frozen = cp("r", 40, 1_000);
    RoomCheckpoint batched = cp("r", 39, 1_100);
    // A hand-over's final checkpoint is later than the batch taken before the freeze...
    assertSame(frozen, CheckpointStore.later(frozen, batched));
    assertSame(frozen, CheckpointStore.later(batched, frozen));
    // ...and a restored room's batch later than the hand-over it came from.
    RoomCheckpoint after = cp("r", 60, 2_000);
    assertSame(after, CheckpointStore.later(frozen, after));
    assertSame(frozen, CheckpointStore.later(frozen, null));
    assertSame(after, CheckpointStore.later(null, after));
    assertSame(batched, CheckpointStore.later(cp("r", 39, 900), batched), "same tick: newer");
  }

  private static RoomCheckpoint cp(String id, int tick, long at) {
    return RoomCheckpoint.newBuilder().setRoomId(id).setTick(tick).setTakenAtMs(at).build();
  }
}
