package dev.tickstream.games.arena;

/**
 * The constants of the arena game, kept apart from {@link ArenaGame} so that benchmarks, bots
 * and tests can name the exact workload they run (the reference workload, described in
 * docs/BENCHMARKS.md) and a room can be configured without touching the rules code.
 *
 * @param mapWidth map width in units
 * @param mapHeight map height in units
 * @param playerSpeed player speed at full stick, units per second
 * @param playerRadius player radius in units; keeps a player's centre this far from the walls
 * @param maxHp hit points of a fresh or respawned player
 * @param projectileSpeed projectile speed, units per second
 * @param projectileLifetimeMs how long a projectile flies before it is removed
 * @param hitRadius a projectile hits a player (not its owner) within this distance of its centre
 * @param damage hit points a hit takes
 * @param fireCooldownMs minimum time between two shots of one player
 * @param positionScale wire units per map unit (positions are sent as integers on this grid)
 */
public record ArenaRules(
    int mapWidth,
    int mapHeight,
    double playerSpeed,
    double playerRadius,
    int maxHp,
    double projectileSpeed,
    int projectileLifetimeMs,
    double hitRadius,
    int damage,
    int fireCooldownMs,
    int positionScale) {

  /** Largest map extent in wire units, so that positions and their deltas fit an int easily. */
  static final int MAX_WIRE_EXTENT = 1 << 24;

  public ArenaRules {
    if (mapWidth <= 0 || mapHeight <= 0) {
      throw new IllegalArgumentException("map size must be positive: " + mapWidth + "x" + mapHeight);
    }
    if (positionScale < 1 || positionScale > 1024) {
      throw new IllegalArgumentException("positionScale must be 1..1024: " + positionScale);
    }
    if ((long) mapWidth * positionScale > MAX_WIRE_EXTENT
        || (long) mapHeight * positionScale > MAX_WIRE_EXTENT) {
      throw new IllegalArgumentException("map too large for the wire grid: " + mapWidth + "x"
          + mapHeight + " at scale " + positionScale);
    }
    requireFinitePositive("playerSpeed", playerSpeed);
    requireFinitePositive("playerRadius", playerRadius);
    if (playerRadius * 2 >= Math.min(mapWidth, mapHeight)) {
      throw new IllegalArgumentException("player does not fit the map: radius " + playerRadius);
    }
    if (maxHp < 1) {
      throw new IllegalArgumentException("maxHp must be positive: " + maxHp);
    }
    requireFinitePositive("projectileSpeed", projectileSpeed);
    if (projectileLifetimeMs < 1) {
      throw new IllegalArgumentException("projectileLifetimeMs must be positive: "
          + projectileLifetimeMs);
    }
    requireFinitePositive("hitRadius", hitRadius);
    if (damage < 1) {
      throw new IllegalArgumentException("damage must be positive: " + damage);
    }
    if (fireCooldownMs < 0) {
      throw new IllegalArgumentException("fireCooldownMs must not be negative: " + fireCooldownMs);
    }
  }

  /** The reference workload: 4000x4000 map, 200 u/s, 100 hp, 600 u/s shots for 1 s, 10 damage. */
  public static ArenaRules defaults() {
    return new ArenaRules(4000, 4000, 200, 20, 100, 600, 1000, 20, 10, 250, 2);
  }

  /** These rules on a square map of {@code size} units. */
  public ArenaRules withMapSize(int size) {
    return new ArenaRules(size, size, playerSpeed, playerRadius, maxHp, projectileSpeed,
        projectileLifetimeMs, hitRadius, damage, fireCooldownMs, positionScale);
  }

  /**
   * The fire cooldown in whole ticks at {@code tickRate}: ceil(cooldown * tickRate / 1000), at
   * least 1 (a player fires at most once per tick).
   */
  public int fireCooldownTicks(int tickRate) {
    long ticks = ((long) fireCooldownMs * tickRate + 999) / 1000;
    return (int) Math.max(1, ticks);
  }

  /** Map units to the nearest wire unit: how a position is sent. */
  int toWire(double units) {
    return (int) Math.round(units * positionScale);
  }

  /** Wire units back to map units. */
  double fromWire(int wire) {
    return wire / (double) positionScale;
  }

  /** Map units moved to the nearest point of the wire grid: the sim keeps what it sends. */
  double snap(double units) {
    return Math.round(units * positionScale) / (double) positionScale;
  }

  private static void requireFinitePositive(String name, double value) {
    if (!(value > 0) || Double.isInfinite(value)) {
      throw new IllegalArgumentException(name + " must be positive and finite: " + value);
    }
  }
}
