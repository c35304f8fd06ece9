package dev.tickstream.cluster;

import com.hazelcast.cluster.Member;
import com.hazelcast.cluster.MembershipEvent;
import com.hazelcast.cluster.MembershipListener;
import com.hazelcast.core.HazelcastInstance;
import dev.tickstream.room.Room;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Failover: when a node leaves the cluster (dies, or exits after draining), the survivors
 * restore its rooms from their last checkpoints and take its directory entries over, each room
 * on one survivor, without a vote.
 *
 * <p>Threads: Hazelcast calls the membership listener on its own event thread; the take-over
 * is handed to a Vert.x event loop and runs there.
 */
final class Failover {
  private static final System.Logger LOG = System.getLogger(Failover.class.getName());

  private final Vertx vertx;
  private final ThisNode self;
  private final Directory directory;
  private final CheckpointStore checkpoints;

  Failover(Vertx vertx, ThisNode self, Directory directory, CheckpointStore checkpoints) {
    this.vertx = vertx;
    this.self = self;
    this.directory = directory;
    this.checkpoints = checkpoints;
  }

  /**
   * Watches the members. Hazelcast's own membership events, not Vert.x's single NodeListener
   * slot (Vert.x core uses that one itself); the event carries the members that remain.
   */
  void listen(HazelcastInstance hazelcast) {
    hazelcast.getCluster().addMembershipListener(new MembershipListener() {
      @Override
      public void memberAdded(MembershipEvent e) {
        LOG.log(System.Logger.Level.INFO, "cluster: node " + vertxId(e.getMember())
            + " joined");
      }

      @Override
      public void memberRemoved(MembershipEvent e) {
        String dead = vertxId(e.getMember());
        List<String> survivors = new ArrayList<>();
        e.getMembers().forEach(m -> survivors.add(vertxId(m)));
        vertx.runOnContext(v -> takeOver(dead, survivors));
      }
    });
  }

  /** The Vert.x node id of a Hazelcast member (Vert.x keeps it as a member attribute). */
  private static String vertxId(Member m) {
    return m.getAttribute("__vertx.nodeId");
  }

  /**
   * A node left: each of its rooms is restored by its {@link #heir}, a survivor every survivor
   * computes alike, so each room is restored exactly once without a vote. Completes when this
   * node's share has been restored or given up.
   */
  Future<Void> takeOver(String deadNode, List<String> survivors) {
    LOG.log(System.Logger.Level.WARNING, "cluster: node " + deadNode + " left");
    directory.removeNode(deadNode);
    survivors.removeIf(Objects::isNull);
    survivors.sort(null);
    return directory.rooms().compose(all -> {
      List<Future<Room>> restores = new ArrayList<>();
      all.forEach((roomId, e) -> {
        if (deadNode.equals(e.getString("node")) && heir(roomId, survivors).equals(self.id())) {
          restores.add(checkpoints.restore(roomId).onFailure(err -> {
            LOG.log(System.Logger.Level.ERROR, "cluster: could not restore room " + roomId
                + ": " + err.getMessage());
            directory.removeRoom(roomId);
          }));
        }
      });
      return Future.join(restores).<Void>mapEmpty().otherwiseEmpty();
    });
  }

  /**
   * The survivor that restores {@code roomId}, from the room's id alone. Not from the room's
   * place among the orphans: each survivor reads the directory when it hears of the death, and
   * by then a faster one may have restored (and so re-listed) some of them, which would shift
   * everyone else's places and leave rooms restored twice or never.
   */
  static String heir(String roomId, List<String> sortedSurvivors) {
    return sortedSurvivors.get(Math.floorMod(roomId.hashCode(), sortedSurvivors.size()));
  }
}
