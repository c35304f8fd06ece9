package dev.tickstream.loadtest;

import dev.tickstream.proto.v1.ClientMessage;
import dev.tickstream.proto.v1.Input;
import dev.tickstream.room.Role;
import dev.tickstream.room.Room;
import dev.tickstream.room.RoomMetrics;
import dev.tickstream.room.RoomOptions;
import dev.tickstream.room.Rooms;
import dev.tickstream.room.Seat;
import dev.tickstream.sim.ArenaGame;
import dev.tickstream.sim.ArenaRules;
import dev.tickstream.sim.EntityTable;
import dev.tickstream.sync.DeltaEncoder;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Context;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * The bandwidth report: simulated players play real rooms (matchmaking seats, the input
 * stream, the tick, interest, the delta encoder, the frames) faster than real time, and the
 * bytes every client would receive are measured, beside what three other encodings of the same
 * views would cost. Runs on one event loop, so its CPU figures are one core's.
 */
final class BandwidthRun {
  static final int FIELD_X = 1;
  static final int FIELD_Y = 2;

  record Options(int players, int ticks, boolean world, long seed, int viewRadius,
      int ackLagTicks, int warmupTicks, int sampleClients) {}

  private final Options o;
  private final int tickRate = 20;
  private final List<MemoryLink> links = new ArrayList<>();
  private final List<Pilot> pilots = new ArrayList<>();
  private final List<int[]> acks = new ArrayList<>();
  private final List<Room> rooms = new ArrayList<>();
  private final Baselines baselines;
  private final Samples snapshotBytes = new Samples();
  private final Samples movingRowBytes = new Samples();
  private final Samples cpuMsPerTick = new Samples();
  private final Samples encodeMsPerTick = new Samples();
  private final Samples viewSizes = new Samples();
  private DeltaEncoder statsEncoder;
  private long observerNanos;
  /** Bytes in new rows, changed rows, removed ids, and all frames. */
  private final long[] breakdown = new long[4];
  private long unchangedEntities;
  private long unchangedBytes;
  private long[] clientBytes;
  private int tick;
  private boolean measuring;
  private int mapSize;

  BandwidthRun(Options o) {
    this.o = o;
    this.baselines = new Baselines(o.sampleClients());
  }

  JsonObject run() throws Exception {
    Vertx vertx = Vertx.vertx();
    try {
      Promise<JsonObject> result = Promise.promise();
      Context ctx = vertx.getOrCreateContext();
      ctx.runOnContext(v -> {
        try {
          setUp(ctx);
          step(ctx, result);
        } catch (Exception e) {
          result.tryFail(e);
        }
      });
      return result.future().toCompletionStage().toCompletableFuture()
          .get(30, TimeUnit.MINUTES);
    } finally {
      vertx.close();
    }
  }

  /**
   * Arena: rooms of 16 on the reference 4000-unit map, each client sees its whole room. World:
   * one room whose map grows with the players at a fixed density (about 100 players within
   * the view radius), so a client's view stays the same size as the world grows.
   */
  private void setUp(Context ctx) {
    int perRoom = o.world() ? o.players() : 16;
    int radius = o.world() ? o.viewRadius() : 0;
    double density = 100.0 / (Math.PI * o.viewRadius() * (double) o.viewRadius());
    mapSize = o.world() ? (int) Math.ceil(Math.sqrt(o.players() / density)) : 4000;
    ArenaRules rules = ArenaRules.defaults().withMapSize(mapSize);
    RoomOptions ro = new RoomOptions(tickRate, 1, perRoom, 1, 64, 3_600_000, 0, 3_600_000,
        3_600_000, 64, radius);
    Rooms rs = new Rooms(ro, ArenaGame.factory(rules), o.seed(),
        new RoomMetrics(new SimpleMeterRegistry()), seat -> "");
    rs.addHost(ctx);
    statsEncoder = new DeltaEncoder(new ArenaGame(rules, tickRate, 0).rateFields());
    SplittableRandom random = new SplittableRandom(o.seed());
    Behaviour.Mix mix = Behaviour.Mix.parse("wander=0.6,chase=0.2,fire=0.2");
    clientBytes = new long[o.players()];
    for (int i = 0; i < o.players(); i++) {
      if (i % perRoom == 0) {
        Room room = rs.create(false);
        room.encodeListener(this::encoded);
        rooms.add(room);
      }
      Room room = rooms.get(rooms.size() - 1);
      Seat seat = room.tryReserve(Role.PLAYER);
      MemoryLink link = new MemoryLink();
      room.attach(seat, link, "bot" + i, "bandwidth");
      links.add(link);
      pilots.add(new Pilot(mix.pick(random), random.split(), mapSize, mapSize));
      acks.add(new int[o.ackLagTicks() + 1]);
    }
  }

  /** One tick: inputs into the rooms' streams, then (queued behind them) the tick itself. */
  private void step(Context ctx, Promise<JsonObject> result) {
    for (MemoryLink l : links) {
      l.drain();
    }
    long now = (long) tick * 1_000_000_000L / tickRate;
    for (int i = 0; i < links.size(); i++) {
      sendInput(i, now);
    }
    ctx.runOnContext(v -> {
      tick++;
      measuring = tick > o.warmupTicks();
      ThreadMXBean mx = ManagementFactory.getThreadMXBean();
      long cpu0 = mx.getCurrentThreadCpuTime();
      long encode = 0;
      observerNanos = 0;
      for (Room r : rooms) {
        r.tickNow();
        encode += r.lastFanoutNanos();
      }
      // Less the time the report's own observer spent inside the tick.
      long cpu = mx.getCurrentThreadCpuTime() - cpu0 - observerNanos;
      encode -= observerNanos;
      if (measuring) {
        cpuMsPerTick.add(cpu / 1e6);
        encodeMsPerTick.add(encode / 1e6);
      }
      if (tick >= o.warmupTicks() + o.ticks()) {
        result.complete(report());
      } else {
        step(ctx, result);
      }
    });
  }

  private void sendInput(int i, long now) {
    MemoryLink link = links.get(i);
    EntityTable w = link.mirror;
    double x = Double.NaN;
    double y = Double.NaN;
    double tx = Double.NaN;
    double ty = Double.NaN;
    if (w != null) {
      int self = w.indexOf(link.entityId);
      if (self >= 0) {
        x = w.get(self, FIELD_X) / (double) link.positionScale;
        y = w.get(self, FIELD_Y) / (double) link.positionScale;
        double best = Double.MAX_VALUE;
        for (int r = 0; r < w.size(); r++) {
          if (w.get(r, 0) != 1 || r == self) {
            continue;
          }
          double ex = w.get(r, FIELD_X) / (double) link.positionScale;
          double ey = w.get(r, FIELD_Y) / (double) link.positionScale;
          double d = (ex - x) * (ex - x) + (ey - y) * (ey - y);
          if (d < best) {
            best = d;
            tx = ex;
            ty = ey;
          }
        }
      }
    }
    // Acks arrive ackLagTicks late, as over a network with that round trip.
    int[] lag = acks.get(i);
    System.arraycopy(lag, 0, lag, 1, lag.length - 1);
    lag[0] = link.lastTick;
    Pilot p = pilots.get(i);
    p.step(now, x, y, tx, ty);
    link.in.onNext(ClientMessage.newBuilder().setInput(Input.newBuilder().setSeq(tick + 1)
        .setAckTick(lag[lag.length - 1]).setMoveX(p.moveX).setMoveY(p.moveY).setAim(p.aim)
        .setFire(p.fire)).build());
  }

  private void encoded(int entityId, int t, EntityTable state, int[] rows, int n, int baseTick,
      EntityTable base, int[] baseRows, int baseCount, int frameBytes) {
    if (!measuring) {
      return;
    }
    long t0 = System.nanoTime();
    // The report's own encoding, for per-row sizes; its time is not the server's.
    DeltaEncoder enc = statsEncoder;
    enc.encode(base, baseRows, base == null ? 0 : baseRows == null ? base.size() : baseCount,
        state, rows, n, t - baseTick);
    int client = entityId - 1;
    if (client >= 0 && client < clientBytes.length) {
      clientBytes[client] += frameBytes;
    }
    snapshotBytes.add(frameBytes);
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
        int b = indexIn(base, baseRows, baseCount, id);
        while (k < enc.rowCount() && enc.rowId(k) < id) {
          k++;
        }
        if (b >= 0 && (state.get(c, FIELD_X) != base.get(b, FIELD_X)
            || state.get(c, FIELD_Y) != base.get(b, FIELD_Y))) {
          movingRowBytes.add(k < enc.rowCount() && enc.rowId(k) == id ? enc.rowBytes(k) : 0);
        }
      }
    }
    breakdown[2] += enc.removedBytes();
    breakdown[3] += frameBytes;
    if (base != null) {
      // Entities the client has that did not change appear in no row: they cost zero bytes,
      // which is what unchangedBytes (never incremented by the encoding) reports.
      unchangedEntities += n - enc.rowCount();
    }
    baselines.observe(entityId, t, state, rows, n, frameBytes);
    observerNanos += System.nanoTime() - t0;
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

  private JsonObject report() {
    double seconds = o.ticks() / (double) tickRate;
    Samples perClient = new Samples();
    for (long b : clientBytes) {
      perClient.add(b / seconds);
    }
    double mean = unchangedEntities == 0 ? 0 : unchangedBytes / (double) unchangedEntities;
    JsonObject j = new JsonObject()
        .put("players", o.players())
        .put("ticks", o.ticks())
        .put("tick_hz", tickRate)
        .put("mode", o.world() ? "world" : "arena")
        .put("map_size", mapSize)
        .put("view_radius", o.world() ? o.viewRadius() : null)
        .put("rooms", rooms.size())
        .put("ack_lag_ticks", o.ackLagTicks())
        .put("seed", o.seed())
        .put("entities_in_view", viewSizes.json())
        .put("moving_entity_update_bytes", movingRowBytes.json())
        .put("unchanged_entity_bytes", mean)
        .put("unchanged_entities_measured", unchangedEntities)
        .put("bytes_per_client_per_s", perClient.json())
        .put("snapshot_bytes", snapshotBytes.json())
        .put("server_cpu_ms_per_tick", cpuMsPerTick.json())
        .put("encode_ms_per_tick", encodeMsPerTick.json())
        .put("bytes_breakdown", new JsonObject()
            .put("new_entities", share(breakdown[0]))
            .put("changed_entities", share(breakdown[1]))
            .put("removed_entities", share(breakdown[2]))
            .put("framing_and_names", share(breakdown[3] - breakdown[0] - breakdown[1]
                - breakdown[2])))
        .put("encode_share_of_tick", encodeMsPerTick.percentile(0.5) * tickRate / 1000.0);
    JsonObject b = baselines.json(tickRate, perClient.percentile(0.5));
    j.put("baselines", b);
    return j;
  }
}
