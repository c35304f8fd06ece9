package dev.tickstream.gateway;

import static dev.tickstream.gateway.HttpGateway.error;
import static dev.tickstream.gateway.HttpGateway.json;

import dev.tickstream.room.Placements;
import dev.tickstream.room.Role;
import dev.tickstream.room.Room;
import dev.tickstream.room.Rooms;
import dev.tickstream.room.Seat;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Function;

/**
 * {@code POST /api/matchmake} (a seat and the URL to take it at, within the per-address
 * limits) and {@code POST /api/locate} (where a seat's room is now). Runs on any event loop;
 * its limits are shared and thread-safe, its placements swapped once a cluster forms.
 */
final class Matchmaking {
  private final Rooms rooms;
  private final SeatTokens tokens;
  private final GatewayOptions options;
  private final GatewayMetrics metrics;
  private final MatchmakeLimits matchmakeLimits;
  private final PublicUrls urls;
  private final Function<HttpServerRequest, Forwarding.Origin> origin;
  private final BooleanSupplier draining;
  private final int maxDelaySeconds;
  private volatile Placements placements;

  Matchmaking(Rooms rooms, SeatTokens tokens, GatewayOptions options, GatewayMetrics metrics,
      PublicUrls urls, Function<HttpServerRequest, Forwarding.Origin> origin,
      BooleanSupplier draining, int maxDelaySeconds) {
    this.rooms = rooms;
    this.tokens = tokens;
    this.options = options;
    this.metrics = metrics;
    this.urls = urls;
    this.origin = origin;
    this.draining = draining;
    this.maxDelaySeconds = maxDelaySeconds;
    this.placements = Placements.local(rooms);
    this.matchmakeLimits = new MatchmakeLimits(options.matchmakesPerSecondPerIp(),
        options.maxUnclaimedSeatsPerIp(), options.seatTokenTtlSeconds());
  }

  /** Seats come from the cluster from now on. */
  void placements(Placements p) {
    this.placements = p;
  }

  /** A seat for the body's role, game, options, room or code, and the URL to take it at. */
  void matchmake(RoutingContext ctx) {
    Forwarding.Origin origin = this.origin.apply(ctx.request());
    String ip = origin.ip();
    long now = System.nanoTime();
    if (!matchmakeLimits.tryRequest(ip, now)) {
      metrics.limit(GatewayMetrics.MATCHMAKE_RATE);
      ctx.response().putHeader("Retry-After", "1");
      json(ctx, 429, error("too many matchmaking requests from " + ip + " (limit "
          + options.matchmakesPerSecondPerIp() + "/s)"));
      return;
    }
    JsonObject body;
    try {
      body = ctx.body().length() == 0 ? new JsonObject() : ctx.body().asJsonObject();
    } catch (RuntimeException e) {
      json(ctx, 400, error("body must be a JSON object"));
      return;
    }
    Role role;
    try {
      role = Role.parse(body.getString("role"));
    } catch (RuntimeException e) {
      json(ctx, 400, error(e.getMessage()));
      return;
    }
    Placements.SeatRequest request;
    try {
      request = MatchmakeRequests.parse(body, role, rooms.defaultGame().name());
    } catch (IllegalArgumentException | ClassCastException e) {
      json(ctx, 400, error(e.getMessage()));
      return;
    }
    int delay;
    try {
      delay = delaySeconds(body, role);
    } catch (IllegalArgumentException e) {
      metrics.limit(GatewayMetrics.SPECTATOR_DELAY);
      json(ctx, 400, error(e.getMessage()));
      return;
    }
    if (!rooms.games().containsKey(request.game())) {
      json(ctx, 404, error("unknown game '" + request.game() + "'")
          .put("games", new JsonArray(List.copyOf(rooms.games().keySet()))));
      return;
    }
    String badOptions = request.code() != null ? null
        : rooms.games().get(request.game()).checkOptions(request.options());
    if (badOptions != null) {
      json(ctx, 400, error(badOptions));
      return;
    }
    if (draining.getAsBoolean()) {
      json(ctx, 503, error("this node is draining"));
      return;
    }
    // Seats this address reserved and never connected to: a few requests must not hold a
    // whole room (room ids are public) or make rooms without end.
    if (!matchmakeLimits.mayReserve(ip, now, (roomId, seatId) -> {
      Room r = rooms.get(roomId);
      return r == null || r.unclaimed(seatId); // another node's: until its token expires
    })) {
      metrics.limit(GatewayMetrics.UNCLAIMED_SEATS);
      ctx.response().putHeader("Retry-After", "5");
      json(ctx, 429, error("too many unclaimed seats from " + ip + " (limit "
          + options.maxUnclaimedSeatsPerIp() + "): connect to them first"));
      return;
    }
    placements.place(request).onComplete(ar -> {
      if (ar.failed()) {
        boolean asked = ar.cause() instanceof Placements.NoSeatException n && n.roomAsked;
        if (ar.cause() instanceof dev.tickstream.room.Rooms.NodeFullException) {
          ctx.response().putHeader("Retry-After", "5");
        }
        json(ctx, asked ? 404 : 503, error(ar.cause().getMessage()));
        return;
      }
      Seat seat = delay > 0 ? ar.result().seat().withDelay(delay) : ar.result().seat();
      matchmakeLimits.reserved(ip, seat.roomId(), seat.seatId(), now);
      String token = tokens.seatToken(seat);
      JsonObject answer = new JsonObject();
      if (ar.result().privateCode() != null) {
        answer.put("code", ar.result().privateCode());
      }
      json(ctx, 200, answer
          .put("roomId", seat.roomId())
          .put("game", request.code() == null ? request.game() : null)
          .put("role", role.wire())
          .put("url", url(origin, ar.result().wsUrl(), token))
          .put("token", token)
          .put("expiresInMs", rooms.options().seatTtlMs()));
    });
  }

  /** Where a seat's room is now (after a node died or drained): {url} to resume with. */
  void locate(RoutingContext ctx) {
    String token;
    try {
      token = ctx.body().asJsonObject().getString("token");
    } catch (RuntimeException e) {
      json(ctx, 400, error("body must be {\"token\": \"...\"}"));
      return;
    }
    tokens.verify(token).compose(g -> placements.locate(g.seat().roomId())).onComplete(ar -> {
      if (ar.failed()) {
        json(ctx, 404, error(ar.cause().getMessage()));
      } else {
        json(ctx, 200, new JsonObject().put("url", url(origin.apply(ctx.request()), ar.result(),
            token)));
      }
    });
  }

  /** Another node's advertised URL, or this node's as this client reaches it. */
  private String url(Forwarding.Origin origin, String nodeWsUrl, String token) {
    return nodeWsUrl != null
        ? nodeWsUrl + "?token=" + URLEncoder.encode(token, StandardCharsets.UTF_8)
        : urls.ws(origin, token);
  }

  /**
   * A spectator's {@code delaySeconds} (0 when absent), within {@code spectatorMaxDelaySeconds};
   * throws with the bound in the reason otherwise.
   */
  private int delaySeconds(JsonObject body, Role role) {
    Object d = body.getValue("delaySeconds");
    if (d == null) {
      return 0;
    }
    if (!(d instanceof Integer || d instanceof Long) || role != Role.SPECTATOR) {
      throw new IllegalArgumentException("delaySeconds is a whole number of seconds, for"
          + " spectators only");
    }
    long v = ((Number) d).longValue();
    if (v < 0 || v > maxDelaySeconds) {
      throw new IllegalArgumentException("delaySeconds must be in 0.." + maxDelaySeconds
          + " (spectatorMaxDelaySeconds)");
    }
    return (int) v;
  }
}
