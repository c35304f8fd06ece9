package dev.tickstream.games.football;

import dev.tickstream.proto.football.v1.FootballInput;
import dev.tickstream.wire.EntityTable;

/**
 * A simple football bot for load tests, demos and empty seats: it reads the state a client
 * sees and runs to the point behind the ball on the line from the goal it attacks, then kicks
 * the ball towards that goal; it dashes when the ball is far. Stateless and deterministic.
 */
public final class FootballBot {
  private final FootballRules rules;

  public FootballBot(FootballRules rules) {
    this.rules = rules;
  }

  /** The input of player {@code self} given {@code state}; idle when either row is missing. */
  public FootballInput next(EntityTable state, int self) {
    int me = state.indexOf(self);
    int ballRow = -1;
    for (int r = 0; r < state.size() && ballRow < 0; r++) {
      if (state.get(r, FootballRows.KIND) == FootballGame.KIND_BALL) {
        ballRow = r;
      }
    }
    if (me < 0 || ballRow < 0) {
      return FootballInput.getDefaultInstance();
    }
    int s = rules.positionScale();
    double px = state.get(me, FootballRows.X);
    double py = state.get(me, FootballRows.Y);
    double bx = state.get(ballRow, FootballRows.X);
    double by = state.get(ballRow, FootballRows.Y);
    boolean red = state.get(me, FootballRows.TEAM) == FootballGame.RED;
    double gx = red ? rules.mapWidth() * s : 0; // the goal attacked
    double gy = rules.mapHeight() * s / 2.0;
    double ux = gx - bx;
    double uy = gy - by;
    double ul = Math.max(1, Math.sqrt(ux * ux + uy * uy));
    ux /= ul;
    uy /= ul;
    double contact = (rules.playerRadius() + rules.ballRadius()) * s;
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
    boolean kick = behind && toBall <= contact + rules.kickReach() * s;
    boolean dash = toBall > rules.mapWidth() * s / 3.0;
    return FootballInput.newBuilder().setMoveX(mx).setMoveY(my).setKick(kick).setDash(dash)
        .build();
  }
}
