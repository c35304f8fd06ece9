package dev.tickstream.games.arena;

import static dev.tickstream.games.arena.ArenaRows.DEATHS;
import static dev.tickstream.games.arena.ArenaRows.HP;
import static dev.tickstream.games.arena.ArenaRows.SCORE;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tickstream.proto.arena.v1.ArenaInput;
import dev.tickstream.sim.OfflineRoom;
import dev.tickstream.sim.Player;
import org.junit.jupiter.api.Test;

/**
 * The arena's shots fly in their shooter's time. At 20 Hz a target runs along y = 1100 at
 * 10 u/tick and is at x = 1000 at tick 5 (where the shot is fired); the shooter at (1000, 1000)
 * fires straight down at 30 u/tick, so the shot reaches the target's path in its third tick.
 * Judged at the present (tick 8) the target has run 30 u on (beyond the 20 u hit radius);
 * judged 3 ticks back it is right there.
 */
class ArenaLagCompensationTest {
  static final int DOWN = 16384; // a quarter turn: +y
  static final int FIRE_TICK = 5;

  record Seat(int id, String name, int entityId) implements Player {
    @Override
    public boolean connected() {
      return true;
    }
  }

  /** The shooter and the running target, up to the fire tick, in a room rewinding maxTicks. */
  static final class Scene {
    final OfflineRoom room;
    final ArenaGame game;
    final int shooter;
    final int target;

    Scene(ArenaRules rules, int maxTicks) {
      room = new OfflineRoom("arena", 20, 42).keepHistory(ArenaGame.SCHEMA, maxTicks);
      game = new ArenaGame(room, rules);
      shooter = game.addPlayer("shooter");
      game.teleport(shooter, 1000, 1000);
      target = game.addPlayer("target");
      game.teleport(target, 950, 1100);
      game.applyInput(target, new PlayerInput(127, 0, 0, false));
      while (room.tick() < FIRE_TICK) {
        room.advance(game); // the target is at 990 after tick 4, 1000 after tick 5
      }
    }

    /** The shooter fires at tick 5 claiming {@code viewTick}; the target's hits after the shot. */
    int fireClaiming(int viewTick) {
      game.onInput(new Seat(1, "shooter", shooter),
          ArenaInput.newBuilder().setAim(DOWN).setFire(true).build(), viewTick);
      room.advance(game);
      game.applyInput(shooter, new PlayerInput(0, 0, DOWN, false));
      for (int i = 0; i < 10; i++) {
        room.advance(game);
      }
      return (100 - Rows.field(game, target, HP)) / 10;
    }
  }

  private final Scene scene = new Scene(ArenaRules.defaults(), 4);

  @Test
  void aShotJudgedWhereTheShooterSawTheTargetHits() {
    assertEquals(1, scene.fireClaiming(FIRE_TICK - 3));
  }

  @Test
  void theSameShotAtThePresentMisses() {
    assertEquals(0, scene.fireClaiming(FIRE_TICK));
  }

  @Test
  void anInputWithoutAViewTickIsJudgedAtThePresent() {
    ArenaGame game = scene.game;
    game.onInput(new Seat(1, "shooter", scene.shooter),
        ArenaInput.newBuilder().setAim(DOWN).setFire(true).build());
    scene.room.advance(game);
    game.applyInput(scene.shooter, new PlayerInput(0, 0, DOWN, false));
    for (int i = 0; i < 10; i++) {
      scene.room.advance(game);
    }
    assertEquals(100, Rows.field(game, scene.target, HP));
  }

  @Test
  void aClaimBeyondTheRoomsBoundCountsAsTheBound() {
    // One tick back, the target is 20 u along when the shot crosses its path: clear of it.
    Scene bounded = new Scene(ArenaRules.defaults(), 1);
    assertEquals(0, bounded.fireClaiming(FIRE_TICK - 3));
  }

  @Test
  void aPlayerKilledSinceIsNotHitWhereItDied() {
    // One hit kills. A second shooter, judged at the present, kills the target at tick 6;
    // the rewound shot, judged at tick 5 when the target stood in its path, must not kill it
    // again where it was.
    ArenaRules oneHit = new ArenaRules(4000, 4000, 200, 20, 10, 600, 1000, 20, 10, 250, 2);
    Scene t = new Scene(oneHit, 4);
    int other = t.game.addPlayer("other");
    t.game.teleport(other, 1050, 1100);
    t.game.applyInput(other, new PlayerInput(0, 0, 32768, true)); // left, at the target
    t.fireClaiming(FIRE_TICK - 3);
    assertEquals(1, Rows.field(t.game, t.target, DEATHS));
    assertEquals(1, Rows.field(t.game, other, SCORE));
    assertEquals(0, Rows.field(t.game, t.shooter, SCORE));
  }
}
