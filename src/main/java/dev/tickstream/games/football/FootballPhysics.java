package dev.tickstream.games.football;

import java.util.List;

/**
 * The football field's motion at one tick rate: players (the part a client predicts, see
 * {@link #stepAlong}), kicks, and the ball (server-side only: clients draw it from the
 * snapshots). Everything it leaves behind is on the wire grid and in whole numbers, so the
 * state it writes is the whole state. Floating point is used only inside a step, always in the
 * same order (Java's doubles are IEEE 754 on every JVM; {@code StrictMath} for pow/atan2/cos).
 *
 * <p>Immutable after construction; one per room (it holds the room's tick rate). Public only
 * for {@link #stepAlong}, the rule a client repeats.
 */
public final class FootballPhysics {
  final FootballRules rules;
  final int tickRate;
  final int scale;
  /** Bounds of a player's centre, wire units. */
  final int minX;
  final int maxX;
  final int minY;
  final int maxY;
  final int dashTicks;
  final int dashCooldownTicks;
  final int kickCooldownTicks;
  /** Field size and centre, wire units. */
  final int width;
  final int height;
  final int centreX;
  final int centreY;
  /** Ball centre bounds against the walls, wire units. */
  private final double ballLo;
  private final double ballHiX;
  private final double ballHiY;
  /** The ball's centre is between the posts when |y - centreY| is at most this, wire units. */
  private final double mouthHalf;
  /** Player and ball centres touch at this distance; a kick reaches within kickDistance. */
  private final double contact;
  private final double kickDistance;
  /** Kick speed, wire units per tick; friction factor per tick; stop speed, wire per tick. */
  private final double kickPerTick;
  private final double friction;
  private final double stopPerTick;
  private final double maxSubstep;

  FootballPhysics(FootballRules rules, int tickRate) {
    this.rules = rules;
    this.tickRate = tickRate;
    this.scale = rules.positionScale();
    this.minX = (int) Math.ceil(rules.playerRadius() * scale);
    this.maxX = (int) Math.floor((rules.mapWidth() - rules.playerRadius()) * scale);
    this.minY = (int) Math.ceil(rules.playerRadius() * scale);
    this.maxY = (int) Math.floor((rules.mapHeight() - rules.playerRadius()) * scale);
    this.dashTicks = FootballRules.ticks(rules.dashMs(), tickRate);
    this.dashCooldownTicks = FootballRules.ticks(rules.dashCooldownMs(), tickRate);
    this.kickCooldownTicks = FootballRules.ticks(rules.kickCooldownMs(), tickRate);
    this.width = rules.mapWidth() * scale;
    this.height = rules.mapHeight() * scale;
    this.centreX = width / 2;
    this.centreY = height / 2;
    this.ballLo = rules.ballRadius() * scale;
    this.ballHiX = width - ballLo;
    this.ballHiY = height - ballLo;
    this.mouthHalf = (rules.goalWidth() / 2.0 - rules.ballRadius()) * scale;
    this.contact = (rules.playerRadius() + rules.ballRadius()) * scale;
    this.kickDistance = contact + rules.kickReach() * scale;
    this.kickPerTick = rules.kickSpeed() * scale / tickRate;
    this.friction = StrictMath.pow(rules.ballFriction(), 1.0 / tickRate);
    this.stopPerTick = rules.ballStopSpeed() * scale / tickRate;
    this.maxSubstep = ballLo;
  }

  /**
   * The wire units a player moves along one axis in one tick: the prediction rule. With
   * {@code len = sqrt(moveX² + moveY²)}: 0 when {@code len == 0}, else
   * {@code (int) (move / len * perTick)} (truncated towards zero) where
   * {@code perTick = speed * scale * min(1.0, len / 127.0) / tickRate}, each operation in
   * IEEE double precision in exactly this order. {@code move} is {@code moveX} for the x step
   * and {@code moveY} for the y step; {@code speed} is playerSpeed, or dashSpeed while dashing
   * (map units per second). Truncation keeps every step, diagonals included, no longer than
   * {@code perTick}.
   */
  public static int stepAlong(int move, int moveX, int moveY, double speed, int scale,
      int tickRate) {
    double len = Math.sqrt(moveX * moveX + moveY * moveY);
    if (len == 0) {
      return 0;
    }
    double perTick = speed * scale * Math.min(1.0, len / 127.0) / tickRate;
    return (int) (move / len * perTick);
  }

  /** The facing (256 steps per turn, 0 along +x, towards +y) of a stick, which is not 0. */
  static int facing(int moveX, int moveY) {
    return (int) Math.round(StrictMath.atan2(moveY, moveX) * 128 / Math.PI) & 0xFF;
  }

  /** Whether a player whose last dash began at {@code dashTick} dashes during {@code tick}. */
  boolean dashing(int dashTick, int tick) {
    return dashTick != 0 && tick - dashTick < dashTicks;
  }

  /**
   * Moves one player by its intent through {@code tick} (a dash starts first if asked for and
   * ready); {@code frozen}: it stands still (kick-off).
   */
  void movePlayer(FootballPlayer p, int tick, boolean frozen) {
    int x0 = p.x;
    int y0 = p.y;
    boolean moving = p.moveX != 0 || p.moveY != 0;
    if (!frozen && moving) {
      if (p.wantsDash() && (p.dashTick == 0 || tick - p.dashTick >= dashCooldownTicks)) {
        p.dashTick = tick;
      }
      double speed = dashing(p.dashTick, tick) ? rules.dashSpeed() : rules.playerSpeed();
      p.x = clamp(p.x + stepAlong(p.moveX, p.moveX, p.moveY, speed, scale, tickRate), minX, maxX);
      p.y = clamp(p.y + stepAlong(p.moveY, p.moveX, p.moveY, speed, scale, tickRate), minY, maxY);
      p.facing = facing(p.moveX, p.moveY);
    }
    p.stepX = p.x - x0;
    p.stepY = p.y - y0;
  }

  /**
   * Kicks the ball if {@code p} asks to, its cooldown has passed and the ball is within reach:
   * the ball leaves at kickSpeed from the player's centre through the ball's (or along the
   * player's facing when the centres coincide). Returns whether it kicked.
   */
  boolean kick(FootballPlayer p, FootballBall ball, int tick) {
    if (!p.wantsKick() || (p.kickTick != 0 && tick - p.kickTick < kickCooldownTicks)) {
      return false;
    }
    double dx = ball.x - p.x;
    double dy = ball.y - p.y;
    double d = Math.sqrt(dx * dx + dy * dy);
    if (d > kickDistance) {
      return false;
    }
    double nx;
    double ny;
    if (d == 0) {
      double a = p.facing * Math.PI / 128;
      nx = StrictMath.cos(a);
      ny = StrictMath.sin(a);
    } else {
      nx = dx / d;
      ny = dy / d;
    }
    ball.velX = (int) Math.round(nx * kickPerTick * FootballBall.SUB);
    ball.velY = (int) Math.round(ny * kickPerTick * FootballBall.SUB);
    ball.touch = p.id;
    p.kickTick = tick;
    return true;
  }

  /**
   * Rolls the ball one tick: friction, then its flight in substeps of at most a ball radius,
   * each pushed out of the players it touches (which give it their speed along the contact
   * normal, with playerBounce restitution) and bounced off the walls. With {@code goalsOpen},
   * a ball between the posts passes the wall line, and its centre crossing the line is a goal
   * (the goal lines are the first and last wire units: x < 0, x > width - 1).
   *
   * @return the team whose goal the ball entered ({@link FootballGame#RED} for the left one,
   *     {@link FootballGame#BLUE} for the right one), or -1; after a goal the ball is stopped
   *     on the goal line
   */
  int moveBall(FootballBall ball, List<FootballPlayer> players, boolean goalsOpen) {
    int x0 = ball.x;
    int y0 = ball.y;
    double vx = ball.velX / (double) FootballBall.SUB * friction;
    double vy = ball.velY / (double) FootballBall.SUB * friction;
    double x = ball.x;
    double y = ball.y;
    int n = (int) Math.max(1, Math.ceil(Math.max(Math.abs(vx), Math.abs(vy)) / maxSubstep));
    int goal = -1;
    for (int s = 0; s < n && goal < 0; s++) {
      x += vx / n;
      y += vy / n;
      for (FootballPlayer p : players) {
        double dx = x - p.x;
        double dy = y - p.y;
        double d2 = dx * dx + dy * dy;
        if (d2 >= contact * contact) {
          continue;
        }
        double d = Math.sqrt(d2);
        double nx = d == 0 ? (p.team == FootballGame.RED ? 1 : -1) : dx / d;
        double ny = d == 0 ? 0 : dy / d;
        x = p.x + nx * contact;
        y = p.y + ny * contact;
        double vn = vx * nx + vy * ny;
        double pn = p.stepX * nx + p.stepY * ny;
        if (vn < pn) { // closing: leaves at pn + bounce * (pn - vn) along the normal
          double dv = (pn - vn) * (1 + rules.playerBounce());
          vx += dv * nx;
          vy += dv * ny;
        }
        ball.touch = p.id;
      }
      boolean inMouth = goalsOpen && Math.abs(y - centreY) <= mouthHalf;
      if (x < ballLo && !inMouth) {
        x = 2 * ballLo - x;
        vx = -vx * rules.wallBounce();
      } else if (x > ballHiX && !inMouth) {
        x = 2 * ballHiX - x;
        vx = -vx * rules.wallBounce();
      }
      if (y < ballLo) {
        y = 2 * ballLo - y;
        vy = -vy * rules.wallBounce();
      } else if (y > ballHiY) {
        y = 2 * ballHiY - y;
        vy = -vy * rules.wallBounce();
      }
      if (inMouth && x < 0) {
        goal = FootballGame.RED;
      } else if (inMouth && x > width - 1) {
        goal = FootballGame.BLUE;
      }
    }
    if (goal >= 0) {
      ball.x = goal == FootballGame.RED ? 0 : width - 1;
      ball.y = (int) Math.round(y);
      ball.stop();
      return goal;
    }
    if (vx * vx + vy * vy < stopPerTick * stopPerTick) {
      vx = 0;
      vy = 0;
    }
    ball.x = clamp((int) Math.round(x), 0, width - 1); // (a no-op but for a wild push)
    ball.y = clamp((int) Math.round(y), 0, height - 1);
    ball.velX = (int) Math.round(vx * FootballBall.SUB);
    ball.velY = (int) Math.round(vy * FootballBall.SUB);
    ball.stepX = ball.x - x0;
    ball.stepY = ball.y - y0;
    return -1;
  }

  static int clamp(int v, int lo, int hi) {
    return v < lo ? lo : (v > hi ? hi : v);
  }
}
