package dev.tickstream.games.arena;

import dev.tickstream.wire.EntityTable;
import dev.tickstream.proto.arena.v1.ArenaInput;
import dev.tickstream.sim.EntitySchema;
import dev.tickstream.sim.Game;
import dev.tickstream.sim.GameSpec;
import dev.tickstream.sim.OfflineRoom;
import static dev.tickstream.games.arena.ArenaRows.AIM;
import static dev.tickstream.games.arena.ArenaRows.X;
import static dev.tickstream.games.arena.ArenaRows.Y;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ArenaGameMovementTest {
  private final ArenaGame game = new ArenaGame(ArenaRules.defaults(), 20, 42);
  private int tick;

  private void run(int ticks) {
    for (int i = 0; i < ticks; i++) {
      game.step(++tick);
    }
  }

  @Test
  void steadyMovementStepsByTheSameWireAmountEachTickAndReportsIt() {
    int id = game.addPlayer("a");
    game.teleport(id, 1000, 1000);
    game.applyInput(id, new PlayerInput(90, -61, 0, false));
    EntityTable before = new EntityTable(ArenaGame.SCHEMA.fieldCount());
    EntityTable after = new EntityTable(ArenaGame.SCHEMA.fieldCount());
    run(1);
    game.writeState(before);
    for (int i = 0; i < 30; i++) {
      run(1);
      game.writeState(after);
      int b = before.indexOf(id);
      int a = after.indexOf(id);
      assertEquals(before.get(b, X) + before.get(b, ArenaRows.VX), after.get(a, X));
      assertEquals(before.get(b, Y) + before.get(b, ArenaRows.VY), after.get(a, Y));
      assertTrue(after.get(a, ArenaRows.VX) > 0 && after.get(a, ArenaRows.VY) < 0);
      before.copyFrom(after);
    }
  }

  @Test
  void fullStickMovesAtRulesSpeed() {
    int id = game.addPlayer("a");
    game.teleport(id, 1000, 1000);
    game.applyInput(id, new PlayerInput(127, 0, 0, false));
    run(20); // one second
    assertEquals(1200.0, game.playerX(id));
    assertEquals(1000.0, game.playerY(id));
  }

  @Test
  void diagonalMovementIsNotFaster() {
    int id = game.addPlayer("a");
    game.teleport(id, 1000, 1000);
    game.applyInput(id, new PlayerInput(127, 127, 0, false));
    run(20);
    double dist = Math.hypot(game.playerX(id) - 1000, game.playerY(id) - 1000);
    assertTrue(dist <= 200.0, "diagonal went " + dist);
    assertTrue(dist > 190.0, "diagonal went only " + dist); // snapping may lose a little
    assertEquals(game.playerX(id) - 1000, game.playerY(id) - 1000);
  }

  @Test
  void halfStickIsHalfSpeed() {
    int id = game.addPlayer("a");
    game.teleport(id, 1000, 1000);
    game.applyInput(id, new PlayerInput(0, -64, 0, false)); // 200 * 64/127 / 20 = 5.04 / tick
    run(10);
    assertEquals(1000.0, game.playerX(id));
    assertEquals(950.0, game.playerY(id)); // 5.04 snaps to 5.0 every tick
  }

  @Test
  void intentHoldsUntilTheNextInput() {
    int id = game.addPlayer("a");
    game.teleport(id, 1000, 1000);
    game.applyInput(id, new PlayerInput(127, 0, 0, false));
    run(5);
    game.applyInput(id, PlayerInput.IDLE);
    run(5);
    assertEquals(1050.0, game.playerX(id));
  }

  @Test
  void playerStaysInsideMap() {
    int id = game.addPlayer("a");
    game.applyInput(id, new PlayerInput(-127, -127, 0, false));
    run(600);
    assertEquals(20.0, game.playerX(id));
    assertEquals(20.0, game.playerY(id));
    game.applyInput(id, new PlayerInput(127, 127, 0, false));
    run(600);
    assertEquals(3980.0, game.playerX(id));
    assertEquals(3980.0, game.playerY(id));
  }

  @Test
  void wireStateIsTheRealState() {
    int id = game.addPlayer("a");
    game.applyInput(id, new PlayerInput(93, -41, 0, false));
    for (int i = 0; i < 50; i++) {
      run(1);
      double scaledX = game.playerX(id) * game.rules().positionScale();
      double scaledY = game.playerY(id) * game.rules().positionScale();
      assertEquals(Math.rint(scaledX), scaledX, "x off the wire grid");
      assertEquals(Math.rint(scaledY), scaledY, "y off the wire grid");
      assertEquals((int) scaledX, Rows.field(game, id, X));
      assertEquals((int) scaledY, Rows.field(game, id, Y));
    }
  }

  @Test
  void spawnPointsAreInsideTheMapOnTheGrid() {
    for (int i = 0; i < 200; i++) {
      int id = game.addPlayer("p" + i);
      double x = game.playerX(id);
      double y = game.playerY(id);
      assertTrue(x >= 20 && x <= 3980 && y >= 20 && y <= 3980, x + "," + y);
      assertEquals(Math.rint(x * 2), x * 2);
    }
    assertEquals(200, game.playerCount());
  }

  @Test
  void aimIsSentAsAByte() {
    int id = game.addPlayer("a");
    int[][] cases = {{0, 0}, {127, 0}, {128, 1}, {16384, 64}, {32768, 128}, {65407, 255},
        {65408, 0}, {65535, 0}};
    for (int[] c : cases) {
      game.applyInput(id, new PlayerInput(0, 0, c[0], false));
      assertEquals(c[1], Rows.field(game, id, AIM), "aim " + c[0]);
    }
  }

  @Test
  void inputForUnknownIdIsIgnored() {
    assertDoesNotThrow(() -> game.applyInput(12345, new PlayerInput(127, 0, 0, true)));
    run(1);
    assertEquals(0, Rows.state(game).size());
  }

  @Test
  void removedPlayerLeavesTheWorldAndIdsAreNotReused() {
    int a = game.addPlayer("a");
    int b = game.addPlayer("b");
    game.removePlayer(a);
    game.removePlayer(a); // twice is harmless
    int c = game.addPlayer("c");
    assertTrue(c > b);
    assertEquals(2, game.playerCount());
    EntityTable t = Rows.state(game);
    assertEquals(2, t.size());
    assertEquals(b, t.id(0));
    assertEquals("b", t.name(0));
    assertEquals(c, t.id(1));
    assertThrows(IllegalArgumentException.class, () -> game.playerX(a));
  }

  @Test
  void ticksMustGrow() {
    game.step(1);
    assertThrows(IllegalArgumentException.class, () -> game.step(1));
    assertDoesNotThrow(() -> game.step(3));
  }

  @Test
  void tickRateOutsideTenToSixtyIsRejected() {
    assertThrows(IllegalArgumentException.class, () -> new ArenaGame(ArenaRules.defaults(), 9, 1));
    assertThrows(IllegalArgumentException.class, () -> new ArenaGame(ArenaRules.defaults(), 61, 1));
  }

  @Test
  void specDescribesTheArena() {
    GameSpec<?> spec = ArenaGame.spec(ArenaRules.defaults());
    EntitySchema schema = spec.schema();
    assertEquals(java.util.List.of("kind", "x", "y", "vx", "vy", "aim", "hp", "score", "deaths",
        "owner", "spawn_tick", "heading"),
        schema.fields().stream().map(EntitySchema.Field::name).toList());
    int[] rates = schema.rates();
    assertEquals(schema.index("vx"), rates[schema.xField()]);
    assertEquals(schema.index("vy"), rates[schema.yField()]);
    assertEquals(schema.index("x"), schema.xField());
    assertEquals(schema.index("y"), schema.yField());
    assertEquals(2, spec.positionScale());
    assertEquals(4000, spec.mapWidth());
    assertEquals(4000, spec.mapHeight());
    assertEquals(java.util.List.of("playerSpeed", "playerRadius", "projectileSpeed",
        "projectileLifetimeMs", "hitRadius", "fireCooldownMs", "maxHp"),
        java.util.List.copyOf(spec.constants().keySet()));
    assertEquals(600.0, spec.constants().get("projectileSpeed"));
    assertEquals(1000.0, spec.constants().get("projectileLifetimeMs"));
    assertEquals(java.util.List.of("chat", "kill", "hit"), spec.eventNames());
    assertEquals("tickstream.arena.v1.ArenaInput", spec.input().protoName());
  }

  @Test
  void specMakesAnArenaPerRoomAtTheRoomsRate() {
    Game<?> g = ArenaGame.spec(ArenaRules.defaults()).create(new OfflineRoom("room-1", 30, 7));
    assertTrue(g instanceof ArenaGame);
    assertEquals(30, ((ArenaGame) g).tickRate());
  }

  @Test
  void inputCheckRefusesOutOfRangeValues() {
    assertEquals(null, ArenaSpec.checkInput(ArenaInput.newBuilder().setMoveX(-127).setMoveY(127)
        .setAim(65535).build()));
    assertTrue(ArenaSpec.checkInput(ArenaInput.newBuilder().setMoveX(128).build())
        .contains("move"));
    assertTrue(ArenaSpec.checkInput(ArenaInput.newBuilder().setAim(65536).build())
        .contains("aim"));
    assertTrue(ArenaSpec.checkInput(ArenaInput.newBuilder().setAim(-1).build()).contains("aim"));
  }

}
