package dev.tickstream.loadtest;

import dev.tickstream.proto.football.v1.FootballInput;
import dev.tickstream.proto.v1.Welcome;
import dev.tickstream.wire.EntityTable;
import dev.tickstream.wire.WireSchema;
import java.util.Map;

/**
 * A football bot's brain, reading what any client sees: it runs to the point behind the ball on
 * the line from the goal it attacks, then kicks the ball towards that goal, going around the
 * ball when it is on the wrong side; it dashes when the ball is far. Fields, kinds, teams and
 * rule constants come from the room's {@code Welcome}, so it knows no server code. Stateless
 * and deterministic; call it on one thread at a time.
 */
public final class FootballPilot {
  /** Where a row keeps what the pilot reads: field indexes and the values it compares. */
  public record Layout(int kind, int x, int y, int team, int ballKind, int redTeam) {}

  private final Layout f;
  private final double width;
  private final double height;
  private final int scale;
  private final double contact;
  private final double reach;

  /**
   * @param width the pitch in map units
   * @param height the pitch in map units
   * @param scale wire units per map unit
   * @param constants the game's rule constants (playerRadius, ballRadius, kickReach, map units)
   */
  public FootballPilot(Layout layout, double width, double height, int scale,
      Map<String, Double> constants) {
    this.f = layout;
    this.width = width;
    this.height = height;
    this.scale = Math.max(1, scale);
    this.contact = (constants.getOrDefault("playerRadius", 0.0)
        + constants.getOrDefault("ballRadius", 0.0)) * this.scale;
    this.reach = constants.getOrDefault("kickReach", 0.0) * this.scale;
  }

  /** The pilot for a football room, from its {@code Welcome}. */
  public static FootballPilot of(Welcome w) {
    WireSchema s = new WireSchema(w.getSchema());
    Layout layout = new Layout(s.index("kind"), s.index("x"), s.index("y"), s.index("team"),
        s.kind("ball"), s.enumValue("team", "red"));
    return new FootballPilot(layout, w.getMapWidth(), w.getMapHeight(), w.getPositionScale(),
        w.getConstantsMap());
  }

  /** The input of player {@code self} given {@code state}; idle when either row is missing. */
  public FootballInput next(EntityTable state, int self) {
    int me = state == null ? -1 : state.indexOf(self);
    int ballRow = -1;
    for (int r = 0; me >= 0 && r < state.size() && ballRow < 0; r++) {
      if (state.get(r, f.kind()) == f.ballKind()) {
        ballRow = r;
      }
    }
    if (me < 0 || ballRow < 0) {
      return FootballInput.getDefaultInstance();
    }
    double px = state.get(me, f.x());
    double py = state.get(me, f.y());
    double bx = state.get(ballRow, f.x());
    double by = state.get(ballRow, f.y());
    boolean red = state.get(me, f.team()) == f.redTeam();
    double gx = red ? width * scale : 0; // the goal attacked
    double gy = height * scale / 2.0;
    double ux = gx - bx;
    double uy = gy - by;
    double ul = Math.max(1, Math.sqrt(ux * ux + uy * uy));
    ux /= ul;
    uy /= ul;
    // Behind the ball, seen from the goal; once there, straight through the ball. From the
    // wrong side, around the ball first (beside it, on the player's side), not through it.
    double rx = px - bx;
    double ry = py - by;
    double along = rx * ux + ry * uy; // > 0: between the ball and the goal attacked
    double side = ry * ux - rx * uy >= 0 ? 1 : -1;
    double toBall = Math.hypot(rx, ry);
    boolean behind = -along > 0.7 * toBall;
    double tx;
    double ty;
    if (along > -contact * 0.5) {
      tx = bx - uy * side * contact * 1.8 - ux * contact * 0.8;
      ty = by + ux * side * contact * 1.8 - uy * contact * 0.8;
    } else if (behind && toBall < contact * 1.6) {
      tx = bx;
      ty = by;
    } else {
      tx = bx - ux * contact;
      ty = by - uy * contact;
    }
    double dx = tx - px;
    double dy = ty - py;
    double d = Math.sqrt(dx * dx + dy * dy);
    int mx = d < 1 ? 0 : (int) Math.round(dx / d * 127);
    int my = d < 1 ? 0 : (int) Math.round(dy / d * 127);
    boolean kick = behind && toBall <= contact + reach;
    boolean dash = toBall > width * scale / 3.0;
    return FootballInput.newBuilder().setMoveX(mx).setMoveY(my).setKick(kick).setDash(dash)
        .build();
  }
}
