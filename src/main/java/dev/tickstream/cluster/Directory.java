package dev.tickstream.cluster;

import dev.tickstream.room.Room;
import dev.tickstream.room.Rooms;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.core.shareddata.AsyncMap;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The cluster's two directories in its shared data: the nodes (URLs, players, rooms, draining)
 * by node id, and the rooms (node, URLs, seats, game, options, private code) by room id. Each
 * node writes its own entry and its rooms'; every node reads them all to place seats.
 *
 * <p>Entries are tied to membership rather than to time: when a node leaves, the survivors
 * delete its entries as they take its rooms over ({@link Failover}), so the directory never
 * keeps a zombie. A room's entry changes owner only by a compare-and-set ({@link #claim}, and
 * each {@link #publish} replaces exactly what this node wrote last): a node that drains, or
 * that a survivor wrongly thinks dead, never writes over the entry of a room another node has
 * taken, whatever order the writes arrive in.
 *
 * <p>Threads: {@link #publish} runs on the event loop of its periodic timer (and once on the
 * thread that starts a drain); {@link #put} on whichever thread creates or restores a room;
 * {@link #forget} on the closing room's context. The maps are safe from any thread, and what
 * was last written is a concurrent map for the same reason.
 */
final class Directory {
  static final String NODES = "tickstream.nodes";
  static final String ROOMS = "tickstream.rooms";
  private static final int FULL_PUBLISH_EVERY = 10;

  private final ThisNode self;
  private final Rooms rooms;
  private final AsyncMap<String, JsonObject> nodes;
  private final AsyncMap<String, JsonObject> roomEntries;
  private static final System.Logger LOG = System.getLogger(Directory.class.getName());

  /** What this node last wrote to the directories, by key, so unchanged entries are skipped. */
  private final Map<String, JsonObject> published = new ConcurrentHashMap<>();
  /** Rooms still here whose entry another node has taken (moved away while draining). */
  private final Set<String> taken = ConcurrentHashMap.newKeySet();
  private long publishRound;

  private Directory(ThisNode self, Rooms rooms, AsyncMap<String, JsonObject> nodes,
      AsyncMap<String, JsonObject> roomEntries) {
    this.self = self;
    this.rooms = rooms;
    this.nodes = nodes;
    this.roomEntries = roomEntries;
  }

  /** Opens the two shared maps. */
  static Future<Directory> open(Vertx vertx, ThisNode self, Rooms rooms) {
    var data = vertx.sharedData();
    return Future.all(data.<String, JsonObject>getAsyncMap(NODES),
            data.<String, JsonObject>getAsyncMap(ROOMS))
        .map(all -> new Directory(self, rooms, all.resultAt(0), all.resultAt(1)));
  }

  /** Every node's entry, by node id; a node that died is listed until it is taken over. */
  Future<Map<String, JsonObject>> nodes() {
    return nodes.entries();
  }

  /** Every room's entry, by room id. */
  Future<Map<String, JsonObject>> rooms() {
    return roomEntries.entries();
  }

  /** One room's entry, or null. */
  Future<JsonObject> room(String roomId) {
    return roomEntries.get(roomId);
  }

  /** Writes {@code r}'s entry now, as this node's: a room created or restored here. */
  Future<Void> put(Room r) {
    JsonObject e = entry(r);
    taken.remove(r.id());
    published.put(r.id(), e);
    return roomEntries.put(r.id(), e);
  }

  /**
   * Claims a room whose node left, before restoring it: its entry {@code seen} becomes this
   * node's, marked {@code restoring} (not matched, not located) until {@link #put} lists the
   * restored room. Answers false when the entry is no longer {@code seen}: another survivor
   * claimed it first, so each room is restored once even when survivors disagree on the heir.
   */
  Future<Boolean> claim(String roomId, JsonObject seen) {
    JsonObject mine = seen.copy().put("node", self.id()).put("ws", self.wsUrl())
        .put("http", self.httpUrl()).put("restoring", true);
    return roomEntries.replaceIfPresent(roomId, seen, mine);
  }

  /** Drops a node that left; every survivor does, which is harmless. */
  void removeNode(String node) {
    nodes.remove(node);
  }

  /** Drops a room nobody holds any more (a dead node's room that could not be restored). */
  void removeRoom(String roomId) {
    roomEntries.remove(roomId);
  }

  /**
   * A room of this node closed or moved away: drops its entry unless another node owns it now.
   * Answers whether the entry was still this node's.
   */
  Future<Boolean> forget(String roomId) {
    published.remove(roomId);
    taken.remove(roomId);
    return roomEntries.get(roomId).map(e -> {
      boolean ours = e != null && self.id().equals(e.getString("node"));
      if (ours) {
        roomEntries.removeIfPresent(roomId, e);
      }
      return ours;
    });
  }

  /**
   * Writes this node's entry and its rooms' entries that changed since the last round (all of
   * them every {@link #FULL_PUBLISH_EVERY} rounds): each write is a replicated cluster
   * operation, and most rooms' seats do not change from one second to the next.
   */
  Future<Void> publish() {
    boolean full = publishRound++ % FULL_PUBLISH_EVERY == 0;
    int players = rooms.all().stream().mapToInt(Room::players).sum();
    List<Future<Void>> puts = new ArrayList<>();
    JsonObject node = new JsonObject().put("ws", self.wsUrl()).put("http", self.httpUrl())
        .put("players", players).put("rooms", rooms.all().size())
        .put("draining", self.draining());
    if (full || !node.equals(published.get(self.id()))) {
      published.put(self.id(), node);
      puts.add(nodes.put(self.id(), node));
    }
    for (Room r : rooms.all()) {
      JsonObject e = entry(r);
      JsonObject last = published.get(r.id());
      if (!taken.contains(r.id()) && last != null && (full || !e.equals(last))) {
        published.put(r.id(), e);
        puts.add(replace(r.id(), last, e));
      }
    }
    return Future.all(puts).mapEmpty();
  }

  /**
   * Replaces this node's entry {@code last} of a room by {@code e}. When the entry is no longer
   * {@code last}: gone (the map lost it) it is written again; another node's (the room moved
   * away, or a survivor restored it) this node stops publishing it; still this node's (an
   * overlapping round wrote it) it is replaced once more against what is there.
   */
  private Future<Void> replace(String roomId, JsonObject last, JsonObject e) {
    return roomEntries.replaceIfPresent(roomId, last, e).compose(done -> done
        ? Future.succeededFuture()
        : roomEntries.get(roomId).compose(now -> {
          if (now == null) {
            return rooms.get(roomId) == null ? Future.succeededFuture()
                : roomEntries.putIfAbsent(roomId, e).mapEmpty();
          }
          if (!self.id().equals(now.getString("node"))) {
            taken.add(roomId);
            LOG.log(System.Logger.Level.INFO, "cluster: room " + roomId + " is node "
                + now.getString("node") + "'s now; no longer published here");
            return Future.succeededFuture();
          }
          return roomEntries.replaceIfPresent(roomId, now, e).mapEmpty();
        }));
  }

  private JsonObject entry(Room r) {
    JsonObject e = new JsonObject().put("node", self.id()).put("ws", self.wsUrl())
        .put("http", self.httpUrl())
        .put("players", r.players()).put("spectators", r.spectators())
        .put("maxPlayers", r.maxPlayers()).put("draining", self.draining())
        .put("game", r.spec().name()).put("open", r.isOpen())
        .put("options", json(r.roomOptions()));
    return r.privateCode() == null ? e : e.put("code", r.privateCode()); // private: by code only
  }

  /** Room options as the directory holds them, so an asked set compares equal to an entry's. */
  static JsonObject json(Map<String, String> options) {
    return new JsonObject(new HashMap<>(options));
  }
}
