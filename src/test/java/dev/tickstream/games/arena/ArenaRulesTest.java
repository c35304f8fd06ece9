package dev.tickstream.games.arena;

import dev.tickstream.wire.EntityTable;
import dev.tickstream.sim.Game;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class ArenaRulesTest {

  @Test
  void defaultsAreTheReferenceWorkload() {
    ArenaRules r = ArenaRules.defaults();
    assertEquals(4000, r.mapWidth());
    assertEquals(4000, r.mapHeight());
    assertEquals(200.0, r.playerSpeed());
    assertEquals(20.0, r.playerRadius());
    assertEquals(100, r.maxHp());
    assertEquals(600.0, r.projectileSpeed());
    assertEquals(1000, r.projectileLifetimeMs());
    assertEquals(20.0, r.hitRadius());
    assertEquals(10, r.damage());
    assertEquals(250, r.fireCooldownMs());
    assertEquals(2, r.positionScale());
  }

  @Test
  void cooldownIsRoundedUpToWholeTicks() {
    ArenaRules r = ArenaRules.defaults();
    assertEquals(5, r.fireCooldownTicks(20));
    assertEquals(8, r.fireCooldownTicks(30)); // 7.5 ticks: never faster than 250 ms
    assertEquals(15, r.fireCooldownTicks(60));
    assertEquals(3, r.fireCooldownTicks(10));
    ArenaRules noCooldown = new ArenaRules(4000, 4000, 200, 20, 100, 600, 1000, 20, 10, 0, 2);
    assertEquals(1, noCooldown.fireCooldownTicks(20)); // at most one shot per tick
  }

  @Test
  void nonsenseRulesAreRejected() {
    assertThrows(IllegalArgumentException.class,
        () -> new ArenaRules(0, 4000, 200, 20, 100, 600, 1000, 20, 10, 250, 2));
    assertThrows(IllegalArgumentException.class,
        () -> new ArenaRules(4000, 4000, -1, 20, 100, 600, 1000, 20, 10, 250, 2));
    assertThrows(IllegalArgumentException.class,
        () -> new ArenaRules(4000, 4000, Double.NaN, 20, 100, 600, 1000, 20, 10, 250, 2));
    assertThrows(IllegalArgumentException.class,
        () -> new ArenaRules(100, 100, 200, 50, 100, 600, 1000, 20, 10, 250, 2));
    assertThrows(IllegalArgumentException.class,
        () -> new ArenaRules(4000, 4000, 200, 20, 0, 600, 1000, 20, 10, 250, 2));
    assertThrows(IllegalArgumentException.class,
        () -> new ArenaRules(4000, 4000, 200, 20, 100, 600, 0, 20, 10, 250, 2));
    assertThrows(IllegalArgumentException.class,
        () -> new ArenaRules(4000, 4000, 200, 20, 100, 600, 1000, 20, 0, 250, 2));
    assertThrows(IllegalArgumentException.class,
        () -> new ArenaRules(4000, 4000, 200, 20, 100, 600, 1000, 20, 10, -1, 2));
    assertThrows(IllegalArgumentException.class,
        () -> new ArenaRules(4000, 4000, 200, 20, 100, 600, 1000, 20, 10, 250, 0));
    assertThrows(IllegalArgumentException.class,
        () -> new ArenaRules(4_000_000, 4000, 200, 20, 100, 600, 1000, 20, 10, 250, 1024));
  }
}
