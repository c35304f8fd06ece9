package dev.tickstream.cluster;

import dev.tickstream.room.Room;
import dev.tickstream.room.Rooms;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;

/**
 * Draining this node: it takes no more seats, and each of its rooms is frozen, restored on
 * the member with the fewest players that is not draining itself, and its players redirected
 * there with their resume tokens.
 *
 * <p>Threads: starts on the caller's thread (the SIGTERM hook); each move goes on on the
 * room's context (freeze, hand-over) and on the event loops that answer the map and the bus.
 */
final class Drain {
  private final ThisNode self;
  private final Rooms rooms;
  private final Directory directory;
  private final CheckpointStore checkpoints;
  private final NodeBus bus;

  Drain(ThisNode self, Rooms rooms, Directory directory, CheckpointStore checkpoints,
      NodeBus bus) {
    this.self = self;
    this.rooms = rooms;
    this.directory = directory;
    this.checkpoints = checkpoints;
    this.bus = bus;
  }

  /** Completes when every room has moved (or, with nowhere to go, closed). */
  Future<Void> run() {
    self.startDraining();
    // Published first, so other nodes stop sending seats and rooms here before any moves.
    return directory.publish().compose(v -> {
      List<Future<Void>> moves = new ArrayList<>();
      for (Room r : new ArrayList<>(rooms.all())) {
        moves.add(moveAway(r));
      }
      return Future.join(moves).mapEmpty();
    });
  }

  private Future<Void> moveAway(Room r) {
    return directory.nodes().compose(all -> {
      String target = null;
      String targetWs = null;
      int least = Integer.MAX_VALUE;
      for (var n : all.entrySet()) {
        if (!n.getKey().equals(self.id()) && self.isMember(n.getKey())
            && !n.getValue().getBoolean("draining", false)
            && n.getValue().getInteger("players", 0) < least) {
          least = n.getValue().getInteger("players", 0);
          target = n.getKey();
          targetWs = n.getValue().getString("ws");
        }
      }
      if (target == null) {
        return r.handOver(null); // nowhere to go: players are told the room closed
      }
      String to = target;
      String ws = targetWs;
      // Stop the room first so the checkpoint is its final state, then move it.
      return r.freeze()
          .compose(checkpoints::save)
          .compose(v -> bus.restore(to, r.id()))
          .compose(v -> r.handOver(ws));
    });
  }
}
