package dev.tickstream.cluster;

import dev.tickstream.proto.v1.RoomCheckpoint;
import dev.tickstream.room.Room;
import dev.tickstream.room.Rooms;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.shareddata.AsyncMap;

/**
 * Room checkpoints in the cluster's shared data, by room id: every room of this node writes
 * its world and seats there each {@code CHECKPOINT_INTERVAL_MS}, so that another node can
 * restore the room after this one dies or while it drains.
 *
 * <p>Threads: {@link #checkpointAll} runs on the event loop of its periodic timer and each
 * write leaves from the room's context once the room has taken its checkpoint; {@link #restore}
 * runs on the event loop of a take-over or of a bus request. The map is safe from any thread.
 */
final class CheckpointStore {
  private static final System.Logger LOG = System.getLogger(CheckpointStore.class.getName());
  static final String CHECKPOINTS = "tickstream.checkpoints";

  private final Rooms rooms;
  private final Directory directory;
  private final AsyncMap<String, Buffer> checkpoints;

  private CheckpointStore(Rooms rooms, Directory directory,
      AsyncMap<String, Buffer> checkpoints) {
    this.rooms = rooms;
    this.directory = directory;
    this.checkpoints = checkpoints;
  }

  /** Opens the shared map. */
  static Future<CheckpointStore> open(Vertx vertx, Rooms rooms, Directory directory) {
    return vertx.sharedData().<String, Buffer>getAsyncMap(CHECKPOINTS)
        .map(m -> new CheckpointStore(rooms, directory, m));
  }

  /** Checkpoints every room of this node. */
  void checkpointAll() {
    for (Room r : rooms.all()) {
      r.checkpoint().compose(this::save)
          .recover(e -> Future.succeededFuture()); // a room that has not ticked yet
    }
  }

  Future<Void> save(RoomCheckpoint cp) {
    return checkpoints.put(cp.getRoomId(), Buffer.buffer(cp.toByteArray()));
  }

  void remove(String roomId) {
    checkpoints.remove(roomId);
  }

  /**
   * Restores {@code roomId} on this node from its last checkpoint and lists it in the
   * directory as this node's; completes once the entry is written, so whoever asked may send
   * its players here.
   */
  Future<Room> restore(String roomId) {
    return checkpoints.get(roomId).compose(buf -> {
      if (buf == null) {
        return Future.failedFuture("no checkpoint of room " + roomId);
      }
      try {
        RoomCheckpoint cp = RoomCheckpoint.parseFrom(buf.getBytes());
        Room room = rooms.restore(cp);
        // ClusterFailoverTest reads this line for the tick the room came back at.
        LOG.log(System.Logger.Level.WARNING, "cluster: restored room " + roomId + " at tick "
            + cp.getTick() + " (" + (System.currentTimeMillis() - cp.getTakenAtMs())
            + " ms after its checkpoint)");
        return directory.put(room).map(room);
      } catch (Exception e) {
        return Future.failedFuture(e);
      }
    });
  }
}
