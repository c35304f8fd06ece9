package dev.tickstream.cluster;

import dev.tickstream.room.Room;
import dev.tickstream.room.Rooms;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

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
    return directory.publish().compose(v -> directory.nodes()).compose(all -> {
      // Players each target holds, counting the rooms sent to it so far: the rooms are spread
      // over the targets rather than all sent to the one that was emptiest at the start.
      Map<String, Integer> load = new HashMap<>();
      Map<String, String> wsOf = new HashMap<>();
      for (var n : all.entrySet()) {
        if (!n.getKey().equals(self.id()) && self.isMember(n.getKey())
            && !n.getValue().getBoolean("draining", false)) {
          load.put(n.getKey(), n.getValue().getInteger("players", 0));
          wsOf.put(n.getKey(), n.getValue().getString("ws"));
        }
      }
      List<Room> here = new ArrayList<>(rooms.all());
      here.sort(Comparator.comparingInt(Room::players).reversed());
      List<Future<Void>> moves = new ArrayList<>();
      for (Room r : here) {
        String to = load.entrySet().stream().min(Map.Entry.comparingByValue())
            .map(Map.Entry::getKey).orElse(null);
        if (to == null) {
          moves.add(r.handOver(null)); // nowhere to go: players are told the room closed
          continue;
        }
        load.merge(to, Math.max(1, r.players()), Integer::sum);
        moves.add(moveAway(r, to, wsOf.get(to)));
      }
      return Future.join(moves).mapEmpty();
    });
  }

  private Future<Void> moveAway(Room r, String to, String ws) {
    // Stop the room first so the checkpoint is its final state, then move it.
    return r.freeze()
        .compose(checkpoints::save)
        .compose(v -> bus.restore(to, r.id()))
        .compose(v -> r.handOver(ws));
  }
}
