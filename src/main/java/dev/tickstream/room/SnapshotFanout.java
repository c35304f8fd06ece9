package dev.tickstream.room;

import dev.tickstream.sim.EntitySchema;
import dev.tickstream.wire.EntityTable;
import dev.tickstream.sim.Game;
import dev.tickstream.sim.GameSpec;
import dev.tickstream.sync.DeltaEncoder;
import dev.tickstream.sync.InterestGrid;
import dev.tickstream.sync.RowMap;
import dev.tickstream.sync.SnapshotFrames;
import dev.tickstream.wire.SnapshotRing;
import dev.tickstream.sync.ViewDeltas;
import dev.tickstream.sync.ViewRing;
import io.vertx.core.buffer.Buffer;
import java.util.List;

/**
 * Writes one tick's snapshot to every connected member of a room: a delta against the last
 * snapshot written to that member (or, with {@code deltaBase=acked}, the last it
 * acknowledged), limited to its area of interest when the room has a view radius.
 * Members that see the whole room and acked the same tick share one encoded body; each
 * member's game events ride behind its body. Confined to the room's thread.
 */
final class SnapshotFanout {
  /** An entity seen stays in view until it is this much farther than the view radius. */
  static final double KEEP_FACTOR = 1.15;

  private final Game<?> game;
  private final EntitySchema schema;
  private final RoomEvents events;
  private final RoomOptions options;
  private final SnapshotRing ring;
  private final RoomMetrics metrics;
  private final DeltaEncoder encoder;
  /** The fast path for views whose base is the previous tick; prepared once per tick. */
  private final ViewDeltas viewDeltas;
  private boolean viewDeltasReady;
  private final BodyCache bodies = new BodyCache();
  private final InterestGrid grid;
  private final RowMap rowMap = new RowMap();
  private final int radius;
  private final int keepRadius;
  /** The view being sent, before it is recorded in the member's ring; sized to the world. */
  private int[] viewRows = new int[64];
  /** The member's last view taken to this tick's rows (-1: gone), for query and encoder. */
  private int[] keepNow = new int[256];
  /** Members' indices in sending order; by member index, where its view is centred. */
  private int[] order = new int[64];
  private int[] memberXs = new int[64];
  private int[] memberYs = new int[64];
  private RoomObserver observer = RoomObserver.NONE;
  private final RoomObserver.Sent seen = new RoomObserver.Sent();
  volatile long bytesOut;
  volatile long skipped;

  SnapshotFanout(GameSpec<?> spec, Game<?> game, RoomOptions options, SnapshotRing ring,
      RoomMetrics metrics, RoomEvents events) {
    this.game = game;
    this.schema = spec.schema();
    this.events = events;
    this.options = options;
    this.ring = ring;
    this.metrics = metrics;
    this.encoder = new DeltaEncoder(schema.rates());
    this.viewDeltas = new ViewDeltas(schema.rates());
    this.radius = schema.xField() >= 0 && schema.yField() >= 0
        ? options.viewRadius() * spec.positionScale() : 0;
    this.keepRadius = (int) Math.round(radius * KEEP_FACTOR);
    // Cells of half the radius: a query then scans about 1.9 times the view's area, not 2.6.
    this.grid = radius > 0 ? new InterestGrid(spec.mapWidth() * spec.positionScale(),
        spec.mapHeight() * spec.positionScale(), Math.max(1, radius / 2)) : null;
  }

  void observer(RoomObserver observer) {
    this.observer = observer == null ? RoomObserver.NONE : observer;
  }

  void send(int tick, EntityTable state, List<Member> connected, long now) {
    bodies.clear();
    viewDeltasReady = false;
    encoder.beginTick(state);
    if (grid != null) {
      int[] xs = grid.xs(state.size());
      int[] ys = grid.ys();
      if (!game.positions(state, tick, xs, ys)) {
        int fx = schema.xField();
        int fy = schema.yField();
        for (int r = 0; r < state.size(); r++) {
          xs[r] = state.get(r, fx);
          ys[r] = state.get(r, fy);
        }
      }
      grid.build(state.size());
      rowMap.reset(state);
      if (viewRows.length < state.size()) {
        viewRows = new int[Math.max(state.size(), viewRows.length * 2)];
      }
      orderBySpace(state, connected);
    }
    if (!events.isEmpty()) {
      events.locate(state, grid == null ? null : grid.xs(), grid == null ? null : grid.ys());
    }
    // Counted per tick, not per member: a volatile write and two counter updates per member
    // are three thousand atomic operations a tick at 1,000 players.
    long bytes = 0;
    int frames = 0;
    for (int j = 0; j < connected.size(); j++) {
      int i = grid != null ? order[j] : j;
      Member member = connected.get(i);
      ClientLink link = member.link;
      if (!events.isEmpty() && !routeEvents(member, i)) {
        metrics.stalledClosed.increment();
        link.close((short) 1008, "connection too slow: more than " + options.eventBuffer()
            + " game events unread", null);
        continue;
      }
      if (link.writeQueueFull()) {
        // Skipping loses nothing: the next delta is still made against a snapshot the client
        // has (the last one written, or the last one it acknowledged).
        skipped++;
        metrics.snapshotsSkipped.increment();
        if (now - member.lastWriteNanos > options.stallTimeoutMs() * 1_000_000L) {
          metrics.stalledClosed.increment();
          link.close((short) 1008, "connection too slow: no snapshot delivered for "
              + options.stallTimeoutMs() + " ms", null);
        }
        continue;
      }
      Buffer frame = grid != null && member.isPlayer()
          ? viewFrame(tick, state, member, i)
          : sharedFrame(tick, state, member);
      link.send(frame);
      bytes += frame.length();
      frames++;
      member.lastSentTick = tick;
      member.lastWriteNanos = now;
    }
    events.clearPending();
    if (frames > 0) {
      bytesOut += bytes;
      metrics.bytesOut.increment(bytes);
      metrics.snapshotsSent.increment(frames);
    }
    encoder.beginTick(null);
  }

  /** Routes the tick's events to a member, by its view; false when its outbox overflowed. */
  private boolean routeEvents(Member member, int index) {
    boolean seesAll = grid == null || !member.isPlayer();
    return events.route(member, seesAll, seesAll ? 0 : memberXs[index],
        seesAll ? 0 : memberYs[index], radius);
  }

  /**
   * Orders the members along the grid's path: members sent one after another then see nearly
   * the same entities, whose rows are still in the core's cache from the last one, instead of
   * rows scattered over the whole world for each.
   */
  private void orderBySpace(EntityTable state, List<Member> connected) {
    int n = connected.size();
    if (order.length < n) {
      order = new int[Math.max(n, order.length * 2)];
      memberXs = new int[order.length];
      memberYs = new int[order.length];
    }
    int[] xs = grid.xs();
    int[] ys = grid.ys();
    for (int i = 0; i < n; i++) {
      Member m = connected.get(i);
      int self = state.indexOf(m.entityId);
      memberXs[i] = self >= 0 ? xs[self] : m.viewX;
      memberYs[i] = self >= 0 ? ys[self] : m.viewY;
    }
    grid.orderAlongPath(memberXs, memberYs, n, order);
  }

  /** The frame's size; {@code bodyLength} includes the member's events behind the body. */
  private static int frameLength(int tick, int baseTick, Member member, int bodyLength) {
    return SnapshotFrames.frameLength(tick, baseTick, member.lastInputSeq, bodyLength);
  }

  /** The whole room, against the member's ack; the body is shared by equal acks. */
  private Buffer sharedFrame(int tick, EntityTable state, Member member) {
    int wanted = member.baseTick(options.deltaAgainstSent());
    EntityTable base = ring.get(wanted);
    int baseTick = base == null ? 0 : wanted;
    int slot = bodies.find(baseTick);
    if (slot < 0) {
      encoder.encode(base, null, base == null ? 0 : base.size(), state, null, state.size(),
          tick - baseTick);
      slot = bodies.put(baseTick, encoder.bytes(), encoder.length());
    }
    int tail = member.events.isEmpty() ? 0 : events.drain(member, tick);
    if (observer != RoomObserver.NONE) {
      seen.set(member.entityId, tick, state, null, state.size(), baseTick, base, null,
          base == null ? 0 : base.size(), frameLength(tick, baseTick, member,
              bodies.length(slot) + tail));
      observer.sent(seen);
    }
    return SnapshotFrames.frame(tick, baseTick, member.lastInputSeq, bodies.bytes(slot),
        bodies.length(slot), events.tail(), tail);
  }

  /** Only what the member can see, against exactly the view it acknowledged. */
  private Buffer viewFrame(int tick, EntityTable state, Member member, int index) {
    // Against the last view sent, only that view is ever read: two slots, not the history,
    // keep a thousand clients' views in cache rather than in a hundred megabytes.
    ViewRing views = member.views(options.deltaAgainstSent() ? 2 : options.snapshotHistory());
    int[] keepRows = null;
    int[] keepMap = null;
    int keepCount = 0;
    EntityTable sent = member.lastSentTick > 0 ? ring.get(member.lastSentTick) : null;
    if (sent != null) {
      keepRows = views.rows(member.lastSentTick);
      keepCount = keepRows == null ? 0 : views.count(member.lastSentTick);
      keepMap = keepRows == null ? null : rowMap.of(sent);
    }
    // Its entity's position this tick, or the last one known: found by orderBySpace.
    int cx = memberXs[index];
    int cy = memberYs[index];
    member.viewX = cx;
    member.viewY = cy;
    int wanted = member.baseTick(options.deltaAgainstSent());
    EntityTable base = ring.get(wanted);
    int[] baseRows = base == null ? null : views.rows(wanted);
    int baseCount = baseRows == null ? 0 : views.count(wanted);
    int baseTick = baseRows == null ? 0 : wanted;
    int[] rows = viewRows;
    // The last view taken to this tick's rows once, for the query's keep test and the deltas.
    if (keepCount > 0) {
      keepNow = RowMap.apply(keepMap, keepRows, keepCount, keepNow);
    }
    int n = grid.query(cx, cy, radius, keepRadius, keepNow, keepCount, rows);
    byte[] body;
    int bodyLength;
    if (baseRows != null && wanted == tick - 1 && member.lastSentTick == wanted) {
      // The common case: the base is the view sent last tick, which is also the keep view.
      if (!viewDeltasReady) {
        viewDeltas.prepare(base, state, 1);
        viewDeltasReady = true;
      }
      viewDeltas.encode(rows, n, keepRows, keepNow, keepCount);
      body = viewDeltas.bytes();
      bodyLength = viewDeltas.length();
    } else {
      encoder.encode(baseRows == null ? null : base, baseRows, baseCount, state, rows, n,
          tick - baseTick);
      body = encoder.bytes();
      bodyLength = encoder.length();
    }
    int tail = member.events.isEmpty() ? 0 : events.drain(member, tick);
    if (observer != RoomObserver.NONE) {
      seen.set(member.entityId, tick, state, rows, n, baseTick, baseRows == null ? null : base,
          baseRows, baseCount, frameLength(tick, baseTick, member, bodyLength + tail));
      observer.sent(seen);
    }
    // Recorded last: with two slots it may overwrite the base the observer was just shown.
    views.record(tick, rows, n);
    return SnapshotFrames.frame(tick, baseTick, member.lastInputSeq, body, bodyLength,
        events.tail(), tail);
  }
}
