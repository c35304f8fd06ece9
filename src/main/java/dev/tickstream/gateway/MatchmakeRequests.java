package dev.tickstream.gateway;

import dev.tickstream.room.Placements;
import dev.tickstream.room.Role;
import io.vertx.core.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads a matchmaking body: {@code game} (default: the node's first game), {@code roomId},
 * {@code options} (a small object of short strings a room is made with, and matched on),
 * {@code private: true} (a new private room) or {@code code} (a private room's code).
 * Bounded, since options select and create rooms: at most 8 keys of up to 32 characters, values
 * of up to 64.
 */
final class MatchmakeRequests {
  static final int MAX_OPTIONS = 8;
  static final int MAX_KEY_CHARS = 32;
  static final int MAX_VALUE_CHARS = 64;

  private MatchmakeRequests() {}

  /** @throws IllegalArgumentException with a reason for the client */
  static Placements.SeatRequest parse(JsonObject body, Role role, String defaultGame) {
    Object g = body.getValue("game");
    if (g != null && !(g instanceof String)) {
      throw new IllegalArgumentException("game must be a string");
    }
    String game = g == null ? defaultGame : (String) g;
    if (game.length() > MAX_KEY_CHARS) {
      throw new IllegalArgumentException("game name too long");
    }
    Object r = body.getValue("roomId");
    if (r != null && !(r instanceof String)) {
      throw new IllegalArgumentException("roomId must be a string");
    }
    Object o = body.getValue("options");
    Map<String, String> options = new LinkedHashMap<>();
    if (o != null) {
      if (!(o instanceof JsonObject obj)) {
        throw new IllegalArgumentException("options must be an object of strings");
      }
      if (obj.size() > MAX_OPTIONS) {
        throw new IllegalArgumentException("at most " + MAX_OPTIONS + " options");
      }
      for (Map.Entry<String, Object> e : obj) {
        if (!(e.getValue() instanceof String v)) {
          throw new IllegalArgumentException("option " + e.getKey() + " must be a string");
        }
        if (e.getKey().isEmpty() || e.getKey().length() > MAX_KEY_CHARS
            || v.length() > MAX_VALUE_CHARS) {
          throw new IllegalArgumentException("option keys are 1.." + MAX_KEY_CHARS
              + " characters, values up to " + MAX_VALUE_CHARS);
        }
        options.put(e.getKey(), v);
      }
    }
    Object priv = body.getValue("private");
    if (priv != null && !(priv instanceof Boolean)) {
      throw new IllegalArgumentException("private must be true or false");
    }
    Object c = body.getValue("code");
    if (c != null && (!(c instanceof String code) || !code.matches("[A-Za-z0-9]{6}"))) {
      throw new IllegalArgumentException("code must be the 6 characters of a private room");
    }
    boolean createPrivate = Boolean.TRUE.equals(priv);
    if (createPrivate && (r != null || c != null)) {
      throw new IllegalArgumentException("private creates a room: no roomId or code with it");
    }
    return new Placements.SeatRequest(role, (String) r, game, options, createPrivate,
        (String) c);
  }
}
