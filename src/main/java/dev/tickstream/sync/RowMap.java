package dev.tickstream.sync;

import dev.tickstream.wire.EntityTable;

/**
 * Where each row of an earlier world state sits in the current one (-1: that entity is gone),
 * found by one merge of the two tables' ascending ids. A client's last view, kept as rows of
 * the state it was taken from, then reaches this tick's rows by a lookup per row instead of an
 * id-by-id search through its own cold array: one merge per earlier state per tick, shared by
 * every client that was sent that state.
 *
 * <p>Holds a few earlier states at once (with {@code deltaBase=sent} there is one: the last
 * tick); arrays are reused; confined to its room's thread.
 */
public final class RowMap {
  static final int SLOTS = 4;

  private EntityTable current;
  private final EntityTable[] froms = new EntityTable[SLOTS];
  private final int[][] maps = new int[SLOTS][];
  private int used;
  private int evict;

  /** Forgets every map: from now on they lead into {@code current}'s rows. */
  public void reset(EntityTable current) {
    this.current = current;
    used = 0;
  }

  /**
   * Row of the current state for each row of {@code from}, or -1; valid until the next
   * {@link #reset} and for at least {@link #SLOTS} - 1 further calls with other states.
   */
  public int[] of(EntityTable from) {
    for (int i = 0; i < used; i++) {
      if (froms[i] == from) {
        return maps[i];
      }
    }
    int i;
    if (used < SLOTS) {
      i = used++;
    } else {
      i = evict;
      evict = (evict + 1) % SLOTS;
    }
    froms[i] = from;
    if (maps[i] == null || maps[i].length < from.size()) {
      maps[i] = new int[Math.max(from.size(), 64)];
    }
    fill(from, current, maps[i]);
    return maps[i];
  }

  /**
   * Takes {@code rows[0..count)} through {@code map} (from {@link #of}) into {@code out},
   * grown when short, and returns it: a client's last view as this state's rows (-1: gone),
   * read in order by both its interest query and its deltas instead of through the map twice.
   */
  public static int[] apply(int[] map, int[] rows, int count, int[] out) {
    int[] o = out.length >= count ? out : new int[Math.max(count, out.length * 2)];
    for (int k = 0; k < count; k++) {
      o[k] = map[rows[k]];
    }
    return o;
  }

  private static void fill(EntityTable from, EntityTable to, int[] map) {
    int j = 0;
    int n = to.size();
    for (int r = 0; r < from.size(); r++) {
      int id = from.id(r);
      while (j < n && to.id(j) < id) {
        j++;
      }
      map[r] = j < n && to.id(j) == id ? j : -1;
    }
  }
}
