package dev.tickstream.sync;

import dev.tickstream.wire.EntityTable;
import dev.tickstream.wire.SnapshotRing;
import java.util.Arrays;

/**
 * The one way a room encodes a client's snapshot body: from the room's state at a tick and
 * what the client was sent, the body of its frame (the part {@link SnapshotFrames} wraps). It
 * owns area of interest (the grid, the hysteresis, the client's view rings) and picks the
 * encoding:
 *
 * <ul>
 *   <li>a client that sees the whole world: {@link DeltaEncoder} over the whole state, one body
 *       per base tick shared by every such client;
 *   <li>a client whose base is the view it was sent last tick (with {@code deltaBase=sent},
 *       nearly all of them): {@link ViewDeltas}, prepared once per tick;
 *   <li>any other view: {@link DeltaEncoder}, its row deltas memoized per base for the tick.
 * </ul>
 *
 * <p>A tick is {@link #beginTick}, {@link #locate} for each client, {@link #order}, then
 * {@link #encode} for each client sent a frame, then {@link #endTick}. Positions and radii are
 * in wire units (map units times the game's position scale); ticks count from 1; bodies and
 * lengths are in bytes.
 *
 * <p>Threading: confined to the room's event loop, like the ring and the states it reads. Its
 * scratch arrays are reused from tick to tick, so a warm tick allocates nothing here.
 */
public final class ViewEncoder {
  /** An entity seen stays in view until it is this much farther than the view radius. */
  public static final double KEEP_FACTOR = 1.15;

  /** Writes each row's position, as {@code Game.positions}; false: none was written. */
  @FunctionalInterface
  public interface Positions {
    boolean write(EntityTable state, int tick, int[] xs, int[] ys);
  }

  /**
   * Area of interest: the map's size and the view radius, in wire units, and where rows are
   * ({@code positions}, or else the fields {@code xField} and {@code yField}).
   */
  public record Interest(int width, int height, int radius, int xField, int yField,
      Positions positions) {}

  private final SnapshotRing ring;
  private final int viewSlots;
  private final DeltaEncoder encoder;
  private final ViewDeltas viewDeltas;
  private boolean viewDeltasReady;
  private final BodyCache bodies = new BodyCache();
  /** Null when every client sees the whole world. */
  private final InterestGrid grid;
  private final Interest interest;
  private final RowMap rowMap = new RowMap();
  private final int radius;
  private final int keepRadius;
  private int tick;
  private EntityTable state;
  /** The view being encoded, recorded in its client's ring once done with; sized to the world. */
  private int[] viewRows = new int[64];
  /** The client's last view taken to this tick's rows (-1: gone), for query and encoder. */
  private int[] keepNow = new int[256];
  /** Clients' indices in sending order; by client index, where its view is centred. */
  private int[] order = new int[64];
  private int[] centreXs = new int[64];
  private int[] centreYs = new int[64];
  /** The ring the last view goes into, when it has not gone in yet. */
  private ViewRing unrecorded;
  /** The last encoding: its body, and what the client was sent against what it had. */
  private byte[] body;
  private int bodyLength;
  private int baseTick;
  private int[] rows;
  private int count;
  private EntityTable base;
  private int[] baseRows;
  private int baseCount;

  /**
   * @param rateOf per field, the field holding its change per tick, or -1; null for none
   * @param ring the room's states by tick, where bases are found
   * @param viewSlots views kept per client: 2 when deltas are made against the last view
   *     sent (only that one is ever read), else the ring's capacity
   * @param interest null: every client sees the whole world
   */
  public ViewEncoder(int[] rateOf, SnapshotRing ring, int viewSlots, Interest interest) {
    this.ring = ring;
    this.viewSlots = viewSlots;
    this.encoder = new DeltaEncoder(rateOf);
    this.viewDeltas = new ViewDeltas(rateOf);
    this.interest = interest;
    this.radius = interest == null ? 0 : interest.radius();
    this.keepRadius = (int) Math.round(radius * KEEP_FACTOR);
    // Cells of half the radius: a query then scans about 1.9 times the view's area, not 2.6.
    this.grid = interest == null ? null
        : new InterestGrid(interest.width(), interest.height(), Math.max(1, radius / 2));
  }

  /** Whether clients may see less than the whole world. */
  public boolean hasInterest() {
    return grid != null;
  }

  /** The view radius in wire units (0 without interest). */
  public int radius() {
    return radius;
  }

  /**
   * Starts tick {@code tick}, whose state is {@code state} (stored in the ring at that tick);
   * neither may change until {@link #endTick}.
   */
  public void beginTick(int tick, EntityTable state) {
    this.tick = tick;
    this.state = state;
    bodies.clear();
    viewDeltasReady = false;
    encoder.beginTick(state);
    if (grid != null) {
      int n = state.size();
      int[] xs = grid.xs(n);
      int[] ys = grid.ys();
      if (!interest.positions().write(state, tick, xs, ys)) {
        for (int r = 0; r < n; r++) {
          xs[r] = state.get(r, interest.xField());
          ys[r] = state.get(r, interest.yField());
        }
      }
      grid.build(n);
      rowMap.reset(state);
      if (viewRows.length < n) {
        viewRows = new int[Math.max(n, viewRows.length * 2)];
      }
    }
  }

  /** This tick's position of each row, in wire units; null without interest. */
  public int[] xs() {
    return grid == null ? null : grid.xs();
  }

  public int[] ys() {
    return grid == null ? null : grid.ys();
  }

  /**
   * Centres client {@code index}'s view this tick: on its entity {@code entityId}, or where
   * its last view was when the entity is not in the world (0 for none).
   */
  public void locate(int index, int entityId, ViewRing views) {
    if (grid == null) {
      return;
    }
    if (order.length <= index) {
      int cap = Math.max(index + 1, order.length * 2);
      order = new int[cap];
      centreXs = Arrays.copyOf(centreXs, cap);
      centreYs = Arrays.copyOf(centreYs, cap);
    }
    int self = state.indexOf(entityId);
    centreXs[index] = self >= 0 ? grid.xs()[self] : views.x;
    centreYs[index] = self >= 0 ? grid.ys()[self] : views.y;
  }

  /**
   * The order to encode clients {@code 0..n-1} in (after {@link #locate} for each): along the
   * grid's path, so clients encoded one after another see nearly the same entities, whose rows
   * are still in the core's cache, instead of rows scattered over the world for each.
   */
  public int[] order(int n) {
    if (order.length < n) {
      order = new int[Math.max(n, order.length * 2)];
    }
    if (grid == null) {
      for (int i = 0; i < n; i++) {
        order[i] = i;
      }
    } else {
      grid.orderAlongPath(centreXs, centreYs, n, order);
    }
    return order;
  }

  /** Where client {@code index}'s view is centred this tick (after {@link #locate}). */
  public int centreX(int index) {
    return centreXs[index];
  }

  public int centreY(int index) {
    return centreYs[index];
  }

  /**
   * Encodes client {@code index}'s body: against its view at {@code wanted} (the tick it
   * acknowledged, or the last it was sent), or in full when that is no longer known.
   * {@link #bytes()} and the rest describe it until the next call; the view is recorded in the
   * client's ring only then (or at {@link #endTick}), so that {@link #baseRows()} stays valid.
   *
   * @param seesAll the client sees the whole world whatever the interest (a spectator)
   * @param wanted the tick to diff against; 0 for a full snapshot
   * @param lastSentTick the tick of the last frame written to the client, 0 for none
   */
  public void encode(int index, ViewRing views, boolean seesAll, int wanted,
      int lastSentTick) {
    record();
    if (grid == null || seesAll) {
      encodeWorld(wanted);
    } else {
      encodeView(index, views, wanted, lastSentTick);
    }
  }

  /** The whole world, against the client's base; the body is shared by equal bases. */
  private void encodeWorld(int wanted) {
    base = ring.get(wanted);
    baseTick = base == null ? 0 : wanted;
    int slot = bodies.find(baseTick);
    if (slot < 0) {
      encoder.encode(base, null, base == null ? 0 : base.size(), state, null, state.size(),
          tick - baseTick);
      slot = bodies.put(baseTick, encoder.bytes(), encoder.length());
    }
    body = bodies.bytes(slot);
    bodyLength = bodies.length(slot);
    rows = null;
    count = state.size();
    baseRows = null;
    baseCount = base == null ? 0 : base.size();
  }

  /** Only what the client can see, against exactly the view it had at its base. */
  private void encodeView(int index, ViewRing views, int wanted, int lastSentTick) {
    views.allocate(viewSlots);
    // The last view sent, as this tick's rows: what stays in view by hysteresis.
    int keepCount = 0;
    int[] keepRows = null;
    EntityTable sent = lastSentTick > 0 ? ring.get(lastSentTick) : null;
    if (sent != null) {
      keepRows = views.rows(lastSentTick);
      if (keepRows != null) {
        keepCount = views.count(lastSentTick);
        keepNow = RowMap.apply(rowMap.of(sent), keepRows, keepCount, keepNow);
      }
    }
    int cx = centreXs[index];
    int cy = centreYs[index];
    views.x = cx;
    views.y = cy;
    EntityTable wantedState = ring.get(wanted);
    baseRows = wantedState == null ? null : views.rows(wanted);
    base = baseRows == null ? null : wantedState;
    baseCount = baseRows == null ? 0 : views.count(wanted);
    baseTick = baseRows == null ? 0 : wanted;
    rows = viewRows;
    count = grid.query(cx, cy, radius, keepRadius, keepNow, keepCount, rows);
    if (baseRows != null && wanted == tick - 1 && lastSentTick == wanted) {
      // The common case: the base is the view sent last tick, which is also the keep view.
      if (!viewDeltasReady) {
        viewDeltas.prepare(base, state, 1);
        viewDeltasReady = true;
      }
      viewDeltas.encode(rows, count, keepRows, keepNow, keepCount);
      body = viewDeltas.bytes();
      bodyLength = viewDeltas.length();
    } else {
      encoder.encode(base, baseRows, baseCount, state, rows, count, tick - baseTick);
      body = encoder.bytes();
      bodyLength = encoder.length();
    }
    unrecorded = views;
  }

  /** Records the last view encoded in its client's ring, if it is not yet. */
  private void record() {
    if (unrecorded != null) {
      unrecorded.record(tick, viewRows, count);
      unrecorded = null;
    }
  }

  /** Ends the tick: the last view is recorded, and nothing of the tick's state is kept. */
  public void endTick() {
    record();
    encoder.beginTick(null);
    state = null;
    base = null;
  }

  /** The last body: {@code bytes()[0..length())}. */
  public byte[] bytes() {
    return body;
  }

  public int length() {
    return bodyLength;
  }

  /** The tick the last body is a delta against; 0 for a full snapshot. */
  public int baseTick() {
    return baseTick;
  }

  /** The rows of this tick's state in the last body's view, ascending; null: every row. */
  public int[] rows() {
    return rows;
  }

  /** How many of {@link #rows()} count (the state's size when it is null). */
  public int count() {
    return count;
  }

  /** The state at {@link #baseTick()}; null for a full snapshot. */
  public EntityTable base() {
    return base;
  }

  /** The rows of {@link #base()} the client had; null: every row. */
  public int[] baseRows() {
    return baseRows;
  }

  public int baseCount() {
    return baseCount;
  }
}
