package dev.tickstream.games.football;

/**
 * The constants of the football game, apart from its code so that tests and tools can name the
 * exact rules they run (a short round, say) and {@link FootballGame#spec(FootballRules)} can
 * publish the ones a client needs for prediction. Times are in milliseconds and are turned into
 * whole ticks at the room's rate with {@link #ticks} (rounded up, at least 1).
 *
 * @param mapWidth field width in map units (goals are centred on the left and right walls)
 * @param mapHeight field height in map units
 * @param positionScale wire units per map unit
 * @param goalWidth width of a goal mouth in map units, centred on the wall
 * @param playerRadius player radius in map units; keeps a player's centre this far from walls
 * @param ballRadius ball radius in map units
 * @param playerSpeed player speed at full stick, map units per second
 * @param dashSpeed player speed at full stick while dashing, map units per second
 * @param dashMs how long a dash lasts
 * @param dashCooldownMs time from the start of one dash to the earliest next one
 * @param kickSpeed ball speed right after a kick, map units per second
 * @param kickReach gap between player and ball edges within which a kick reaches, map units
 * @param kickCooldownMs minimum time between two kicks of one player
 * @param ballFriction fraction of its speed a rolling ball keeps after one second, (0, 1]
 * @param ballStopSpeed below this speed (map units per second) the ball stops
 * @param wallBounce fraction of its speed across a wall the ball keeps when it bounces, [0, 1]
 * @param playerBounce restitution of the ball against a player, [0, 1]
 * @param roundMs length of a round's clock (it runs from the first kick-off's end, through
 *     goals and kick-offs, to the round's end)
 * @param kickoffMs how long everyone stands still on their spots before play resumes
 * @param goalMs how long the game pauses after a goal before the kick-off
 * @param overMs pause between the end of a round and the next round's kick-off
 */
public record FootballRules(
    int mapWidth,
    int mapHeight,
    int positionScale,
    int goalWidth,
    double playerRadius,
    double ballRadius,
    double playerSpeed,
    double dashSpeed,
    int dashMs,
    int dashCooldownMs,
    double kickSpeed,
    double kickReach,
    int kickCooldownMs,
    double ballFriction,
    double ballStopSpeed,
    double wallBounce,
    double playerBounce,
    int roundMs,
    int kickoffMs,
    int goalMs,
    int overMs) {

  public FootballRules {
    if (mapWidth < 200 || mapHeight < 200 || positionScale < 1
        || (long) Math.max(mapWidth, mapHeight) * positionScale > (1 << 24)) {
      throw new IllegalArgumentException("field must be at least 200 x 200 units and at most "
          + "2^24 wire units: " + mapWidth + "x" + mapHeight + " at scale " + positionScale);
    }
    positive("playerRadius", playerRadius);
    positive("ballRadius", ballRadius);
    if (goalWidth <= 2 * ballRadius || goalWidth >= mapHeight) {
      throw new IllegalArgumentException("goalWidth must fit the ball and the wall: " + goalWidth);
    }
    if (4 * (playerRadius + ballRadius) >= Math.min(mapWidth, mapHeight)) {
      throw new IllegalArgumentException("player and ball too large for the field");
    }
    positive("playerSpeed", playerSpeed);
    positive("dashSpeed", dashSpeed);
    positive("kickSpeed", kickSpeed);
    if (kickReach < 0 || ballStopSpeed < 0) {
      throw new IllegalArgumentException("kickReach and ballStopSpeed must not be negative");
    }
    if (!(ballFriction > 0 && ballFriction <= 1) || !(wallBounce >= 0 && wallBounce <= 1)
        || !(playerBounce >= 0 && playerBounce <= 1)) {
      throw new IllegalArgumentException("ballFriction in (0, 1], bounces in [0, 1]");
    }
    if (dashMs < 1 || dashCooldownMs < dashMs || kickCooldownMs < 1 || roundMs < 1
        || kickoffMs < 1 || goalMs < 1 || overMs < 1) {
      throw new IllegalArgumentException("durations must be positive, dash cooldown >= dash");
    }
  }

  /** 1200 x 800 field at scale 2, 240-unit goals, 3-minute rounds. */
  public static FootballRules defaults() {
    return new FootballRules(1200, 800, 2, 240, 20, 12, 240, 480, 250, 2000, 800, 10, 300,
        0.4, 5, 0.8, 0.5, 180_000, 1500, 2500, 6000);
  }

  /** These rules with a round of {@code ms} (tests, short matches). */
  public FootballRules withRoundMs(int ms) {
    return new FootballRules(mapWidth, mapHeight, positionScale, goalWidth, playerRadius,
        ballRadius, playerSpeed, dashSpeed, dashMs, dashCooldownMs, kickSpeed, kickReach,
        kickCooldownMs, ballFriction, ballStopSpeed, wallBounce, playerBounce, ms, kickoffMs,
        goalMs, overMs);
  }

  /** {@code ms} in whole ticks at {@code tickRate}: ceil(ms * tickRate / 1000), at least 1. */
  public static int ticks(int ms, int tickRate) {
    return (int) Math.max(1, ((long) ms * tickRate + 999) / 1000);
  }

  private static void positive(String name, double v) {
    if (!(v > 0) || Double.isInfinite(v)) {
      throw new IllegalArgumentException(name + " must be positive and finite: " + v);
    }
  }
}
