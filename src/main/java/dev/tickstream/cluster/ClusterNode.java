package dev.tickstream.cluster;

import dev.tickstream.proto.v1.RoomCheckpoint;
import dev.tickstream.room.Placements;
import dev.tickstream.room.Role;
import dev.tickstream.room.Room;
import dev.tickstream.room.Rooms;
import dev.tickstream.room.Seat;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;
import io.vertx.core.shareddata.AsyncMap;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import com.hazelcast.cluster.Member;
import com.hazelcast.cluster.MembershipEvent;
import com.hazelcast.cluster.MembershipListener;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * This node's part in the cluster. It keeps two directories in the cluster's shared data, the
 * nodes (URL, load, draining) and the rooms (node, URL, seats), places seats on any node
 * (asking the owning node over the event bus, since only it may touch its rooms), checkpoints
 * its rooms, restores the rooms of a node that left, and hands its rooms over when draining.
 *
 * <p>Entries are tied to membership rather than to time: when a node leaves, the survivors
 * delete its entries as they take its rooms over, so the directory never keeps a zombie.
 */
public final class ClusterNode implements Placements {
  private static final System.Logger LOG = System.getLogger(ClusterNode.class.getName());
  static final String NODES = "tickstream.nodes";
  static final String ROOMS = "tickstream.rooms";
  static final String CHECKPOINTS = "tickstream.checkpoints";

  private final Vertx vertx;
  private final HazelcastClusterManager manager;
  private final Rooms rooms;
  private final String nodeId;
  private final String wsUrl;
  private final String httpUrl;
  private final int checkpointIntervalMs;
  private AsyncMap<String, JsonObject> nodes;
  private AsyncMap<String, JsonObject> roomDirectory;
  private AsyncMap<String, Buffer> checkpoints;
  private volatile boolean draining;
  private static final int FULL_PUBLISH_EVERY = 10;
  /** What this node last wrote to the directories, by key, so unchanged entries are skipped. */
  private final Map<String, JsonObject> published = new ConcurrentHashMap<>();
  private long publishRound;

  public ClusterNode(Vertx vertx, HazelcastClusterManager manager, Rooms rooms, String wsUrl,
      String httpUrl, int checkpointIntervalMs) {
    this.vertx = vertx;
    this.manager = manager;
    this.rooms = rooms;
    this.nodeId = manager.getNodeId();
    this.wsUrl = wsUrl;
    this.httpUrl = httpUrl;
    this.checkpointIntervalMs = checkpointIntervalMs;
  }

  /** Opens the shared maps, joins the directories and starts publishing and checkpointing. */
  public Future<ClusterNode> start() {
    var data = vertx.sharedData();
    return Future.all(data.<String, JsonObject>getAsyncMap(NODES),
            data.<String, JsonObject>getAsyncMap(ROOMS),
            data.<String, Buffer>getAsyncMap(CHECKPOINTS))
        .compose(all -> {
          nodes = all.resultAt(0);
          roomDirectory = all.resultAt(1);
          checkpoints = all.resultAt(2);
          vertx.eventBus().<JsonObject>consumer(address(nodeId), this::onRequest);
          rooms.onRoom(r -> roomDirectory.put(r.id(), entry(r)));
          rooms.onRoomClosed(this::forget);
          // Hazelcast's own membership events, not Vert.x's single NodeListener slot (Vert.x
          // core uses that one itself); the event carries the members that remain.
          manager.getHazelcastInstance().getCluster().addMembershipListener(
              new MembershipListener() {
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
          vertx.setPeriodic(1000, id -> publish());
          vertx.setPeriodic(checkpointIntervalMs, id -> checkpointAll());
          return publish();
        })
        .map(this)
        .onSuccess(n -> LOG.log(System.Logger.Level.INFO, "cluster: node " + nodeId + " at "
            + httpUrl + " joined; members " + manager.getNodes()));
  }

  public String nodeId() {
    return nodeId;
  }

  public boolean draining() {
    return draining;
  }

  /** Every node of the cluster's directory entry, for {@code /api/nodes}. */
  public Future<Map<String, JsonObject>> nodes() {
    return nodes.entries();
  }

  @Override
  public Future<Placement> place(SeatRequest request) {
    Role role = request.role();
    String roomId = request.roomId();
    if (!rooms.games().containsKey(request.game())) {
      return Future.failedFuture(new IllegalArgumentException("unknown game '" + request.game()
          + "'; this node serves " + rooms.games().keySet()));
    }
    if (request.createPrivate()) {
      // A private room starts here: its players come with its code, from anywhere.
      try {
        Seat seat = draining ? null
            : rooms.reservePrivate(role, request.game(), request.options());
        return seat == null ? Future.failedFuture(new NoSeatException(role, null))
            : Future.succeededFuture(new Placement(seat, null,
                rooms.get(seat.roomId()).privateCode()));
      } catch (RuntimeException e) {
        return Future.failedFuture(e);
      }
    }
    if (request.code() != null) {
      String code = request.code().toUpperCase(java.util.Locale.ROOT);
      return roomDirectory.entries().compose(all -> {
        for (var e : all.entrySet()) {
          if (code.equals(e.getValue().getString("code"))) {
            return reserveOn(e.getValue().getString("node"), e.getKey(), role,
                e.getValue().getString("ws"), code);
          }
        }
        return Future.failedFuture(new NoSeatException(role, "with code " + code));
      });
    }
    if (roomId != null) {
      return roomDirectory.get(roomId).compose(e -> e == null || e.containsKey("code")
          ? Future.failedFuture(new NoSeatException(role, roomId))
          : reserveOn(e.getString("node"), roomId, role, e.getString("ws")));
    }
    JsonObject options = json(request.options());
    return roomDirectory.entries().compose(all -> {
      List<JsonObject> open = new ArrayList<>();
      all.forEach((id, e) -> {
        if (e.getInteger("players", 0) < e.getInteger("maxPlayers", 0)
            && !e.getBoolean("draining", false) && e.getBoolean("open", true)
            && !e.containsKey("code")
            && request.game().equals(e.getString("game"))
            && options.equals(e.getJsonObject("options", new JsonObject()))) {
          open.add(e.copy().put("roomId", id));
        }
      });
      open.sort(Comparator.comparingInt((JsonObject e) -> e.getInteger("players")).reversed());
      return tryRooms(open, 0, request);
    });
  }

  /** Tries the open rooms fullest first; when none has a seat, creates a room. */
  private Future<Placement> tryRooms(List<JsonObject> open, int i, SeatRequest request) {
    if (i == open.size()) {
      return createSomewhere(request);
    }
    JsonObject e = open.get(i);
    return reserveOn(e.getString("node"), e.getString("roomId"), request.role(),
        e.getString("ws")).recover(err -> tryRooms(open, i + 1, request));
  }

  /** A new room on the node with the fewest rooms (then players) that is not draining. */
  private Future<Placement> createSomewhere(SeatRequest request) {
    Role role = request.role();
    return Future.all(nodes.entries(), roomDirectory.entries()).compose(all -> {
      Map<String, JsonObject> nodeMap = all.resultAt(0);
      Map<String, JsonObject> roomMap = all.resultAt(1);
      String best = draining ? null : nodeId;
      long bestRooms = best == null ? Long.MAX_VALUE : count(roomMap, nodeId);
      for (var n : nodeMap.entrySet()) {
        long c = count(roomMap, n.getKey());
        boolean alive = manager.getNodes().contains(n.getKey());
        if (alive && !n.getValue().getBoolean("draining", false) && c < bestRooms) {
          best = n.getKey();
          bestRooms = c;
        }
      }
      if (best == null) {
        return Future.failedFuture(new NoSeatException(role, null));
      }
      if (best.equals(nodeId)) {
        Room room = rooms.create(request.game(), request.options(), true);
        return seat(room.tryReserve(role), role, null, null);
      }
      String ws = nodeMap.get(best).getString("ws");
      return request(best, new JsonObject().put("op", "create").put("role", role.wire())
              .put("game", request.game())
              .put("options", json(request.options())))
          .map(r -> new Placement(new Seat(r.getString("roomId"), r.getString("seatId"), role),
              ws));
    });
  }

  private static long count(Map<String, JsonObject> roomMap, String node) {
    return roomMap.values().stream().filter(e -> node.equals(e.getString("node"))).count();
  }

  private Future<Placement> reserveOn(String node, String roomId, Role role, String ws) {
    return reserveOn(node, roomId, role, ws, null);
  }

  /** A seat in a room on {@code node}; a private room's only with its {@code code}. */
  private Future<Placement> reserveOn(String node, String roomId, Role role, String ws,
      String code) {
    if (nodeId.equals(node)) {
      Room room = rooms.get(roomId);
      boolean allowed = room != null && java.util.Objects.equals(room.privateCode(), code);
      return seat(allowed ? room.tryReserve(role) : null, role, roomId, null);
    }
    JsonObject body = new JsonObject().put("op", "reserve").put("roomId", roomId)
        .put("role", role.wire());
    if (code != null) {
      body.put("code", code);
    }
    return request(node, body)
        .map(r -> new Placement(new Seat(roomId, r.getString("seatId"), role), ws, code));
  }

  private static Future<Placement> seat(Seat seat, Role role, String roomId, String ws) {
    return seat == null ? Future.failedFuture(new NoSeatException(role, roomId))
        : Future.succeededFuture(new Placement(seat, ws));
  }

  /**
   * The URL of the node holding {@code roomId} (null: this node). A room whose node has left
   * is not located until a survivor has restored it, so a client asks again rather than
   * reconnecting to a dead node.
   */
  @Override
  public Future<String> locate(String roomId) {
    return roomDirectory.get(roomId).compose(e -> {
      if (e == null || !manager.getNodes().contains(e.getString("node"))) {
        return Future.failedFuture(new NoSeatException(Role.PLAYER, roomId));
      }
      return Future.succeededFuture(nodeId.equals(e.getString("node")) ? null : e.getString("ws"));
    });
  }

  /** The Vert.x node id of a Hazelcast member (Vert.x keeps it as a member attribute). */
  private static String vertxId(Member m) {
    return m.getAttribute("__vertx.nodeId");
  }

  private Future<JsonObject> request(String node, JsonObject body) {
    return vertx.eventBus().<JsonObject>request(address(node), body).map(Message::body);
  }

  private static String address(String node) {
    return "tickstream.node." + node;
  }

  /** Requests from other nodes: only this node touches its rooms. */
  private void onRequest(Message<JsonObject> msg) {
    JsonObject b = msg.body();
    Role role = b.containsKey("role") ? Role.parse(b.getString("role")) : Role.PLAYER;
    switch (b.getString("op", "")) {
      case "reserve" -> {
        Room room = rooms.get(b.getString("roomId"));
        boolean allowed = room != null
            && java.util.Objects.equals(room.privateCode(), b.getString("code"));
        Seat seat = !allowed || draining ? null : room.tryReserve(role);
        reply(msg, seat);
      }
      case "create" -> {
        Map<String, String> options = new java.util.HashMap<>();
        b.getJsonObject("options", new JsonObject())
            .forEach(e -> options.put(e.getKey(), String.valueOf(e.getValue())));
        try {
          reply(msg, draining ? null : rooms.create(b.getString("game",
              rooms.defaultGame().name()), options, true).tryReserve(role));
        } catch (RuntimeException e) {
          msg.fail(400, e.getMessage());
        }
      }
      case "restore" -> restore(b.getString("roomId"))
          .onSuccess(r -> msg.reply(new JsonObject().put("roomId", r.id())))
          .onFailure(e -> msg.fail(500, e.getMessage()));
      default -> msg.fail(400, "unknown op");
    }
  }

  private static void reply(Message<JsonObject> msg, Seat seat) {
    if (seat == null) {
      msg.fail(409, "no seat");
    } else {
      msg.reply(new JsonObject().put("roomId", seat.roomId()).put("seatId", seat.seatId()));
    }
  }

  private static JsonObject json(Map<String, String> options) {
    return new JsonObject(new java.util.HashMap<>(options));
  }

  private JsonObject entry(Room r) {
    JsonObject e = new JsonObject().put("node", nodeId).put("ws", wsUrl).put("http", httpUrl)
        .put("players", r.players()).put("spectators", r.spectators())
        .put("maxPlayers", r.maxPlayers()).put("draining", draining)
        .put("game", r.spec().name()).put("open", r.isOpen())
        .put("options", json(r.roomOptions()));
    return r.privateCode() == null ? e : e.put("code", r.privateCode()); // private: by code only
  }

  /**
   * Writes this node's entry and its rooms' entries that changed since the last round (all of
   * them every {@link #FULL_PUBLISH_EVERY} rounds): each write is a replicated cluster
   * operation, and most rooms' seats do not change from one second to the next.
   */
  private Future<Void> publish() {
    boolean full = publishRound++ % FULL_PUBLISH_EVERY == 0;
    int players = rooms.all().stream().mapToInt(Room::players).sum();
    List<Future<Void>> puts = new ArrayList<>();
    JsonObject self = new JsonObject().put("ws", wsUrl).put("http", httpUrl)
        .put("players", players).put("rooms", rooms.all().size()).put("draining", draining);
    if (full || !self.equals(published.get(nodeId))) {
      published.put(nodeId, self);
      puts.add(nodes.put(nodeId, self));
    }
    for (Room r : rooms.all()) {
      JsonObject e = entry(r);
      if (full || !e.equals(published.get(r.id()))) {
        published.put(r.id(), e);
        puts.add(roomDirectory.put(r.id(), e));
      }
    }
    return Future.all(puts).mapEmpty();
  }

  private void checkpointAll() {
    for (Room r : rooms.all()) {
      checkpoint(r);
    }
  }

  private Future<Void> checkpoint(Room r) {
    return r.checkpoint().compose(this::save)
        .recover(e -> Future.succeededFuture()); // a room that has not ticked yet
  }

  private Future<Void> save(RoomCheckpoint cp) {
    return checkpoints.put(cp.getRoomId(), Buffer.buffer(cp.toByteArray()));
  }

  /** A room closed or moved away: drop its entries unless another node owns it now. */
  private void forget(String roomId) {
    published.remove(roomId);
    roomDirectory.get(roomId).onSuccess(e -> {
      if (e != null && nodeId.equals(e.getString("node"))) {
        roomDirectory.removeIfPresent(roomId, e);
        if (!draining) {
          checkpoints.remove(roomId);
        }
      }
    });
  }

  /**
   * A node left: its rooms are spread over the survivors by a rule every survivor computes
   * alike (the room's place in the sorted list of orphans, modulo the sorted survivors), so
   * each room is restored exactly once without a vote.
   */
  private void takeOver(String deadNode, List<String> survivors) {
    LOG.log(System.Logger.Level.WARNING, "cluster: node " + deadNode + " left");
    nodes.remove(deadNode);
    survivors.removeIf(Objects::isNull);
    survivors.sort(null);
    roomDirectory.entries().onSuccess(all -> {
      List<String> orphans = new ArrayList<>();
      all.forEach((id, e) -> {
        if (deadNode.equals(e.getString("node"))) {
          orphans.add(id);
        }
      });
      orphans.sort(null);
      for (int i = 0; i < orphans.size(); i++) {
        if (survivors.get(i % survivors.size()).equals(nodeId)) {
          String roomId = orphans.get(i);
          restore(roomId).onFailure(e -> {
            LOG.log(System.Logger.Level.ERROR, "cluster: could not restore room " + roomId
                + ": " + e.getMessage());
            roomDirectory.remove(roomId);
          });
        }
      }
    });
  }

  private Future<Room> restore(String roomId) {
    return checkpoints.get(roomId).compose(buf -> {
      if (buf == null) {
        return Future.failedFuture("no checkpoint of room " + roomId);
      }
      try {
        RoomCheckpoint cp = RoomCheckpoint.parseFrom(buf.getBytes());
        Room room = rooms.restore(cp);
        LOG.log(System.Logger.Level.WARNING, "cluster: restored room " + roomId + " at tick "
            + cp.getTick() + " (" + (System.currentTimeMillis() - cp.getTakenAtMs())
            + " ms after its checkpoint)");
        return roomDirectory.put(roomId, entry(room)).map(room);
      } catch (Exception e) {
        return Future.failedFuture(e);
      }
    });
  }

  /**
   * Drains this node: no more seats here; every room is checkpointed, restored on another
   * node, and its players sent there with their resume tokens. Completes when all are moved.
   */
  public Future<Void> drain() {
    draining = true;
    return publish().compose(v -> {
      List<Future<Void>> moves = new ArrayList<>();
      for (Room r : new ArrayList<>(rooms.all())) {
        moves.add(moveAway(r));
      }
      return Future.join(moves).mapEmpty();
    });
  }

  private Future<Void> moveAway(Room r) {
    return nodes.entries().compose(all -> {
      String target = null;
      String targetWs = null;
      int least = Integer.MAX_VALUE;
      for (var n : all.entrySet()) {
        boolean alive = manager.getNodes().contains(n.getKey());
        if (!n.getKey().equals(nodeId) && alive && !n.getValue().getBoolean("draining", false)
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
          .compose(this::save)
          .compose(v -> request(to, new JsonObject().put("op", "restore").put("roomId", r.id())))
          .compose(v -> r.handOver(ws));
    });
  }
}
