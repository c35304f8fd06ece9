package dev.tickstream.bench;

import dev.tickstream.loadtest.Samples;
import dev.tickstream.room.RoomObserver;
import dev.tickstream.wire.EntityTable;
import dev.tickstream.sync.DeltaEncoder;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The report's view of every snapshot a room encoded. During the tick it only records what was
 * sent (a copy of the view's rows, references to ring states that outlive the tick); the
 * analysis runs after the tick, so the server's measured CPU holds almost none of it.
 */
final class ViewObserver {
  /** One encoding, as the room reported it; pooled, its arrays reused. */
  private static final class Seen {
    int room;
    int entityId;
    int tick;
    EntityTable state;
    int[] rows = new int[64];
    boolean allRows;
    int n;
    int baseTick;
    EntityTable base;
    int[] baseRows = new int[64];
    boolean allBaseRows;
    int baseCount;
    int frameBytes;
  }

  private final List<Seen> pool = new ArrayList<>();
  private final Map<Long, Integer> clients = new HashMap<>();
  private int pending;
  private final DeltaEncoder encoder;
  private final Baselines baselines;
  final Samples snapshotBytes = new Samples();
  final Samples movingRowBytes = new Samples();
  final Samples viewSizes = new Samples();
  /** Bytes in new rows, changed rows, removed ids, and all frames. */
  final long[] breakdown = new long[4];
  long unchangedEntities;
  long unchangedBytes;
  final long[] clientBytes;

  private final int xField;
  private final int yField;

  ViewObserver(DeltaEncoder encoder, Baselines baselines, int players, int xField, int yField) {
    this.encoder = encoder;
    this.xField = xField;
    this.yField = yField;
    this.baselines = baselines;
    this.clientBytes = new long[players];
  }

  /** Records one snapshot of room number {@code room}, nothing more (inside the tick). */
  void record(int room, RoomObserver.Sent s) {
    encoded(room, s.entityId(), s.tick(), s.state(), s.rows(), s.n(), s.baseTick(), s.base(),
        s.baseRows(), s.baseCount(), s.frameBytes());
  }

  /** A report-wide client number for a room's entity, assigned on first sight. */
  private int client(int room, int entityId) {
    return clients.computeIfAbsent(((long) room << 32) | entityId, k -> clients.size());
  }

  private void encoded(int room, int entityId, int t, EntityTable state, int[] rows, int n,
      int baseTick, EntityTable base, int[] baseRows, int baseCount, int frameBytes) {
    if (pending == pool.size()) {
      pool.add(new Seen());
    }
    Seen s = pool.get(pending++);
    s.room = room;
    s.entityId = entityId;
    s.tick = t;
    s.state = state;
    s.allRows = rows == null;
    s.n = n;
    if (rows != null) {
      s.rows = copy(rows, n, s.rows);
    }
    s.baseTick = baseTick;
    s.base = base;
    s.allBaseRows = baseRows == null;
    s.baseCount = base == null ? 0 : baseRows == null ? base.size() : baseCount;
    if (baseRows != null) {
      s.baseRows = copy(baseRows, baseCount, s.baseRows);
    }
    s.frameBytes = frameBytes;
  }

  private static int[] copy(int[] src, int n, int[] dst) {
    int[] d = dst.length >= n ? dst : new int[Math.max(n, dst.length * 2)];
    System.arraycopy(src, 0, d, 0, n);
    return d;
  }

  /** Analyses what the tick recorded (after the tick); {@code measure}: keep the figures. */
  void flush(boolean measure) {
    if (measure) {
      for (int i = 0; i < pending; i++) {
        analyse(pool.get(i));
      }
    }
    for (int i = 0; i < pending; i++) {
      pool.get(i).state = null;
      pool.get(i).base = null;
    }
    pending = 0;
  }

  private void analyse(Seen s) {
    int client = client(s.room, s.entityId);
    int[] rows = s.allRows ? null : s.rows;
    int[] baseRows = s.allBaseRows ? null : s.baseRows;
    EntityTable state = s.state;
    EntityTable base = s.base;
    int n = s.n;
    DeltaEncoder enc = encoder;
    enc.encode(base, baseRows, s.baseCount, state, rows, n, s.tick - s.baseTick);
    if (client < clientBytes.length) {
      clientBytes[client] += s.frameBytes;
    }
    snapshotBytes.add(s.frameBytes);
    viewSizes.add(n);
    for (int r = 0; r < enc.rowCount(); r++) {
      breakdown[enc.rowKnown(r) ? 1 : 0] += enc.rowBytes(r);
    }
    if (base != null) {
      // Every entity the client had that moved, and what its update cost: zero when the move
      // was the dead-reckoned one and it appears in no row.
      int k = 0;
      for (int i = 0; i < n; i++) {
        int c = rows == null ? i : rows[i];
        int id = state.id(c);
        int b = indexIn(base, baseRows, s.baseCount, id);
        while (k < enc.rowCount() && enc.rowId(k) < id) {
          k++;
        }
        if (b < 0) {
          continue;
        }
        int cost = k < enc.rowCount() && enc.rowId(k) == id ? enc.rowBytes(k) : 0;
        if (state.get(c, xField) != base.get(b, xField)
            || state.get(c, yField) != base.get(b, yField)) {
          movingRowBytes.add(cost);
        } else if (sameRow(state, c, base, b)) {
          // Every field and the name as at the base: what did it cost? (Its row, if any.)
          unchangedEntities++;
          unchangedBytes += cost;
        }
      }
    }
    breakdown[2] += enc.removedBytes();
    breakdown[3] += s.frameBytes;
    baselines.observe(client, s.tick, state, rows, n, s.frameBytes);
  }

  private static boolean sameRow(EntityTable a, int ra, EntityTable b, int rb) {
    for (int f = 0; f < a.fieldCount(); f++) {
      if (a.get(ra, f) != b.get(rb, f)) {
        return false;
      }
    }
    return java.util.Objects.equals(a.name(ra), b.name(rb));
  }

  /** Row of {@code id} in a view of {@code base} (null rows: all), or -1. */
  private static int indexIn(EntityTable base, int[] rows, int count, int id) {
    if (rows == null) {
      return base.indexOf(id);
    }
    int lo = 0;
    int hi = count - 1;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      int midId = base.id(rows[mid]);
      if (midId < id) {
        lo = mid + 1;
      } else if (midId > id) {
        hi = mid - 1;
      } else {
        return rows[mid];
      }
    }
    return -1;
  }

  private double share(long bytes) {
    return Samples.round(bytes / (double) Math.max(1, breakdown[3]));
  }

  JsonObject breakdownJson() {
    return new JsonObject()
        .put("new_entities", share(breakdown[0]))
        .put("changed_entities", share(breakdown[1]))
        .put("removed_entities", share(breakdown[2]))
        .put("framing_and_names", share(breakdown[3] - breakdown[0] - breakdown[1]
            - breakdown[2]));
  }
}
