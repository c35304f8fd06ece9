package dev.tickstream.games.football;

import static dev.tickstream.games.football.FootballRows.KICK_TICK;
import static dev.tickstream.games.football.FootballRows.TOUCH;
import static dev.tickstream.games.football.FootballRows.VEL_X;
import static dev.tickstream.games.football.FootballRows.VEL_Y;
import static dev.tickstream.games.football.FootballRows.VX;
import static dev.tickstream.games.football.FootballRows.VY;
import static dev.tickstream.games.football.FootballRows.X;
import static dev.tickstream.games.football.FootballRows.Y;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tickstream.games.football.Pitch.Seat;
import dev.tickstream.proto.football.v1.Goal;
import dev.tickstream.proto.football.v1.Kick;
import dev.tickstream.sim.OfflineRoom;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Kicks, pushes, bounces and friction (a lone player keeps the match in warmup). */
class FootballBallTest {

  /** The field's centre in wire units (1200 x 800 map units at scale 2). */
  private static final int CX = 1200;
  private static final int CY = 800;

  private static Pitch alone() {
    return Pitch.of("3v3");
  }

  @Test
  void kickSendsTheBallAwayFromTheKickerAtKickSpeed() {
    Pitch pitch = alone();
    Seat a = pitch.join("a", "red");
    pitch.game.placePlayer(a.entityId(), CX - 70, CY); // edges 6 units apart: within reach
    pitch.input(a, 0, 0, true, false);
    pitch.step();
    // 800 u/s * 2 / 20 Hz = 80 wire units a tick, less one tick of friction (0.4 per second).
    double perTick = 80 * Math.pow(0.4, 1 / 20.0);
    assertEquals(Math.round(perTick * 256), pitch.ball(VEL_X));
    assertEquals(0, pitch.ball(VEL_Y));
    assertEquals(CX + Math.round(perTick), pitch.ball(X));
    assertEquals(Math.round(perTick), pitch.ball(VX));
    assertEquals(a.entityId(), pitch.ball(TOUCH));
    assertEquals(1, pitch.get(a, KICK_TICK));
    List<OfflineRoom.Emitted> kicks = pitch.room.events().stream()
        .filter(e -> e.event() instanceof Kick).toList();
    assertEquals(1, kicks.size());
    assertEquals("near:" + CX + "," + CY, kicks.get(0).to());
    assertEquals(a.entityId(), ((Kick) kicks.get(0).event()).getKicker());
  }

  @Test
  void aKickOutOfReachDoesNothing() {
    Pitch pitch = alone();
    Seat a = pitch.join("a", "red");
    pitch.game.placePlayer(a.entityId(), CX - 90, CY); // edges 13 units apart: out of reach
    pitch.input(a, 0, 0, true, false);
    pitch.step();
    assertEquals(CX, pitch.ball(X));
    assertEquals(0, pitch.ball(VEL_X));
    assertEquals(0, pitch.get(a, KICK_TICK));
    assertTrue(pitch.events(Kick.class).isEmpty());
  }

  @Test
  void aKickFollowsTheLineFromPlayerToBall() {
    Pitch pitch = alone();
    Seat a = pitch.join("a", "red");
    pitch.game.placePlayer(a.entityId(), CX - 50, CY - 50); // diagonal, up-left of the ball
    pitch.input(a, 0, 0, true, false);
    pitch.step();
    assertTrue(pitch.ball(VEL_X) > 0);
    assertEquals(pitch.ball(VEL_X), pitch.ball(VEL_Y));
  }

  @Test
  void ballBouncesOffTheTopWallLosingSomeSpeed() {
    Pitch pitch = alone();
    pitch.join("a", "red");
    pitch.game.placeBall(CX, 100, 0, -40 * 256);
    int before = 0;
    for (int i = 0; i < 10 && pitch.ball(VEL_Y) <= 0; i++) {
      before = Math.abs(pitch.ball(VEL_Y) == 0 ? 40 * 256 : pitch.ball(VEL_Y));
      pitch.step();
      assertTrue(pitch.ball(Y) >= 24, "ball centre stays a radius (12 * 2) from the wall");
    }
    assertTrue(pitch.ball(VEL_Y) > 0, "bounced");
    assertTrue(pitch.ball(VEL_Y) < before, "lost speed: " + pitch.ball(VEL_Y) + " " + before);
    assertEquals(0, pitch.ball(VEL_X));
  }

  @Test
  void ballBouncesOffTheSideWallBesideTheGoal() {
    Pitch pitch = alone();
    pitch.join("a", "red");
    pitch.game.placeBall(100, 300, -60 * 256, 0); // y 300: far above the posts
    pitch.steps(5);
    assertTrue(pitch.ball(VEL_X) > 0);
    assertTrue(pitch.ball(X) >= 24);
  }

  @Test
  void goalMouthIsClosedDuringWarmup() {
    Pitch pitch = alone();
    pitch.join("a", "red");
    pitch.game.placeBall(100, CY, -60 * 256, 0);
    pitch.steps(10);
    assertTrue(pitch.ball(VEL_X) > 0, "bounced off the closed goal");
    assertTrue(pitch.events(Goal.class).isEmpty());
  }

  @Test
  void frictionStopsTheBall() {
    Pitch pitch = alone();
    Seat a = pitch.join("a", "red");
    pitch.game.placeBall(150, CY, 0, 0); // from the left wall, so that it stops short of the right
    pitch.game.placePlayer(a.entityId(), 80, CY);
    pitch.input(a, 0, 0, true, false);
    pitch.step();
    pitch.input(a, 0, 0, false, false);
    int speed = pitch.ball(VEL_X);
    for (int i = 0; i < 20; i++) {
      pitch.step();
      assertTrue(pitch.ball(VEL_X) < speed);
      speed = pitch.ball(VEL_X);
    }
    pitch.steps(300);
    assertEquals(0, pitch.ball(VEL_X));
    assertEquals(0, pitch.ball(VX));
    assertEquals(0, pitch.ball(VY));
    // 80 f / (1 - f) = 1705 wire units at most, f = 0.4^(1/20): the ball rolls 850 map units.
    assertTrue(pitch.ball(X) > 150 + 1600 && pitch.ball(X) <= 150 + 1705, "x " + pitch.ball(X));
  }

  @Test
  void aRunningPlayerPushesTheBallAhead() {
    Pitch pitch = alone();
    Seat a = pitch.join("a", "red");
    pitch.game.placePlayer(a.entityId(), CX - 100, CY);
    pitch.input(a, 127, 0, false, false);
    pitch.steps(3);
    assertTrue(pitch.ball(X) > CX, "pushed");
    assertTrue(pitch.ball(VEL_X) > 24 * 256, "faster than the player: it rolls ahead");
    assertEquals(a.entityId(), pitch.ball(TOUCH));
    int dx = pitch.ball(X) - pitch.get(a, X);
    assertTrue(dx >= 63, "not inside the player: " + dx);
  }

  @Test
  void aBallRollingIntoAStandingPlayerBouncesBack() {
    Pitch pitch = alone();
    Seat a = pitch.join("a", "red");
    pitch.game.placePlayer(a.entityId(), CX - 200, CY);
    pitch.game.placeBall(CX, CY, -30 * 256, 0);
    pitch.steps(6);
    assertTrue(pitch.ball(VEL_X) > 0);
    assertEquals(a.entityId(), pitch.ball(TOUCH));
    assertEquals(CX - 200, pitch.get(a, X));
  }
}
