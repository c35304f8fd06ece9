package dev.tickstream.games.arena;

import dev.tickstream.wire.EntityTable;
import dev.tickstream.sim.Game;
import static dev.tickstream.games.arena.ArenaGame.KIND_PLAYER;
import static dev.tickstream.games.arena.ArenaGame.KIND_PROJECTILE;
import static dev.tickstream.games.arena.ArenaRows.KIND;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Whole-world properties, checked over a busy scripted match. */
class ArenaGameStateTest {

  /** Runs a 16-player match with scripted pseudo-random inputs and joins/leaves. */
  private static final class Match {
    final ArenaGame game;
    final SplittableRandom script = new SplittableRandom(99); // the inputs, not the world
    final int[] ids = new int[16];
    final EntityTable table;
    int tick;

    Match(long seed) {
      game = new ArenaGame(ArenaRules.defaults(), 20, seed);
      table = new EntityTable(ArenaGame.SCHEMA.fieldCount());
      for (int i = 0; i < ids.length; i++) {
        ids[i] = game.addPlayer("bot-" + i);
      }
    }

    void step() {
      tick++;
      for (int i = 0; i < ids.length; i++) {
        if (script.nextInt(10) == 0) {
          game.applyInput(ids[i], new PlayerInput(script.nextInt(255) - 127,
              script.nextInt(255) - 127, script.nextInt(65536), script.nextInt(3) == 0));
        }
      }
      if (tick % 97 == 0) { // someone leaves, someone joins
        int seat = script.nextInt(ids.length);
        game.removePlayer(ids[seat]);
        ids[seat] = game.addPlayer("late-" + tick);
      }
      game.step(tick);
      game.writeState(table);
    }
  }

  @Test
  void sameSeedSameWorld() {
    Match one = new Match(7);
    Match two = new Match(7);
    for (int t = 0; t < 600; t++) {
      one.step();
      two.step();
      assertEquals(one.table.hash(), two.table.hash(), "tick " + one.tick);
    }
  }

  @Test
  void differentSeedDifferentWorld() {
    Match one = new Match(7);
    Match two = new Match(8);
    one.step();
    two.step();
    assertNotEquals(one.table.hash(), two.table.hash());
  }

  @Test
  void writeStateIsAscending() {
    Match m = new Match(3);
    int maxProjectiles = 0;
    for (int t = 0; t < 600; t++) {
      m.step();
      EntityTable table = m.table;
      assertEquals(m.game.playerCount() + m.game.projectileCount(), table.size());
      int players = 0;
      for (int r = 0; r < table.size(); r++) {
        if (r > 0) {
          assertTrue(table.id(r) > table.id(r - 1), "ids ascending at tick " + m.tick);
        }
        int kind = table.get(r, KIND);
        assertTrue(kind == KIND_PLAYER || kind == KIND_PROJECTILE);
        if (kind == KIND_PLAYER) {
          players++;
          assertNotNull(table.name(r));
        } else {
          assertNull(table.name(r));
        }
      }
      assertEquals(16, players);
      maxProjectiles = Math.max(maxProjectiles, m.game.projectileCount());
    }
    assertTrue(maxProjectiles > 10, "the match should be busy: " + maxProjectiles);
  }

  @Test
  void playersKillEachOtherInABusyMatch() {
    // Everyone fires at the nearest other player: deaths and scores must add up.
    ArenaGame game = new ArenaGame(ArenaRules.defaults(), 20, 5);
    int[] ids = new int[8];
    for (int i = 0; i < ids.length; i++) {
      ids[i] = game.addPlayer("p" + i);
      game.teleport(ids[i], 1800 + 50 * i, 2000 + (i % 2) * 40);
    }
    for (int tick = 1; tick <= 400; tick++) {
      for (int id : ids) {
        int target = ids[id == ids[0] ? 1 : 0];
        double angle = Math.atan2(game.playerY(target) - game.playerY(id),
            game.playerX(target) - game.playerX(id));
        int aim = (int) Math.round(angle / (2 * Math.PI) * 65536) & 0xFFFF;
        game.applyInput(id, new PlayerInput(0, 0, aim, true));
      }
      game.step(tick);
    }
    int deaths = 0;
    int score = 0;
    for (int id : ids) {
      deaths += Rows.field(game, id, ArenaRows.DEATHS);
      score += Rows.field(game, id, ArenaRows.SCORE);
    }
    assertTrue(deaths > 0, "nobody died");
    assertEquals(deaths, score);
  }

  @Test
  void writeStateNeedsATableOfTheRightWidth() {
    ArenaGame game = new ArenaGame(ArenaRules.defaults(), 20, 1);
    assertThrows(IllegalArgumentException.class, () -> game.writeState(new EntityTable(3)));
  }

  @Test
  void writeStateReplacesTheTablesRows() {
    ArenaGame game = new ArenaGame(ArenaRules.defaults(), 20, 1);
    EntityTable table = new EntityTable(ArenaGame.SCHEMA.fieldCount());
    game.addPlayer("a");
    game.writeState(table);
    game.writeState(table);
    assertEquals(1, table.size());
  }
}
