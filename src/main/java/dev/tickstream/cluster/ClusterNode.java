package dev.tickstream.cluster;

import dev.tickstream.room.Placements;
import dev.tickstream.room.Rooms;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import java.util.Map;

/**
 * This node's part in the cluster, and the door the rest of the server uses: it starts and
 * wires the parts, each with one job — the {@link Directory} of nodes and rooms, seats placed
 * on any node ({@link ClusterPlacements}, asking the owning node over the {@link NodeBus}),
 * room checkpoints ({@link CheckpointStore}), restoring the rooms of a node that left
 * ({@link Failover}) and handing this node's rooms over when it drains ({@link Drain}).
 *
 * <p>Threads: {@link #start} on the caller's context, which then also answers other nodes'
 * requests; {@link #place} and {@link #locate} on the gateway's event loops; {@link #drain}
 * on the SIGTERM hook's thread. The parts say where each of their callbacks runs.
 */
public final class ClusterNode implements Placements {
  private static final System.Logger LOG = System.getLogger(ClusterNode.class.getName());

  private final Vertx vertx;
  private final HazelcastClusterManager manager;
  private final Rooms rooms;
  private final ThisNode self;
  private final int checkpointIntervalMs;
  private Directory directory;
  private ClusterPlacements placements;
  private Drain drain;

  public ClusterNode(Vertx vertx, HazelcastClusterManager manager, Rooms rooms, String wsUrl,
      String httpUrl, int checkpointIntervalMs) {
    this.vertx = vertx;
    this.manager = manager;
    this.rooms = rooms;
    this.self = new ThisNode(manager.getNodeId(), wsUrl, httpUrl, manager::getNodes);
    this.checkpointIntervalMs = checkpointIntervalMs;
  }

  /** Opens the shared maps, joins the directories and starts publishing and checkpointing. */
  public Future<ClusterNode> start() {
    return Directory.open(vertx, self, rooms)
        .compose(d -> CheckpointStore.open(vertx, self, rooms, d).compose(checkpoints -> {
          directory = d;
          NodeBus bus = new NodeBus(vertx, self, rooms);
          placements = new ClusterPlacements(self, rooms, d, bus);
          drain = new Drain(self, rooms, d, checkpoints, bus);
          bus.listen(checkpoints::restore);
          rooms.onRoom(d::put);
          rooms.onRoomClosed(roomId -> d.forget(roomId).onSuccess(ours -> {
            // While draining, a room that closes here has usually moved: its checkpoint is
            // its new node's now.
            if (ours && !self.draining()) {
              checkpoints.remove(roomId);
            }
          }));
          Failover failover = new Failover(vertx, self, d, checkpoints);
          failover.listen(manager.getHazelcastInstance());
          vertx.setPeriodic(Failover.SWEEP_MS, id -> failover.sweep());
          vertx.setPeriodic(1000, id -> d.publish());
          vertx.setPeriodic(checkpointIntervalMs, id -> checkpoints.checkpointAll());
          return d.publish();
        }))
        .map(this)
        .onSuccess(n -> LOG.log(System.Logger.Level.INFO, "cluster: node " + self.id() + " at "
            + self.httpUrl() + " joined; members " + self.members()));
  }

  public String nodeId() {
    return self.id();
  }

  public boolean draining() {
    return self.draining();
  }

  /** Every node of the cluster's directory entry, for {@code /api/nodes}. */
  public Future<Map<String, JsonObject>> nodes() {
    return directory.nodes();
  }

  @Override
  public Future<Placement> place(SeatRequest request) {
    return placements.place(request);
  }

  @Override
  public Future<String> locate(String roomId) {
    return placements.locate(roomId);
  }

  /**
   * Drains this node: no more seats here; every room is checkpointed, restored on another
   * node, and its players sent there with their resume tokens. Completes when all are moved.
   */
  public Future<Void> drain() {
    return drain.run();
  }
}
