package dev.tickstream.cluster;

import dev.tickstream.room.Role;
import dev.tickstream.room.Room;
import dev.tickstream.room.Rooms;
import dev.tickstream.room.Seat;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonObject;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * What nodes ask each other over the event bus, both ends: reserve a seat in a room, create a
 * room with a seat, restore a room from its checkpoint. Only the node holding a room may touch
 * it, so the others ask that node. Game traffic never takes this path.
 *
 * <p>Threads: requests leave from any context and are answered on it; this node's consumer
 * runs on the event loop of the context that started the {@link ClusterNode}. The rooms are
 * touched through their thread-safe door only.
 */
final class NodeBus {
  /** The failure code of a request refused for want of a room or a seat. */
  private static final int NO_SEAT = 409;

  private final Vertx vertx;
  private final ThisNode self;
  private final Rooms rooms;

  NodeBus(Vertx vertx, ThisNode self, Rooms rooms) {
    this.vertx = vertx;
    this.self = self;
    this.rooms = rooms;
  }

  /** Starts answering other nodes; a restore request is served by {@code restore}. */
  void listen(Function<String, Future<Room>> restore) {
    vertx.eventBus().<JsonObject>consumer(address(self.id()), msg -> onRequest(msg, restore));
  }

  /**
   * A seat in {@code roomId} on {@code node}, a private room's only with its {@code code}
   * (null for a public room). Answers null when that node has no such room or no seat in it
   * (or is draining); fails when the node does not answer.
   */
  Future<Seat> reserve(String node, String roomId, Role role, String code) {
    JsonObject body = new JsonObject().put("op", "reserve").put("roomId", roomId)
        .put("role", role.wire());
    if (code != null) {
      body.put("code", code);
    }
    return request(node, body)
        .map(r -> new Seat(roomId, r.getString("seatId"), role))
        .recover(e -> e instanceof ReplyException r && r.failureCode() == NO_SEAT
            ? Future.succeededFuture(null) : Future.failedFuture(e));
  }

  /** A new room of {@code game} with {@code options} on {@code node}, and a seat in it. */
  Future<Seat> create(String node, Role role, String game, Map<String, String> options) {
    return request(node, new JsonObject().put("op", "create").put("role", role.wire())
            .put("game", game)
            .put("options", Directory.json(options)))
        .map(r -> new Seat(r.getString("roomId"), r.getString("seatId"), role));
  }

  /** {@code node} restores {@code roomId} from its checkpoint and lists it as its own. */
  Future<Void> restore(String node, String roomId) {
    return request(node, new JsonObject().put("op", "restore").put("roomId", roomId))
        .mapEmpty();
  }

  private Future<JsonObject> request(String node, JsonObject body) {
    return vertx.eventBus().<JsonObject>request(address(node), body).map(Message::body);
  }

  private static String address(String node) {
    return "tickstream.node." + node;
  }

  /** Requests from other nodes: only this node touches its rooms. */
  private void onRequest(Message<JsonObject> msg, Function<String, Future<Room>> restore) {
    JsonObject b = msg.body();
    Role role = b.containsKey("role") ? Role.parse(b.getString("role")) : Role.PLAYER;
    switch (b.getString("op", "")) {
      case "reserve" -> {
        Room room = rooms.get(b.getString("roomId"));
        boolean allowed = room != null
            && Objects.equals(room.privateCode(), b.getString("code"));
        Seat seat = !allowed || self.draining() ? null : room.tryReserve(role);
        reply(msg, seat);
      }
      case "create" -> {
        Map<String, String> options = new HashMap<>();
        b.getJsonObject("options", new JsonObject())
            .forEach(e -> options.put(e.getKey(), String.valueOf(e.getValue())));
        try {
          reply(msg, self.draining() ? null : rooms.create(b.getString("game",
              rooms.defaultGame().name()), options, true).tryReserve(role));
        } catch (RuntimeException e) {
          msg.fail(400, e.getMessage());
        }
      }
      case "restore" -> restore.apply(b.getString("roomId"))
          .onSuccess(r -> msg.reply(new JsonObject().put("roomId", r.id())))
          .onFailure(e -> msg.fail(500, e.getMessage()));
      default -> msg.fail(400, "unknown op");
    }
  }

  private static void reply(Message<JsonObject> msg, Seat seat) {
    if (seat == null) {
      msg.fail(NO_SEAT, "no seat");
    } else {
      msg.reply(new JsonObject().put("roomId", seat.roomId()).put("seatId", seat.seatId()));
    }
  }
}
