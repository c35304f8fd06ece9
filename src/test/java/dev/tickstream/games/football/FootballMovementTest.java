package dev.tickstream.games.football;

import static dev.tickstream.games.football.FootballRows.DASH_TICK;
import static dev.tickstream.games.football.FootballRows.FACING;
import static dev.tickstream.games.football.FootballRows.PHASE;
import static dev.tickstream.games.football.FootballRows.PHASE_END;
import static dev.tickstream.games.football.FootballRows.VX;
import static dev.tickstream.games.football.FootballRows.VY;
import static dev.tickstream.games.football.FootballRows.X;
import static dev.tickstream.games.football.FootballRows.Y;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tickstream.games.football.Pitch.Seat;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A player's movement, exactly as FootballGame's Javadoc tells a client to predict it. */
class FootballMovementTest {

  private static final Map<String, Double> C = FootballGame.spec().constants();

  /** The documented per-tick step, written again from the Javadoc and the spec's constants. */
  private static int documentedStep(int move, int mx, int my, boolean dashing, int tickRate) {
    double speed = dashing ? C.get("dashSpeed") : C.get("playerSpeed");
    double len = Math.sqrt(mx * mx + my * my);
    if (len == 0) {
      return 0;
    }
    double perTick = speed * 2 * Math.min(1.0, len / 127.0) / tickRate;
    return (int) (move / len * perTick);
  }

  private static int ticks(double ms, int tickRate) {
    return (int) Math.max(1, Math.ceil(ms * tickRate / 1000));
  }

  /** One player alone stays in warmup, where it moves freely. */
  private static Pitch alone(int tickRate) {
    return new Pitch(FootballRules.defaults(), tickRate, 1, Map.of("mode", "3v3"));
  }

  @Test
  void fullStickMovesPlayerSpeedPerTickOnTheWireGrid() {
    Pitch pitch = alone(20);
    Seat a = pitch.join("a", "red");
    pitch.game.placePlayer(a.entityId(), 1000, 800);
    pitch.input(a, 127, 0, false, false);
    for (int i = 1; i <= 5; i++) {
      pitch.step();
      assertEquals(1000 + 24 * i, pitch.get(a, X)); // 240 u/s * 2 / 20 Hz
      assertEquals(800, pitch.get(a, Y));
      assertEquals(24, pitch.get(a, VX));
      assertEquals(0, pitch.get(a, VY));
      assertEquals(0, pitch.get(a, FACING));
    }
    pitch.input(a, 0, -127, false, false);
    pitch.step();
    assertEquals(800 - 24, pitch.get(a, Y));
    assertEquals(192, pitch.get(a, FACING)); // -y: three quarters of a turn
  }

  @Test
  void diagonalIsNotFasterAndEveryStickFollowsTheDocumentedRule() {
    SplittableRandom random = new SplittableRandom(5);
    for (int tickRate : new int[] {20, 30, 60}) {
      for (int i = 0; i < 2000; i++) {
        int mx = random.nextInt(255) - 127;
        int my = random.nextInt(255) - 127;
        int sx = FootballPhysics.stepAlong(mx, mx, my, 240, 2, tickRate);
        int sy = FootballPhysics.stepAlong(my, mx, my, 240, 2, tickRate);
        assertEquals(documentedStep(mx, mx, my, false, tickRate), sx);
        assertEquals(documentedStep(my, mx, my, false, tickRate), sy);
        double perTick = 480.0 / tickRate;
        assertTrue(sx * sx + sy * sy <= perTick * perTick + 1e-9, mx + "," + my);
      }
    }
    Pitch pitch = alone(20);
    Seat a = pitch.join("a", null);
    pitch.game.placePlayer(a.entityId(), 1000, 800);
    pitch.input(a, 127, 127, false, false);
    pitch.step();
    assertEquals(16, pitch.get(a, VX)); // 24 / sqrt 2 = 16.97, truncated
    assertEquals(16, pitch.get(a, VY));
    assertEquals(32, pitch.get(a, FACING)); // an eighth of a turn
  }

  @Test
  void smallerStickIsProportionallySlower() {
    Pitch pitch = alone(20);
    Seat a = pitch.join("a", null);
    pitch.game.placePlayer(a.entityId(), 1000, 800);
    pitch.input(a, 64, 0, false, false);
    pitch.step();
    assertEquals(12, pitch.get(a, VX)); // 24 * 64 / 127 = 12.09
  }

  @Test
  void playerIsClampedInsideTheField() {
    Pitch pitch = alone(20);
    Seat a = pitch.join("a", null);
    pitch.input(a, -127, -127, false, false);
    pitch.steps(200);
    assertEquals(40, pitch.get(a, X)); // ceil(playerRadius 20 * 2)
    assertEquals(40, pitch.get(a, Y));
    assertEquals(0, pitch.get(a, VX)); // pressed against the corner: no motion
    pitch.input(a, 127, 127, false, false);
    pitch.steps(200);
    assertEquals(2360, pitch.get(a, X)); // (1200 - 20) * 2
    assertEquals(1560, pitch.get(a, Y)); // (800 - 20) * 2
  }

  @Test
  void dashDoublesTheSpeedForItsTicksThenWaitsForItsCooldown() {
    Pitch pitch = alone(20);
    Seat a = pitch.join("a", null);
    pitch.game.placePlayer(a.entityId(), 100, 800);
    pitch.input(a, 127, 0, false, true); // dash held
    int dashTicks = ticks(C.get("dashMs"), 20);
    int cooldown = ticks(C.get("dashCooldownMs"), 20);
    pitch.step();
    assertEquals(1, pitch.get(a, DASH_TICK));
    for (int t = 1; t <= cooldown + 1; t++) {
      if (t > 1) {
        pitch.step();
      }
      int expected = t <= dashTicks || t == cooldown + 1 ? 48 : 24;
      assertEquals(expected, pitch.get(a, VX), "tick " + t);
    }
    assertEquals(cooldown + 1, pitch.get(a, DASH_TICK)); // held: dashes again when ready
  }

  @Test
  void aDashPressedBetweenTwoTicksIsNotLost() {
    Pitch pitch = alone(20);
    Seat a = pitch.join("a", null);
    pitch.input(a, 127, 0, false, true);
    pitch.input(a, 127, 0, false, false); // released before the tick
    pitch.step();
    assertEquals(1, pitch.get(a, DASH_TICK));
  }

  @Test
  void playersStandStillDuringTheKickoff() {
    Pitch pitch = Pitch.of("1v1");
    Seat a = pitch.join("a", "red");
    Seat b = pitch.join("b", "blue");
    pitch.input(a, 127, 0, false, true);
    pitch.input(b, -127, 0, false, false);
    pitch.step();
    assertEquals(FootballMatch.KICKOFF, pitch.match(PHASE));
    int x = pitch.get(a, X);
    int end = pitch.match(PHASE_END);
    while (pitch.tick + 1 < end) {
      pitch.step();
      assertEquals(x, pitch.get(a, X));
      assertEquals(0, pitch.get(a, DASH_TICK)); // no dash while frozen
    }
    pitch.step(); // tick == phase_end: play starts and the player moves
    assertEquals(FootballMatch.PLAY, pitch.match(PHASE));
    assertEquals(48, pitch.get(a, VX));
  }

  @Test
  void aDroppedPlayerStops() {
    Pitch pitch = alone(20);
    Seat a = pitch.join("a", null);
    pitch.input(a, 127, 0, false, false);
    pitch.step();
    pitch.game.onDrop(a);
    pitch.step();
    assertEquals(0, pitch.get(a, VX));
  }

  /** A client's predictor from the Javadoc follows the server over random inputs. */
  @ParameterizedTest
  @ValueSource(ints = {10, 20, 30, 60})
  void documentedPredictionEqualsTheServerTickForTick(int tickRate) {
    Pitch pitch = alone(tickRate);
    Seat a = pitch.join("a", null);
    SplittableRandom random = new SplittableRandom(tickRate);
    int x = pitch.get(a, X);
    int y = pitch.get(a, Y);
    int dashTick = 0;
    int minX = (int) Math.ceil(C.get("playerRadius") * 2);
    int maxX = (int) Math.floor((1200 - C.get("playerRadius")) * 2);
    int maxY = (int) Math.floor((800 - C.get("playerRadius")) * 2);
    int dashTicks = ticks(C.get("dashMs"), tickRate);
    int cooldown = ticks(C.get("dashCooldownMs"), tickRate);
    int mx = 0;
    int my = 0;
    boolean dash = false; // held until the next input
    int dashes = 0;
    for (int i = 0; i < 3000; i++) {
      if (random.nextInt(8) == 0) {
        mx = random.nextInt(4) == 0 ? 0 : random.nextInt(255) - 127;
        my = random.nextInt(255) - 127;
        dash = random.nextInt(6) == 0;
        pitch.input(a, mx, my, false, dash);
      }
      pitch.step();
      int t = pitch.tick;
      int px = x;
      int py = y;
      if (mx != 0 || my != 0) {
        if (dash && (dashTick == 0 || t - dashTick >= cooldown)) {
          dashTick = t;
          dashes++;
        }
        boolean dashing = dashTick != 0 && t - dashTick < dashTicks;
        x = Math.max(minX, Math.min(maxX, x + documentedStep(mx, mx, my, dashing, tickRate)));
        y = Math.max(minX, Math.min(maxY, y + documentedStep(my, mx, my, dashing, tickRate)));
      }
      assertEquals(x, pitch.get(a, X), "tick " + t);
      assertEquals(y, pitch.get(a, Y), "tick " + t);
      assertEquals(dashTick, pitch.get(a, DASH_TICK), "tick " + t);
      assertEquals(x - px, pitch.get(a, VX), "tick " + t);
      assertEquals(y - py, pitch.get(a, VY), "tick " + t);
    }
    assertTrue(dashes > 0, "no dash exercised");
  }
}
