package dev.tickstream.room;

/** Whether a seat steers an entity or only watches the room. */
public enum Role {
  PLAYER,
  SPECTATOR;

  public static Role parse(String s) {
    return switch (s == null ? "player" : s.toLowerCase()) {
      case "player" -> PLAYER;
      case "spectator" -> SPECTATOR;
      default -> throw new IllegalArgumentException("role must be player or spectator: " + s);
    };
  }

  public String wire() {
    return name().toLowerCase();
  }
}
