package dev.tickstream.games.football;

/**
 * The ball's entity: exactly what its row holds, so that a restored ball rolls on identically.
 * Its velocity is kept in 1/256 wire units per tick ({@link #SUB}); its position, like every
 * position, on the wire grid. Owned by {@link FootballGame}; mutable, room thread only.
 */
final class FootballBall {
  /** Velocity units per wire unit. */
  static final int SUB = 256;

  final int id;
  /** Centre, wire units. */
  int x;
  int y;
  /** Velocity, 1/256 wire units per tick (the row's vel_x, vel_y). */
  int velX;
  int velY;
  /** Wire units moved in the last step (the row's vx, vy). */
  int stepX;
  int stepY;
  /** The player who last kicked or pushed it, 0 for none. */
  int touch;

  FootballBall(int id) {
    this.id = id;
  }

  /** Puts the ball at rest at ({@code x}, {@code y}), untouched. */
  void place(int x, int y) {
    this.x = x;
    this.y = y;
    velX = 0;
    velY = 0;
    stepX = 0;
    stepY = 0;
    touch = 0;
  }

  void stop() {
    velX = 0;
    velY = 0;
    stepX = 0;
    stepY = 0;
  }
}
