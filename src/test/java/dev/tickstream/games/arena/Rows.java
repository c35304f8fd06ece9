package dev.tickstream.games.arena;

import dev.tickstream.wire.EntityTable;
import dev.tickstream.sim.Game;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Reads an arena's state the way the engine does: through {@link Game#writeState}. */
final class Rows {
  private Rows() {}

  static EntityTable state(Game game) {
    EntityTable table = new EntityTable(ArenaGame.SCHEMA.fieldCount());
    game.writeState(table);
    return table;
  }

  static int field(Game game, int id, int field) {
    EntityTable table = state(game);
    int row = table.indexOf(id);
    assertTrue(row >= 0, "no entity " + id);
    return table.get(row, field);
  }

  static int[] row(EntityTable table, int id) {
    int row = table.indexOf(id);
    if (row < 0) {
      return null;
    }
    int[] values = new int[table.fieldCount()];
    for (int f = 0; f < values.length; f++) {
      values[f] = table.get(row, f);
    }
    return values;
  }

  /** Ids of the projectile rows, ascending. */
  static int[] projectiles(Game game) {
    EntityTable table = state(game);
    return java.util.stream.IntStream.range(0, table.size())
        .filter(r -> table.get(r, ArenaRows.KIND) == ArenaGame.KIND_PROJECTILE)
        .map(table::id)
        .toArray();
  }
}
