package dev.tickstream.games.arena;

import dev.tickstream.wire.EntityTable;
import dev.tickstream.sim.Game;
import static dev.tickstream.games.arena.ArenaGame.KIND_PROJECTILE;
import static dev.tickstream.games.arena.ArenaRows.DEATHS;
import static dev.tickstream.games.arena.ArenaRows.HEADING;
import static dev.tickstream.games.arena.ArenaRows.HP;
import static dev.tickstream.games.arena.ArenaRows.KIND;
import static dev.tickstream.games.arena.ArenaRows.OWNER;
import static dev.tickstream.games.arena.ArenaRows.SCORE;
import static dev.tickstream.games.arena.ArenaRows.SPAWN_TICK;
import static dev.tickstream.games.arena.ArenaRows.X;
import static dev.tickstream.games.arena.ArenaRows.Y;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ArenaGameCombatTest {
  private static final PlayerInput FIRE_RIGHT = new PlayerInput(0, 0, 0, true);

  private ArenaGame game = new ArenaGame(ArenaRules.defaults(), 20, 42);
  private int tick;

  private void run(int ticks) {
    for (int i = 0; i < ticks; i++) {
      game.step(++tick);
    }
  }

  /** Fires one shot on the next tick, then lets go of the trigger. */
  private int shoot(int shooter, int aim) {
    game.applyInput(shooter, new PlayerInput(0, 0, aim, true));
    run(1);
    game.applyInput(shooter, new PlayerInput(0, 0, aim, false));
    int[] shots = Rows.projectiles(game);
    return shots[shots.length - 1];
  }

  private int playerAt(String name, double x, double y) {
    int id = game.addPlayer(name);
    game.teleport(id, x, y);
    return id;
  }

  @Test
  void projectileHitsAndDamages() {
    int a = playerAt("a", 1000, 1000);
    int b = playerAt("b", 1100, 1000);
    int shot = shoot(a, 0); // 30 units per tick; b is reached between ages 2 and 3
    run(1);
    assertEquals(100, Rows.field(game, b, HP));
    assertEquals(shot, Rows.projectiles(game)[0]);
    run(1);
    assertEquals(100, Rows.field(game, b, HP));
    run(1);
    assertEquals(90, Rows.field(game, b, HP));
    assertEquals(0, Rows.projectiles(game).length, "a projectile is spent on its hit");
    assertEquals(100, Rows.field(game, a, HP));
  }

  @Test
  void projectileCannotTunnelThroughAPlayer() {
    // 200 units per tick: no tick ends within 20 units of b, but the path crosses it.
    game = new ArenaGame(new ArenaRules(4000, 4000, 200, 20, 100, 2000, 1000, 20, 10, 250, 2),
        10, 1);
    int a = playerAt("a", 1000, 1000);
    int b = playerAt("b", 1100, 1000);
    shoot(a, 0);
    run(1);
    assertEquals(90, Rows.field(game, b, HP));
  }

  @Test
  void firstPlayerOnThePathIsHit() {
    int a = playerAt("a", 1000, 1000);
    int far = playerAt("far", 1100, 1000);
    int near = playerAt("near", 1070, 1000); // higher id, but nearer along the path
    shoot(a, 0);
    run(3);
    assertEquals(90, Rows.field(game, near, HP));
    assertEquals(100, Rows.field(game, far, HP));
  }

  @Test
  void projectileNeverHitsItsOwner() {
    int a = playerAt("a", 1000, 1000);
    game.applyInput(a, new PlayerInput(127, 0, 0, true)); // runs after its own shots
    run(60);
    assertEquals(100, Rows.field(game, a, HP));
    assertTrue(Rows.projectiles(game).length > 0);
  }

  @Test
  void deathRespawnsWithFullHpAndScoresShooter() {
    int a = playerAt("a", 1000, 1000);
    int b = playerAt("b", 1100, 1000);
    game.applyInput(a, FIRE_RIGHT);
    run(44); // shots at ticks 1, 6, ..., 41 hit at 4, 9, ..., 44: nine hits
    assertEquals(10, Rows.field(game, b, HP));
    run(2); // the tenth shot leaves at tick 46
    game.applyInput(a, PlayerInput.IDLE);
    run(3); // and hits at tick 49
    assertEquals(1, Rows.field(game, b, DEATHS));
    assertEquals(100, Rows.field(game, b, HP));
    assertEquals(1, Rows.field(game, a, SCORE));
    assertEquals(0, Rows.field(game, a, DEATHS));
    assertEquals(0, Rows.field(game, b, SCORE));
    double x = game.playerX(b);
    double y = game.playerY(b);
    assertTrue(x != 1100 || y != 1000, "respawned at a random point");
  }

  @Test
  void fireRateIsCapped() {
    int a = playerAt("a", 1000, 2000);
    game.applyInput(a, FIRE_RIGHT);
    run(20); // one second at 20 Hz, 250 ms cooldown: ticks 1, 6, 11, 16
    EntityTable t = Rows.state(game);
    int[] shots = Rows.projectiles(game);
    assertEquals(4, shots.length);
    int[] spawnTicks = new int[shots.length];
    for (int i = 0; i < shots.length; i++) {
      spawnTicks[i] = t.get(t.indexOf(shots[i]), SPAWN_TICK);
    }
    assertArrayEquals(new int[] {1, 6, 11, 16}, spawnTicks);
  }

  @Test
  void projectileExpiresAfterItsLifetime() {
    int a = playerAt("a", 500, 2000);
    int shot = shoot(a, 0); // spawned at tick 1
    run(19); // tick 20: age 19 ticks, 0.95 s
    assertEquals(shot, Rows.projectiles(game)[0]);
    run(1); // tick 21: age 1.0 s
    assertEquals(0, Rows.projectiles(game).length);
  }

  @Test
  void projectileLeavingTheMapIsRemoved() {
    int a = playerAt("a", 3970, 2000);
    shoot(a, 0);
    run(1); // x = 4000: on the edge, still in
    assertEquals(1, Rows.projectiles(game).length);
    run(1); // x = 4030
    assertEquals(0, Rows.projectiles(game).length);
  }

  @Test
  void projectileRowNeverChangesAfterSpawn() {
    int a = playerAt("a", 2000, 2000);
    int shot = shoot(a, 12345);
    int[] first = Rows.row(Rows.state(game), shot);
    assertEquals(KIND_PROJECTILE, first[KIND]);
    assertEquals(a, first[OWNER]);
    assertEquals(1, first[SPAWN_TICK]);
    assertEquals(12345, first[HEADING]);
    assertEquals(4000, first[X]); // the shooter's centre on the wire grid
    assertEquals(4000, first[Y]);
    assertNull(Rows.state(game).name(Rows.state(game).indexOf(shot)));
    for (int i = 0; i < 19; i++) {
      game.applyInput(a, new PlayerInput(100, -50, i * 3000, false)); // shooter moves and turns
      run(1);
      assertArrayEquals(first, Rows.row(Rows.state(game), shot), "tick " + tick);
    }
  }

  @Test
  void projectilePositionMatchesClosedForm() {
    // For several headings, put a target on the path; the hit must land on exactly the tick
    // at which the closed form, evaluated from the projectile's row alone, reaches it.
    int[] headings = {0, 5000, 8192, 20000, 33333, 40000, 60000, 65535};
    for (int heading : headings) {
      game = new ArenaGame(ArenaRules.defaults(), 20, heading);
      tick = 0;
      int a = playerAt("a", 2000.5, 1999.5);
      double angle = heading * 2 * Math.PI / 65536;
      int b = playerAt("b", 2000 + 400 * Math.cos(angle), 2000 + 400 * Math.sin(angle));
      int shot = shoot(a, heading);
      int[] row = Rows.row(Rows.state(game), shot);
      double ox = row[X] / 2.0;
      double oy = row[Y] / 2.0;
      int expected = -1;
      for (int t = row[SPAWN_TICK] + 1; expected < 0; t++) {
        double age = t - row[SPAWN_TICK];
        double px = ox + 600 * age / 20 * StrictMath.cos(row[HEADING] * 2 * Math.PI / 65536);
        double py = oy + 600 * age / 20 * StrictMath.sin(row[HEADING] * 2 * Math.PI / 65536);
        if (Math.hypot(px - game.playerX(b), py - game.playerY(b)) <= 20) {
          expected = t;
        }
      }
      while (Rows.field(game, b, HP) == 100) {
        run(1);
      }
      assertEquals(expected, tick, "heading " + heading);
    }
  }

  @Test
  void projectilesOfALeavingPlayerFlyOn() {
    int a = playerAt("a", 1000, 1000);
    int b = playerAt("b", 1100, 1000);
    int shot = shoot(a, 0);
    game.removePlayer(a);
    assertEquals(shot, Rows.projectiles(game)[0]);
    run(3); // hits at age 3
    assertEquals(90, Rows.field(game, b, HP));
  }
}
