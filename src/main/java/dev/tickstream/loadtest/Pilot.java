package dev.tickstream.loadtest;

import dev.tickstream.wire.EntityTable;
import java.util.SplittableRandom;

/**
 * What one bot wants to do, beat by beat: the reference workload (described in
 * docs/BENCHMARKS.md) and its two variations. Plain Java with a seeded random source, so a run
 * is repeatable and the rules are testable without sockets or clocks.
 *
 * <ul>
 *   <li>{@link Behaviour#WANDER}: every 1-2 s (uniform) a new direction at least 45 degrees
 *       from the last, pointing inward within 150 units of a wall; a random aim; with
 *       probability 0.3 fire continuously until the next change.
 *   <li>{@link Behaviour#CHASE}: the same schedule, but steer and aim at the nearest other
 *       player the bot can see (wander while it sees none).
 *   <li>{@link Behaviour#FIRE}: wander, always firing, aiming at the nearest player if any.
 * </ul>
 */
public final class Pilot {
  static final double WALL_MARGIN = 150;
  static final double MIN_TURN = Math.PI / 4;
  static final double FIRE_PROBABILITY = 0.3;
  static final long MIN_CHANGE_NANOS = 1_000_000_000L;
  private static final int MAX_TRIES = 32;

  private final Behaviour behaviour;
  private final SplittableRandom random;
  private final double width;
  private final double height;
  private double heading;
  private long nextChangeNanos;
  private boolean started;
  private int changes;
  /** The intent after the last step: movement vector (each -127..127), aim (0..65535), fire. */
  public int moveX;
  public int moveY;
  public int aim;
  public boolean fire;

  public Pilot(Behaviour behaviour, SplittableRandom random, double width, double height) {
    this.behaviour = behaviour;
    this.random = random;
    this.width = width;
    this.height = height;
    this.heading = random.nextDouble(0, 2 * Math.PI);
  }

  /**
   * Updates the intent for a beat at {@code now}.
   *
   * @param x own position in map units, NaN while unknown
   * @param y own position in map units, NaN while unknown
   * @param tx nearest other player's position, NaN when none is visible
   * @param ty nearest other player's position, NaN when none is visible
   */
  void step(long now, double x, double y, double tx, double ty) {
    boolean due = !started || now - nextChangeNanos >= 0;
    // Heading into a near wall would pin the bot there until the next change: turn now.
    boolean blocked = !Double.isNaN(x) && !inward(heading, x, y);
    if (due || blocked) {
      started = true;
      changes++;
      heading = pickHeading(x, y);
      aim = angleToAim(random.nextDouble(0, 2 * Math.PI));
      fire = behaviour == Behaviour.FIRE || random.nextDouble() < FIRE_PROBABILITY;
      nextChangeNanos = now + MIN_CHANGE_NANOS + random.nextLong(MIN_CHANGE_NANOS + 1);
    }
    double move = heading;
    if (behaviour != Behaviour.WANDER && !Double.isNaN(tx) && !Double.isNaN(x)) {
      double toTarget = Math.atan2(ty - y, tx - x);
      aim = angleToAim(toTarget);
      if (behaviour == Behaviour.CHASE) {
        move = toTarget;
      }
    }
    moveX = (int) Math.round(Math.cos(move) * 127);
    moveY = (int) Math.round(Math.sin(move) * 127);
  }

  /**
   * {@link #step(long, double, double, double, double)} from a client's mirror {@code w}: its
   * own row {@code self} (-1: unknown) and the nearest other player's (a row whose
   * {@code kindField} holds {@code playerKind}; {@code kindField} -1: no targets), positions
   * divided by {@code scale}.
   */
  public void step(long now, EntityTable w, int self, int kindField, int playerKind,
      int xField, int yField, double scale) {
    double x = Double.NaN;
    double y = Double.NaN;
    double tx = Double.NaN;
    double ty = Double.NaN;
    if (self >= 0) {
      x = w.get(self, xField) / scale;
      y = w.get(self, yField) / scale;
      // Wandering ignores targets: no scan of the view.
      if (behaviour != Behaviour.WANDER && kindField >= 0) {
        double best = Double.MAX_VALUE;
        for (int r = 0; r < w.size(); r++) {
          if (r == self || w.get(r, kindField) != playerKind) {
            continue;
          }
          double ex = w.get(r, xField) / scale;
          double ey = w.get(r, yField) / scale;
          double d = (ex - x) * (ex - x) + (ey - y) * (ey - y);
          if (d < best) {
            best = d;
            tx = ex;
            ty = ey;
          }
        }
      }
    }
    step(now, x, y, tx, ty);
  }

  /** A direction 45-180 degrees away from the last one that points inward near walls. */
  double pickHeading(double x, double y) {
    for (int i = 0; i < MAX_TRIES; i++) {
      double turn = random.nextDouble(MIN_TURN, Math.PI) * (random.nextBoolean() ? 1 : -1);
      double h = normalize(heading + turn);
      if (Double.isNaN(x) || inward(h, x, y)) {
        return h;
      }
    }
    // Deep in a corner no turn of 45 degrees or more points inward: inward wins.
    return normalize(Math.atan2(height / 2 - y, width / 2 - x));
  }

  /** True unless {@code h} points towards a wall closer than {@link #WALL_MARGIN}. */
  boolean inward(double h, double x, double y) {
    double c = Math.cos(h);
    double s = Math.sin(h);
    return !(x < WALL_MARGIN && c <= 0 || x > width - WALL_MARGIN && c >= 0
        || y < WALL_MARGIN && s <= 0 || y > height - WALL_MARGIN && s >= 0);
  }

  static int angleToAim(double radians) {
    return (int) Math.round(normalize(radians) / (2 * Math.PI) * 65536) & 0xFFFF;
  }

  static double normalize(double a) {
    double r = a % (2 * Math.PI);
    return r < 0 ? r + 2 * Math.PI : r;
  }

  double heading() {
    return heading;
  }

  int changes() {
    return changes;
  }

  Behaviour behaviour() {
    return behaviour;
  }
}
