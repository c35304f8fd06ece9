package dev.tickstream.cluster;

import com.hazelcast.cluster.Member;
import com.hazelcast.cluster.MembershipEvent;
import com.hazelcast.cluster.MembershipListener;
import com.hazelcast.core.HazelcastInstance;
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
   * A node left: its rooms are spread over the survivors by a rule every survivor computes
   * alike (the room's place in the sorted list of orphans, modulo the sorted survivors), so
   * each room is restored exactly once without a vote.
   */
  private void takeOver(String deadNode, List<String> survivors) {
    LOG.log(System.Logger.Level.WARNING, "cluster: node " + deadNode + " left");
    directory.removeNode(deadNode);
    survivors.removeIf(Objects::isNull);
    survivors.sort(null);
    directory.rooms().onSuccess(all -> {
      List<String> orphans = new ArrayList<>();
      all.forEach((id, e) -> {
        if (deadNode.equals(e.getString("node"))) {
          orphans.add(id);
        }
      });
      orphans.sort(null);
      for (int i = 0; i < orphans.size(); i++) {
        if (survivors.get(i % survivors.size()).equals(self.id())) {
          String roomId = orphans.get(i);
          checkpoints.restore(roomId).onFailure(e -> {
            LOG.log(System.Logger.Level.ERROR, "cluster: could not restore room " + roomId
                + ": " + e.getMessage());
            directory.removeRoom(roomId);
          });
        }
      }
    });
  }
}
