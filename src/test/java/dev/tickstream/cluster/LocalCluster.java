package dev.tickstream.cluster;

import dev.tickstream.TestServers;
import dev.tickstream.TickstreamServer;
import dev.tickstream.room.Room;
import dev.tickstream.room.Rooms;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The cluster parts of several nodes in one JVM on one plain Vert.x, whose shared maps and
 * event bus stand in for Hazelcast's: the placement and failover rules tested in seconds,
 * without separate JVMs (ClusterFailoverTest does the real thing).
 */
final class LocalCluster implements AutoCloseable {
  final Vertx vertx = Vertx.vertx();
  /** The members as the cluster manager would list them; a test removes a "dead" one. */
  final List<String> members = new CopyOnWriteArrayList<>();
  private final List<Node> nodes = new ArrayList<>();

  /** One node's parts, wired as {@link ClusterNode#start} wires them. */
  static final class Node {
    final TickstreamServer server;
    final ThisNode self;
    final Directory directory;
    final CheckpointStore checkpoints;
    final ClusterPlacements placements;
    final Failover failover;

    Node(TickstreamServer server, ThisNode self, Directory directory,
        CheckpointStore checkpoints, ClusterPlacements placements, Failover failover) {
      this.server = server;
      this.self = self;
      this.directory = directory;
      this.checkpoints = checkpoints;
      this.placements = placements;
      this.failover = failover;
    }

    Rooms rooms() {
      return server.rooms();
    }

    String game() {
      return rooms().defaultGame().name();
    }

    /** {@code n} new rooms here, each waited for (2 s at most) until it has ticked. */
    List<Room> tickingRooms(int n) throws InterruptedException {
      List<Room> made = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        made.add(rooms().create());
      }
      for (Room r : made) {
        for (int i = 0; i < 100 && r.currentTick() == 0; i++) {
          Thread.sleep(20);
        }
      }
      return made;
    }
  }

  /** Starts a node called {@code id} with {@code env} settings, a member from now on. */
  Node node(String id, String... env) {
    String[] all = new String[env.length + 2];
    all[0] = "TLS_PORT";
    all[1] = "-1";
    System.arraycopy(env, 0, all, 2, env.length);
    TickstreamServer server = TestServers.start(vertx, all);
    Rooms rooms = server.rooms();
    ThisNode self = new ThisNode(id, "ws://" + id + "/ws", "http://" + id, () -> members);
    Directory directory = TestServers.await(Directory.open(vertx, self, rooms));
    CheckpointStore checkpoints =
        TestServers.await(CheckpointStore.open(vertx, self, rooms, directory));
    NodeBus bus = new NodeBus(vertx, self, rooms);
    bus.listen(checkpoints::restore);
    rooms.onRoom(directory::put);
    members.add(id);
    Node n = new Node(server, self, directory, checkpoints,
        new ClusterPlacements(self, rooms, directory, bus),
        new Failover(vertx, self, directory, checkpoints));
    TestServers.await(directory.publish());
    nodes.add(n);
    return n;
  }

  @Override
  public void close() {
    TestServers.await(vertx.close());
  }
}
