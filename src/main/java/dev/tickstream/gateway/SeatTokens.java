package dev.tickstream.gateway;

import dev.tickstream.room.Role;
import dev.tickstream.room.Seat;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.authentication.TokenCredentials;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;

/**
 * Signed seat tokens (JWT, HS256): a seat token lets one WebSocket claim a reserved seat
 * shortly after matchmaking; a resume token lets a dropped client reclaim its seat while the
 * room keeps it. Every node sharing the secret accepts every node's tokens.
 */
public final class SeatTokens {
  static final String SEAT = "seat";
  static final String RESUME = "resume";

  /**
   * What a token grants: its seat, and whether it is a resume token. A seat token claims a
   * reserved seat once; only a resume token (sent in {@code Welcome}, over the session itself)
   * takes a seat that is already held, so a seat token seen in a log or a URL cannot take over
   * a player.
   */
  public record Grant(Seat seat, boolean resume) {}

  private final JWTAuth jwt;
  private final int seatTtlSeconds;

  public SeatTokens(Vertx vertx, String secret, int seatTtlSeconds) {
    this.jwt = JWTAuth.create(vertx, new JWTAuthOptions()
        .addPubSecKey(new PubSecKeyOptions().setAlgorithm("HS256").setBuffer(secret)));
    this.seatTtlSeconds = seatTtlSeconds;
  }

  public String seatToken(Seat seat) {
    return mint(seat, SEAT, seatTtlSeconds);
  }

  /** Valid for a day; the room decides whether the seat is still there to resume. */
  public String resumeToken(Seat seat) {
    return mint(seat, RESUME, 24 * 3600);
  }

  private String mint(Seat seat, String type, int ttlSeconds) {
    JsonObject claims = new JsonObject()
        .put("room", seat.roomId())
        .put("seat", seat.seatId())
        .put("role", seat.role().wire())
        .put("typ", type);
    if (seat.delaySeconds() > 0) {
      claims.put("delay", seat.delaySeconds());
    }
    return jwt.generateToken(claims, new JWTOptions().setExpiresInSeconds(ttlSeconds));
  }

  /** What a token grants; fails when it is malformed, forged, expired or of no known type. */
  public Future<Grant> verify(String token) {
    if (token == null || token.isEmpty() || token.length() > 2048) {
      return Future.failedFuture("missing or oversized token");
    }
    return jwt.authenticate(new TokenCredentials(token)).map(user -> {
      JsonObject p = user.principal();
      String room = p.getString("room");
      String seat = p.getString("seat");
      if (room == null || seat == null) {
        throw new IllegalArgumentException("token has no seat");
      }
      String typ = p.getString("typ");
      if (!SEAT.equals(typ) && !RESUME.equals(typ)) {
        throw new IllegalArgumentException("token of no known type");
      }
      Integer delay = p.getInteger("delay", 0);
      return new Grant(new Seat(room, seat, Role.parse(p.getString("role")),
          Math.max(0, delay)), RESUME.equals(typ));
    });
  }
}
