package dev.tickstream.gateway;

import dev.tickstream.room.Room;
import dev.tickstream.room.Rooms;
import dev.tickstream.room.TickStats;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/**
 * The read-only listings of a node: {@code GET /api/rooms} (every room here with its game,
 * options, seats, tick figures and bytes) and {@code GET /api/games} (the games served, the
 * default first, with their rooms and players here). Thread-safe reads of rooms' figures.
 */
final class Listings {
  private Listings() {}

  static void rooms(RoutingContext ctx, Rooms rooms) {
    JsonArray arr = new JsonArray();
    for (Room r : rooms.all()) {
      TickStats.Summary s = r.tickStats();
      arr.add(new JsonObject()
          .put("roomId", r.id())
          .put("game", r.spec().name())
          .put("options", new JsonObject(new java.util.HashMap<>(r.roomOptions())))
          .put("open", r.isOpen())
          .put("private", r.privateCode() != null)
          .put("players", r.players())
          .put("spectators", r.spectators())
          .put("maxPlayers", r.maxPlayers())
          .put("tick", r.currentTick())
          .put("tickRate", r.tickRate())
          .put("tickMs", new JsonObject().put("p50", s.durationP50Ms()).put("p99", s.durationP99Ms()))
          .put("latenessMs", new JsonObject().put("p50", s.latenessP50Ms())
              .put("p99", s.latenessP99Ms()))
          .put("bytesOut", r.bytesOut())
          .put("skippedSnapshots", r.skippedSnapshots()));
    }
    ctx.response().putHeader(HttpHeaders.CONTENT_TYPE, "application/json").end(arr.encode());
  }

  /** The games this node serves, the default first, with their rooms and players here. */
  static void games(RoutingContext ctx, Rooms rooms) {
    JsonArray arr = new JsonArray();
    rooms.games().forEach((name, spec) -> {
      int roomCount = 0;
      int players = 0;
      for (Room r : rooms.all()) {
        if (r.spec() == spec) {
          roomCount++;
          players += r.players();
        }
      }
      arr.add(new JsonObject().put("name", name).put("rooms", roomCount).put("players", players)
          .put("messages", new JsonArray(spec.messages().stream()
              .map(m -> m.name()).toList()))
          .put("events", new JsonArray(spec.eventNames())));
    });
    ctx.response().putHeader(HttpHeaders.CONTENT_TYPE, "application/json").end(arr.encode());
  }
}
