package dev.tickstream.cluster;

import com.hazelcast.cluster.Member;
import com.hazelcast.cluster.MembershipEvent;
import com.hazelcast.cluster.MembershipListener;
import com.hazelcast.core.HazelcastInstance;
import dev.tickstream.room.Room;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

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
  /** How often each node looks for rooms no survivor restored ({@link #sweep}). */
  static final long SWEEP_MS = 3000;

  private final Vertx vertx;
  private final ThisNode self;
  private final Directory directory;
  private final CheckpointStore checkpoints;
  /** Rooms this node is restoring now, so an event and a sweep do not both start one. */
  private final Set<String> restoring = ConcurrentHashMap.newKeySet();
  /** The orphans the last sweep found; the next restores those it finds again. */
  private volatile Set<String> suspects = Set.of();

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
   * A node left: each room whose node is no longer a member (this one's, and any an earlier
   * departure left behind, e.g. when its heir died before restoring it) is restored by its
   * {@link #heir}, a survivor every survivor computes alike, so each room is restored once
   * without a vote; a draining survivor is no heir while another is left. The heir claims the
   * room's entry first ({@link Directory#claim}), so survivors that disagree on the heir for a
   * moment (one not yet seeing a drain) still restore it once. Completes when this node's share
   * has been restored or given up.
   */
  Future<Void> takeOver(String deadNode, List<String> survivors) {
    LOG.log(System.Logger.Level.WARNING, "cluster: node " + deadNode + " left");
    directory.removeNode(deadNode);
    return adopt(survivors, deadNode, null);
  }

  /**
   * Every few seconds: rooms whose node is gone and that no survivor restored (the heir left
   * too, or the survivors disagreed on the heir) are restored now, once seen twice in a row
   * so that a member this node has not heard of yet is not taken for a dead one.
   */
  Future<Void> sweep() {
    Set<String> before = suspects;
    return adopt(new ArrayList<>(self.members()), null, before);
  }

  /**
   * Restores this node's share of the rooms whose node is gone: {@code dead} (the node an event
   * named; gone whatever the live view says) or any other that is neither in {@code survivors}
   * nor a member now. With {@code confirmed} (a sweep) only rooms found orphaned last time too.
   */
  private Future<Void> adopt(List<String> survivors, String dead, Set<String> confirmed) {
    survivors.removeIf(Objects::isNull);
    survivors.sort(null);
    return Future.all(directory.nodes(), directory.rooms()).compose(all -> {
      Map<String, JsonObject> nodes = all.resultAt(0);
      Map<String, JsonObject> entries = all.resultAt(1);
      nodes.keySet().forEach(n -> {
        if (gone(n, dead, survivors)) {
          directory.removeNode(n);
        }
      });
      List<String> heirs = new ArrayList<>(survivors);
      heirs.removeIf(n -> n.equals(self.id()) ? self.draining()
          : nodes.containsKey(n) && nodes.get(n).getBoolean("draining", false));
      if (heirs.isEmpty()) {
        heirs = survivors; // all draining: one of them still holds the rooms until it exits
      }
      Set<String> orphans = new HashSet<>();
      List<Future<Room>> restores = new ArrayList<>();
      for (var e : entries.entrySet()) {
        String roomId = e.getKey();
        if (!gone(e.getValue().getString("node"), dead, survivors)) {
          continue;
        }
        orphans.add(roomId);
        if ((confirmed == null || confirmed.contains(roomId))
            && !heirs.isEmpty() && heir(roomId, heirs).equals(self.id())
            && restoring.add(roomId)) {
          restores.add(restore(roomId, e.getValue())
              .onComplete(ar -> restoring.remove(roomId)));
        }
      }
      if (confirmed != null) {
        suspects = orphans;
      }
      if (!orphans.isEmpty()) {
        LOG.log(System.Logger.Level.INFO, "cluster: " + orphans.size() + " rooms of departed"
            + " nodes; restoring " + restores.size() + " here");
      }
      return Future.join(restores).<Void>mapEmpty().otherwiseEmpty();
    });
  }

  private boolean gone(String node, String dead, List<String> survivors) {
    return node != null && !survivors.contains(node)
        && (node.equals(dead) || !self.isMember(node));
  }

  private Future<Room> restore(String roomId, JsonObject seen) {
    return directory.claim(roomId, seen).compose(mine -> {
      if (!mine) {
        return Future.succeededFuture(); // another survivor claimed it
      }
      return checkpoints.restore(roomId, seen.getString("node")).onFailure(err -> {
        LOG.log(System.Logger.Level.ERROR, "cluster: could not restore room " + roomId
            + ": " + err.getMessage());
        directory.removeRoom(roomId);
      });
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
