package dev.tickstream.games.arena;

import dev.tickstream.proto.arena.v1.ArenaInput;
import dev.tickstream.proto.arena.v1.Chat;
import dev.tickstream.proto.arena.v1.ChatLine;
import dev.tickstream.proto.arena.v1.Hit;
import dev.tickstream.proto.arena.v1.Kill;
import dev.tickstream.sim.GameSpec;

/**
 * The arena as a node serves it ({@link ArenaGame#spec}): its input, the message and events its
 * clients may send and receive, its entity schema, world and the constants clients draw and
 * predict with. Apart from {@link ArenaGame} because it is not a room's: one spec is shared by
 * every room, and its checks run on the connections' threads, so they are pure functions.
 */
final class ArenaSpec {
  /** Longest chat line in code points. */
  static final int MAX_CHAT_CHARS = 80;

  private ArenaSpec() {}

  static GameSpec<ArenaInput> of(ArenaRules rules) {
    return GameSpec.<ArenaInput>builder("arena", room -> new ArenaGame(room, rules))
        .input(ArenaInput.parser(), ArenaInput.getDefaultInstance(), ArenaSpec::checkInput)
        .message("chat", Chat.getDefaultInstance(), ArenaSpec::checkChat)
        .event("chat", ChatLine.getDefaultInstance())
        .event("kill", Kill.getDefaultInstance())
        .event("hit", Hit.getDefaultInstance())
        .schema(ArenaGame.SCHEMA)
        .world(rules.mapWidth(), rules.mapHeight(), rules.positionScale())
        .constant("playerSpeed", rules.playerSpeed())
        .constant("playerRadius", rules.playerRadius())
        .constant("projectileSpeed", rules.projectileSpeed())
        .constant("projectileLifetimeMs", rules.projectileLifetimeMs())
        .constant("hitRadius", rules.hitRadius())
        .constant("fireCooldownMs", rules.fireCooldownMs())
        .constant("maxHp", rules.maxHp())
        .build();
  }

  /** Null for an input in range, else why not. */
  static String checkInput(ArenaInput in) {
    if (in.getMoveX() < -127 || in.getMoveX() > 127 || in.getMoveY() < -127
        || in.getMoveY() > 127) {
      return "move out of range -127..127";
    }
    if (Integer.compareUnsigned(in.getAim(), 0xFFFF) > 0) {
      return "aim out of range 0..65535";
    }
    return null;
  }

  /** Null for a chat line short enough, else why not. */
  static String checkChat(Chat c) {
    return c.getText().codePointCount(0, c.getText().length()) > MAX_CHAT_CHARS
        ? "chat longer than " + MAX_CHAT_CHARS + " characters" : null;
  }
}
