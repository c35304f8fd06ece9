package dev.tickstream.cluster;

import dev.tickstream.room.Placements;
import dev.tickstream.room.Role;
import dev.tickstream.room.Room;
import dev.tickstream.room.Rooms;
import dev.tickstream.room.Seat;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Seats anywhere in the cluster: a room by its id or its private code wherever it is, else the
 * fullest open room of the game and options on any node, else a new room on the node with the
 * fewest rooms; and where a room is now. It reads the {@link Directory}; a seat on another node
 * is reserved by that node ({@link NodeBus}).
 *
 * <p>Threads: runs on the gateway event loop that asks, where the directory's and the bus's
 * answers come back. Seats on this node come from {@link Rooms} and {@link Room#tryReserve},
 * which are safe from any thread.
 */
final class ClusterPlacements implements Placements {
  private final ThisNode self;
  private final Rooms rooms;
  private final Directory directory;
  private final NodeBus bus;

  ClusterPlacements(ThisNode self, Rooms rooms, Directory directory, NodeBus bus) {
    this.self = self;
    this.rooms = rooms;
    this.directory = directory;
    this.bus = bus;
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
        Seat seat = self.draining() ? null
            : rooms.reservePrivate(role, request.game(), request.options());
        return seat == null ? Future.failedFuture(new NoSeatException(role, null))
            : Future.succeededFuture(new Placement(seat, null,
                rooms.get(seat.roomId()).privateCode()));
      } catch (RuntimeException e) {
        return Future.failedFuture(e);
      }
    }
    if (request.code() != null) {
      String code = request.code().toUpperCase(Locale.ROOT);
      return directory.rooms().compose(all -> {
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
      return directory.room(roomId).compose(e -> e == null || e.containsKey("code")
          ? Future.failedFuture(new NoSeatException(role, roomId))
          : reserveOn(e.getString("node"), roomId, role, e.getString("ws"), null));
    }
    JsonObject options = Directory.json(request.options());
    return directory.rooms().compose(all -> {
      List<JsonObject> open = new ArrayList<>();
      all.forEach((id, e) -> {
        if (e.getInteger("players", 0) < e.getInteger("maxPlayers", 0)
            && !e.getBoolean("draining", false) && e.getBoolean("open", true)
            && !e.getBoolean("restoring", false)
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

  /**
   * The URL of the node holding {@code roomId} (null: this node). A room whose node has left
   * is not located until a survivor has restored it (its entry is no longer marked
   * {@code restoring}), so a client asks again rather than reconnecting to a dead node.
   */
  @Override
  public Future<String> locate(String roomId) {
    return directory.room(roomId).compose(e -> {
      if (e == null || !self.isMember(e.getString("node"))
          || e.getBoolean("restoring", false)) {
        return Future.failedFuture(new NoSeatException(Role.PLAYER, roomId));
      }
      return Future.succeededFuture(self.id().equals(e.getString("node")) ? null
          : e.getString("ws"));
    });
  }

  /** Tries the open rooms fullest first; when none has a seat, creates a room. */
  private Future<Placement> tryRooms(List<JsonObject> open, int i, SeatRequest request) {
    if (i == open.size()) {
      return createSomewhere(request);
    }
    JsonObject e = open.get(i);
    return reserveOn(e.getString("node"), e.getString("roomId"), request.role(),
        e.getString("ws"), null).recover(err -> tryRooms(open, i + 1, request));
  }

  /** A new room on the node with the fewest rooms (then players) that is not draining. */
  private Future<Placement> createSomewhere(SeatRequest request) {
    Role role = request.role();
    return Future.all(directory.nodes(), directory.rooms()).compose(all -> {
      Map<String, JsonObject> nodeMap = all.resultAt(0);
      Map<String, JsonObject> roomMap = all.resultAt(1);
      String best = self.draining() ? null : self.id();
      long bestRooms = best == null ? Long.MAX_VALUE : count(roomMap, self.id());
      for (var n : nodeMap.entrySet()) {
        long c = count(roomMap, n.getKey());
        if (self.isMember(n.getKey()) && !n.getValue().getBoolean("draining", false)
            && c < bestRooms) {
          best = n.getKey();
          bestRooms = c;
        }
      }
      if (best == null) {
        return Future.failedFuture(new NoSeatException(role, null));
      }
      if (best.equals(self.id())) {
        Room room = rooms.create(request.game(), request.options(), true);
        return seat(room.tryReserve(role), role);
      }
      String ws = nodeMap.get(best).getString("ws");
      return bus.create(best, role, request.game(), request.options())
          .map(seat -> new Placement(seat, ws));
    });
  }

  private static long count(Map<String, JsonObject> roomMap, String node) {
    return roomMap.values().stream().filter(e -> node.equals(e.getString("node"))).count();
  }

  /**
   * A seat in a room on {@code node}; a private room's only with its {@code code}, which the
   * placement then names. Refused as the room asked for (the gateway's 404) whichever node
   * holds it, so a client gets the same answer from every node.
   */
  private Future<Placement> reserveOn(String node, String roomId, Role role, String ws,
      String code) {
    boolean here = self.id().equals(node);
    Future<Seat> seat;
    if (here) {
      Room room = rooms.get(roomId);
      boolean allowed = room != null && Objects.equals(room.privateCode(), code);
      seat = Future.succeededFuture(allowed ? room.tryReserve(role) : null);
    } else {
      seat = bus.reserve(node, roomId, role, code);
    }
    String asked = code != null ? "with code " + code : roomId;
    return seat.compose(s -> s == null ? Future.failedFuture(new NoSeatException(role, asked))
        : Future.succeededFuture(new Placement(s, here ? null : ws, code)));
  }

  /** A seat in a new room on this node, reached as the client reached it. */
  private static Future<Placement> seat(Seat seat, Role role) {
    return seat == null ? Future.failedFuture(new NoSeatException(role, null))
        : Future.succeededFuture(new Placement(seat, null));
  }
}
