package dev.tickstream.cluster;

import dev.tickstream.proto.v1.RoomCheckpoint;
import dev.tickstream.room.Room;
import dev.tickstream.room.Rooms;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.shareddata.AsyncMap;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Room checkpoints in the cluster's shared data, so that another node can restore a room after
 * its node dies or while it drains. Two kinds of entry:
 * <ul>
 *   <li>a node's <em>batch</em> ({@link #batchKey}): every {@code CHECKPOINT_INTERVAL_MS} all of
 *       the node's rooms in one entry, one replicated write per node per interval rather than
 *       one per room (the writes were most of a clustered node's own CPU); it expires
 *       {@link #BATCH_TTL_MS} after the node's last write, so a dead node's batch outlives
 *       its take-over and then goes;</li>
 *   <li>a room's own entry (its id): a frozen room's final checkpoint, written by
 *       {@link #save} when a draining node hands the room over.</li>
 * </ul>
 * A restore reads both and takes the later tick.
 *
 * <p>Threads: {@link #checkpointAll} runs on the event loop of its periodic timer, each room's
 * checkpoint is taken on the room's context and the batch leaves once all are in;
 * {@link #restore} runs on the event loop of a take-over or of a bus request. The map is safe
 * from any thread.
 */
final class CheckpointStore {
  private static final System.Logger LOG = System.getLogger(CheckpointStore.class.getName());
  static final String CHECKPOINTS = "tickstream.checkpoints";
  /** How long a node's batch outlives its last write: ample for survivors to restore it. */
  static final long BATCH_TTL_MS = 60_000;

  private final ThisNode self;
  private final Rooms rooms;
  private final Directory directory;
  private final AsyncMap<String, Buffer> checkpoints;
  /** A batch is being taken or written: the next interval waits rather than piling up. */
  private final AtomicBoolean writing = new AtomicBoolean();
  /** The last batch written held rooms (so an emptied node writes one empty batch). */
  private volatile boolean lastHadRooms;

  private CheckpointStore(ThisNode self, Rooms rooms, Directory directory,
      AsyncMap<String, Buffer> checkpoints) {
    this.self = self;
    this.rooms = rooms;
    this.directory = directory;
    this.checkpoints = checkpoints;
  }

  /** Opens the shared map. */
  static Future<CheckpointStore> open(Vertx vertx, ThisNode self, Rooms rooms,
      Directory directory) {
    return vertx.sharedData().<String, Buffer>getAsyncMap(CHECKPOINTS)
        .map(m -> new CheckpointStore(self, rooms, directory, m));
  }

  /** The key of {@code node}'s batch. */
  static String batchKey(String node) {
    return "node:" + node;
  }

  /**
   * Writes this node's batch: every room's checkpoint, taken on each room's context, in one
   * write. Rooms that have not ticked yet are left out. Completes when written (at once when
   * there is nothing to write, or the previous batch is still on its way).
   */
  Future<Void> checkpointAll() {
    List<Room> all = List.copyOf(rooms.all());
    if ((all.isEmpty() && !lastHadRooms) || !writing.compareAndSet(false, true)) {
      return Future.succeededFuture();
    }
    List<Future<RoomCheckpoint>> taken = new ArrayList<>(all.size());
    for (Room r : all) {
      taken.add(r.checkpoint());
    }
    return Future.join(taken).transform(ignored -> {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      int n = 0;
      for (Future<RoomCheckpoint> f : taken) {
        if (f.succeeded()) {
          write(f.result(), out);
          n++;
        }
      }
      lastHadRooms = n > 0;
      return checkpoints.put(batchKey(self.id()), Buffer.buffer(out.toByteArray()),
          BATCH_TTL_MS);
    }).onComplete(ar -> writing.set(false));
  }

  /** A room's own entry: its final checkpoint, when a draining node hands it over. */
  Future<Void> save(RoomCheckpoint cp) {
    return checkpoints.put(cp.getRoomId(), Buffer.buffer(cp.toByteArray()));
  }

  void remove(String roomId) {
    checkpoints.remove(roomId);
  }

  /** {@link #restore(String, String)} from the room's own entry only (a hand-over). */
  Future<Room> restore(String roomId) {
    return restore(roomId, null);
  }

  /**
   * Restores {@code roomId} on this node from its latest checkpoint, the room's own entry or
   * {@code node}'s batch (null: none), and lists it in the directory as this node's; completes
   * once the entry is written, so whoever asked may send its players here.
   */
  Future<Room> restore(String roomId, String node) {
    Future<Buffer> own = checkpoints.get(roomId);
    Future<Buffer> batch = node == null ? Future.succeededFuture()
        : checkpoints.get(batchKey(node));
    return Future.all(own, batch).compose(ignored -> {
      try {
        RoomCheckpoint cp = later(own.result() == null ? null
            : RoomCheckpoint.parseFrom(own.result().getBytes()), find(batch.result(), roomId));
        if (cp == null) {
          return Future.failedFuture("no checkpoint of room " + roomId);
        }
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

  /** {@code roomId}'s checkpoint in a batch, or null. */
  static RoomCheckpoint find(Buffer batch, String roomId) throws IOException {
    if (batch == null) {
      return null;
    }
    ByteArrayInputStream in = new ByteArrayInputStream(batch.getBytes());
    RoomCheckpoint cp;
    while ((cp = RoomCheckpoint.parseDelimitedFrom(in)) != null) {
      if (cp.getRoomId().equals(roomId)) {
        return cp;
      }
    }
    return null;
  }

  /** The later of two checkpoints of a room (by tick, then by when taken); either may be null. */
  static RoomCheckpoint later(RoomCheckpoint a, RoomCheckpoint b) {
    if (a == null || b == null) {
      return a == null ? b : a;
    }
    if (a.getTick() != b.getTick()) {
      return a.getTick() > b.getTick() ? a : b;
    }
    return a.getTakenAtMs() >= b.getTakenAtMs() ? a : b;
  }

  private static void write(RoomCheckpoint cp, ByteArrayOutputStream out) {
    try {
      cp.writeDelimitedTo(out);
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a byte array does not fail
    }
  }
}
