package dev.tickstream.sim;

import dev.tickstream.wire.EntityTable;
import java.util.Arrays;

/**
 * The {@link Rewind} the engine (and {@link OfflineRoom}) keeps: each entity's position for the
 * last {@code maxTicks + 1} recorded ticks, in slots reused tick after tick. A slot holds the
 * ids in ascending order (for {@link #positionAt}) and the rows sorted by x (so that an area or
 * a segment scans only the entities in its x range, not the room). Recording a tick sorts its
 * entities once (one {@code long} key each) and allocates nothing once the slots have grown to
 * the room's size; memory is about 20 bytes per entity per slot.
 *
 * <p>Not thread-safe: the room's thread only.
 */
public final class PositionHistory implements Rewind {
  private static final int[] NONE = new int[0];

  private final int maxTicks;
  private final int xField;
  private final int yField;
  private final Slot[] slots;
  private int newest;
  private int oldest;
  private int[] xs = new int[64];
  private int[] ys = new int[64];
  /** Query scratch: candidate ids and their order keys. */
  private int[] hitIds = new int[16];
  private double[] hitKeys = new double[16];

  private static final class Slot {
    int tick;
    int count;
    int[] ids = new int[64];
    int[] xs = new int[64];
    int[] ys = new int[64];
    /** (x << 32) | row, ascending: rows by x. */
    long[] byX = new long[64];

    void ensure(int n) {
      if (ids.length < n) {
        int cap = Math.max(n, ids.length * 2);
        ids = Arrays.copyOf(ids, cap);
        xs = Arrays.copyOf(xs, cap);
        ys = Arrays.copyOf(ys, cap);
        byX = Arrays.copyOf(byX, cap);
      }
    }
  }

  /**
   * @param maxTicks how many ticks back queries may reach, 0..
   * @param schema where positions are when the game's {@link Game#positions} writes none
   */
  public PositionHistory(int maxTicks, EntitySchema schema) {
    if (maxTicks < 0) {
      throw new IllegalArgumentException("maxTicks must be >= 0: " + maxTicks);
    }
    this.maxTicks = maxTicks;
    this.xField = schema.xField();
    this.yField = schema.yField();
    this.slots = new Slot[maxTicks + 1];
    for (int i = 0; i < slots.length; i++) {
      slots[i] = new Slot();
    }
  }

  /**
   * Records every row's position at {@code tick}, as {@code game}'s {@link Game#positions}
   * writes them, else from the schema's position fields (none: nothing is found at that tick).
   * Ticks grow; recording an older one than the newest forgets the later ones (a restore).
   */
  public void record(int tick, EntityTable state, Game<?> game) {
    if (tick <= 0) {
      throw new IllegalArgumentException("ticks count from 1: " + tick);
    }
    int n = state.size();
    if (xs.length < n) {
      xs = new int[Math.max(n, xs.length * 2)];
      ys = new int[xs.length];
    }
    boolean placed = game.positions(state, tick, xs, ys);
    Slot s = slots[tick % slots.length];
    s.ensure(n);
    s.tick = tick;
    s.count = 0;
    if (!placed && (xField < 0 || yField < 0)) {
      advance(tick);
      return; // a world without positions: nothing to rewind
    }
    for (int r = 0; r < n; r++) {
      int x = placed ? xs[r] : state.get(r, xField);
      int y = placed ? ys[r] : state.get(r, yField);
      s.ids[r] = state.id(r);
      s.xs[r] = x;
      s.ys[r] = y;
      s.byX[r] = ((long) x << 32) | r;
    }
    s.count = n;
    Arrays.sort(s.byX, 0, n);
    advance(tick);
  }

  /**
   * Copies the positions recorded at {@code tick}, in that tick's row order, into {@code xs}
   * and {@code ys} (each at least the row count long); false when that tick holds none (not
   * recorded, or a world without positions). Lets a tick's other readers (the area of interest)
   * use what {@link #record} already asked of the game.
   */
  public boolean copyPositions(int tick, int[] xs, int[] ys) {
    Slot s = slots[Math.floorMod(tick, slots.length)];
    if (s.tick != tick || s.count == 0 || tick < oldest || tick > newest) {
      return false;
    }
    System.arraycopy(s.xs, 0, xs, 0, s.count);
    System.arraycopy(s.ys, 0, ys, 0, s.count);
    return true;
  }

  private void advance(int tick) {
    if (tick <= newest || oldest == 0) {
      oldest = tick; // the first record, or a restore: what came before is another timeline
    }
    newest = tick;
    oldest = Math.max(oldest, tick - slots.length + 1);
  }

  @Override
  public int maxTicks() {
    return maxTicks;
  }

  /** The newest recorded tick, 0 before the first. */
  public int newestTick() {
    return newest;
  }

  @Override
  public int clamp(int tick) {
    if (newest == 0) {
      return 0;
    }
    // During tick N the newest recorded is N - 1: the bound is N - maxTicks.
    int t = Math.max(tick, newest + 1 - maxTicks);
    return Math.max(oldest, Math.min(t, newest));
  }

  private Slot slot(int tick) {
    int t = clamp(tick);
    if (t == 0) {
      return null;
    }
    Slot s = slots[t % slots.length];
    return s.tick == t ? s : null;
  }

  @Override
  public Position positionAt(int entityId, int tick) {
    Slot s = slot(tick);
    if (s == null) {
      return null;
    }
    int r = Arrays.binarySearch(s.ids, 0, s.count, entityId);
    return r < 0 ? null : new Position(s.xs[r], s.ys[r]);
  }

  @Override
  public int[] entitiesWithin(double x, double y, double radius, int tick) {
    Slot s = slot(tick);
    if (s == null || !(radius >= 0) || Double.isNaN(x) || Double.isNaN(y)) {
      return NONE;
    }
    double r2 = radius * radius;
    int found = 0;
    for (int i = firstAtOrRight(s, x - radius); i < s.count; i++) {
      long key = s.byX[i];
      if ((int) (key >> 32) > x + radius) {
        break;
      }
      int row = (int) key;
      double dx = s.xs[row] - x;
      double dy = s.ys[row] - y;
      if (dx * dx + dy * dy <= r2) {
        found = collect(found, s.ids[row], s.ids[row]);
      }
    }
    return sorted(found);
  }

  @Override
  public int[] entitiesAlong(double x1, double y1, double x2, double y2, double halfWidth,
      int tick) {
    Slot s = slot(tick);
    if (s == null || !(halfWidth >= 0) || Double.isNaN(x1 + y1 + x2 + y2)) {
      return NONE;
    }
    double dx = x2 - x1;
    double dy = y2 - y1;
    double a = dx * dx + dy * dy;
    double r2 = halfWidth * halfWidth;
    double loY = Math.min(y1, y2) - halfWidth;
    double hiY = Math.max(y1, y2) + halfWidth;
    double hiX = Math.max(x1, x2) + halfWidth;
    int found = 0;
    for (int i = firstAtOrRight(s, Math.min(x1, x2) - halfWidth); i < s.count; i++) {
      long key = s.byX[i];
      if ((int) (key >> 32) > hiX) {
        break;
      }
      int row = (int) key;
      if (s.ys[row] < loY || s.ys[row] > hiY) {
        continue;
      }
      double along = entry(x1 - s.xs[row], y1 - s.ys[row], dx, dy, a, r2);
      if (along <= 1) {
        found = collect(found, s.ids[row], along);
      }
    }
    return sorted(found);
  }

  /**
   * How far along a segment (0..1) a point starting at offset (fx, fy) from a circle's centre
   * and moving by (dx, dy), a = |(dx, dy)|², first comes within the circle of radius² r2, or
   * +infinity if it does not within the segment. Games sweeping shots against their own
   * present positions use it too.
   */
  public static double entry(double fx, double fy, double dx, double dy, double a, double r2) {
    double c = fx * fx + fy * fy - r2;
    if (c <= 0) {
      return 0; // starts inside
    }
    double b = fx * dx + fy * dy;
    if (a == 0 || b >= 0) {
      return Double.POSITIVE_INFINITY; // not moving, or moving away
    }
    double disc = b * b - a * c;
    if (disc < 0) {
      return Double.POSITIVE_INFINITY; // passes by
    }
    double t = (-b - Math.sqrt(disc)) / a;
    return t <= 1 ? t : Double.POSITIVE_INFINITY;
  }

  /** Index in {@code byX} of the first row whose x is at least {@code x}. */
  private static int firstAtOrRight(Slot s, double x) {
    double c = Math.ceil(x);
    if (c <= Integer.MIN_VALUE) {
      return 0;
    }
    if (c > Integer.MAX_VALUE) {
      return s.count;
    }
    long key = (long) (int) c << 32; // row bits 0: before every row at that x
    int i = Arrays.binarySearch(s.byX, 0, s.count, key);
    return i >= 0 ? i : -i - 1;
  }

  private int collect(int found, int id, double order) {
    if (found == hitIds.length) {
      hitIds = Arrays.copyOf(hitIds, found * 2);
      hitKeys = Arrays.copyOf(hitKeys, found * 2);
    }
    hitIds[found] = id;
    hitKeys[found] = order;
    return found + 1;
  }

  /** The collected ids by key, then id (insertion sort: answers are a handful). */
  private int[] sorted(int found) {
    int[] out = new int[found];
    double[] keys = hitKeys;
    for (int i = 0; i < found; i++) {
      int id = hitIds[i];
      double k = keys[i];
      int j = i - 1;
      while (j >= 0 && (keys[j] > k || (keys[j] == k && out[j] > id))) {
        out[j + 1] = out[j];
        keys[j + 1] = keys[j];
        j--;
      }
      out[j + 1] = id;
      keys[j + 1] = k;
    }
    return out;
  }
}
