package dev.tickstream.bench;

import dev.tickstream.loadtest.Behaviour;
import dev.tickstream.loadtest.Pilot;
import dev.tickstream.loadtest.Samples;
import dev.tickstream.room.Role;
import dev.tickstream.room.Inbound;
import dev.tickstream.room.Room;
import dev.tickstream.room.RoomObserver;
import dev.tickstream.proto.arena.v1.ArenaInput;
import dev.tickstream.sim.EntitySchema;
import dev.tickstream.room.RoomMetrics;
import dev.tickstream.room.RoomOptions;
import dev.tickstream.room.Rooms;
import dev.tickstream.room.Seat;
import dev.tickstream.games.arena.ArenaGame;
import dev.tickstream.games.arena.ArenaRules;
import dev.tickstream.wire.EntityTable;
import dev.tickstream.sync.DeltaEncoder;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Context;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
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
 *
 * <p>After the warm-up come two phases of {@code ticks} each, the same play going on: the
 * first records every view for the byte figures, the second times the server with nothing
 * recorded, so the report's copying (about 1.4 KB per client per tick, enough to push the
 * server's own arrays out of cache) is not counted as the server's CPU.
 *
 * <p>With {@code together}, worlds of several sizes play side by side, one room each: the
 * first phase only counts each room's views and bytes, and the second times each room apart.
 */
final class BandwidthRun {

  /**
   * @param together world sizes to run side by side, one room each (null: one run of
   *     {@code players}); only views and bytes are counted then, and each room's CPU is
   *     timed apart
   */
  record Options(int players, int ticks, boolean world, long seed, int viewRadius,
      int ackLagTicks, int warmupTicks, int sampleClients, boolean deltaAgainstSent,
      int[] together) {}

  private final Options o;
  private final int tickRate = 20;
  private final List<MemoryLink> links = new ArrayList<>();
  private final List<Pilot> pilots = new ArrayList<>();
  private final List<int[]> acks = new ArrayList<>();
  private final List<Room> rooms = new ArrayList<>();
  /** One world of {@code together}: its room's figures. */
  private static final class Side {
    final int players;
    final int map;
    final Samples cpu = new Samples();
    final Samples fanoutCpu = new Samples();
    /** While recording: frames sent, the view rows they held, their bytes. */
    long frames;
    long viewRows;
    long bytes;

    Side(int players, int map) {
      this.players = players;
      this.map = map;
    }
  }

  /** By room, with {@code together}; empty otherwise. */
  private final List<Side> sides = new ArrayList<>();
  private boolean recordingNow;
  /** Whether the observer records snapshots: all but the timed phase. */
  private boolean recordingSent = true;
  private final Baselines baselines;
  private final Samples cpuMsPerTick = new Samples();
  private final Samples fanoutCpuMsPerTick = new Samples();
  private final Samples fanoutWallMsPerTick = new Samples();
  private final Samples recordingCpuMsPerTick = new Samples();
  private ViewObserver observer;
  private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
  /** Thread CPU time when the current room's fan-out began (its tick listener runs just before). */
  private long fanoutStartCpu;
  private long fanoutCpu;
  private int tick;
  private int mapSize;
  /** The game's field indices, as a client reads them from its Welcome. */
  private int xField;
  private int yField;
  private int kindField;

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
    mapSize = o.world() ? worldMap(o.players()) : 4000;
    EntitySchema schema = ArenaGame.SCHEMA;
    xField = schema.xField();
    yField = schema.yField();
    kindField = schema.kindField();
    observer = new ViewObserver(new DeltaEncoder(schema.rates()), baselines, o.players(),
        xField, yField);
    SplittableRandom random = new SplittableRandom(o.seed());
    Behaviour.Mix mix = Behaviour.Mix.parse("wander=0.6,chase=0.2,fire=0.2");
    if (o.together() == null) {
      addRooms(ctx, o.players(), o.world() ? o.players() : 16, mapSize, o.seed(), random, mix);
    } else {
      for (int k = 0; k < o.together().length; k++) {
        int size = o.together()[k];
        addRooms(ctx, size, size, worldMap(size), o.seed() + k, random, mix);
      }
    }
  }

  /** The side of a world map holding {@code players} at the report's fixed density. */
  private int worldMap(int players) {
    double density = 100.0 / (Math.PI * o.viewRadius() * (double) o.viewRadius());
    return (int) Math.ceil(Math.sqrt(players / density));
  }

  private void addRooms(Context ctx, int players, int perRoom, int map, long seed,
      SplittableRandom random, Behaviour.Mix mix) {
    RoomOptions ro = new RoomOptions(tickRate, 1, perRoom, 1, 64, 3_600_000, 0, 3_600_000,
        3_600_000, 64, o.world() ? o.viewRadius() : 0, o.deltaAgainstSent(), 4096,
        Integer.MAX_VALUE, 0, 3_600_000, 5 * tickRate, 0, 0);
    Rooms rs = new Rooms(ro, List.of(ArenaGame.spec(ArenaRules.defaults().withMapSize(map))), seed,
        new RoomMetrics(new SimpleMeterRegistry()), seat -> "");
    rs.addHost(ctx);
    int first = links.size();
    for (int i = 0; i < players; i++) {
      if (i % perRoom == 0) {
        Room room = rs.create(false);
        int number = rooms.size();
        // Side by side only views and bytes are counted: a sum, not the observer's analysis.
        Side side = o.together() == null ? null : new Side(players, map);
        if (side != null) {
          sides.add(side);
        }
        room.observer(new RoomObserver() {
          @Override
          public void ticked(String roomId, int t, EntityTable state) {
            // A room's fan-out follows at once: CPU from here to the tick's end.
            fanoutStartCpu = threads.getCurrentThreadCpuTime();
          }

          @Override
          public void sent(RoomObserver.Sent s) {
            if (side == null) {
              if (recordingSent) {
                observer.record(number, s);
              }
            } else if (recordingNow) {
              side.frames++;
              side.viewRows += s.n();
              side.bytes += s.frameBytes();
            }
          }
        });
        rooms.add(room);
      }
      Room room = rooms.get(rooms.size() - 1);
      Seat seat = room.tryReserve(Role.PLAYER);
      MemoryLink link = new MemoryLink(o.ackLagTicks());
      room.attach(seat, false, link, "bot" + (first + i), new byte[0]);
      links.add(link);
      pilots.add(new Pilot(mix.pick(random), random.split(), map, map));
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
      boolean recording = tick > o.warmupTicks() && tick <= o.warmupTicks() + o.ticks();
      recordingNow = recording;
      boolean timing = tick > o.warmupTicks() + o.ticks();
      if (tick == o.warmupTicks() + o.ticks() + 1) {
        recordingSent = false; // the timed phase records nothing
      }
      long cpu0 = threads.getCurrentThreadCpuTime();
      long wall = 0;
      fanoutCpu = 0;
      int count = rooms.size();
      for (int k = 0; k < count; k++) {
        // Side by side, the rooms take turns at going first: neither always finds the caches
        // as the bots' step left them.
        int i = o.together() != null && (tick & 1) == 1 ? count - 1 - k : k;
        Room r = rooms.get(i);
        // Timed apart only side by side: many arena rooms would pay for the extra clock reads.
        long roomStart = o.together() != null ? threads.getCurrentThreadCpuTime() : 0;
        r.tickNow();
        long roomEnd = threads.getCurrentThreadCpuTime();
        fanoutCpu += roomEnd - fanoutStartCpu;
        wall += r.lastFanoutNanos();
        if (timing && o.together() != null) {
          sides.get(i).cpu.add((roomEnd - roomStart) / 1e6);
          sides.get(i).fanoutCpu.add((roomEnd - fanoutStartCpu) / 1e6);
        }
      }
      long cpu = threads.getCurrentThreadCpuTime() - cpu0;
      if (timing) {
        cpuMsPerTick.add(cpu / 1e6);
        fanoutCpuMsPerTick.add(fanoutCpu / 1e6);
        fanoutWallMsPerTick.add(wall / 1e6);
      } else if (recording) {
        recordingCpuMsPerTick.add(cpu / 1e6);
      }
      observer.flush(recording);
      if (tick >= o.warmupTicks() + 2 * o.ticks()) {
        result.complete(o.together() == null ? report() : togetherReport());
      } else {
        step(ctx, result);
      }
    });
  }

  private void sendInput(int i, long now) {
    MemoryLink link = links.get(i);
    // Acks arrive ackLagTicks late, as over a network with that round trip.
    int[] lag = acks.get(i);
    System.arraycopy(lag, 0, lag, 1, lag.length - 1);
    lag[0] = link.lastTick;
    Pilot p = pilots.get(i);
    EntityTable w = link.mirror;
    p.step(now, w, w == null ? -1 : w.indexOf(link.entityId), kindField,
        ArenaGame.KIND_PLAYER, xField, yField,
        link.positionScale);
    link.in.onNext(new Inbound(Inbound.Kind.INPUT, tick + 1, lag[lag.length - 1], 0,
        ArenaInput.newBuilder().setMoveX(p.moveX).setMoveY(p.moveY).setAim(p.aim)
            .setFire(p.fire).build()));
  }

  /**
   * Each size's CPU per tick, timed in the same process, on the same compiled code and in the
   * same spell of a shared machine, which separate runs cannot promise.
   */
  private JsonObject togetherReport() {
    JsonArray sizes = new JsonArray();
    for (Side side : sides) {
      sizes.add(new JsonObject().put("players", side.players)
          .put("map_size", side.map)
          .put("server_cpu_ms_per_tick", side.cpu.json())
          .put("fanout_cpu_ms_per_tick", side.fanoutCpu.json())
          .put("entities_in_view_mean", Samples.round(view(side)))
          .put("bytes_per_client_per_s_mean", Samples.round(
              side.bytes / (double) side.players / (o.ticks() / (double) tickRate)))
          .put("cpu_ns_per_client_per_entity_in_view", Samples.round(perEntity(side))));
    }
    Side first = sides.get(0);
    Side last = sides.get(sides.size() - 1);
    return new JsonObject()
        .put("mode", "world-together")
        .put("ticks", o.ticks())
        .put("tick_hz", tickRate)
        .put("view_radius", o.viewRadius())
        .put("seed", o.seed())
        .put("sizes", sizes)
        .put("growth", new JsonObject()
            .put("from_players", first.players)
            .put("to_players", last.players)
            .put("players", Samples.round(last.players / (double) first.players))
            .put("server_cpu_per_tick", Samples.round(last.cpu.percentile(0.5)
                / first.cpu.percentile(0.5)))
            .put("entities_in_view", Samples.round(view(last) / view(first)))
            .put("cpu_per_client_per_entity_in_view", Samples.round(
                perEntity(last) / perEntity(first))));
  }

  private static double view(Side side) {
    return side.frames == 0 ? 0 : side.viewRows / (double) side.frames;
  }

  /** CPU per tick (p50) per client per entity in its view, in nanoseconds. */
  private static double perEntity(Side side) {
    double view = view(side);
    return view == 0 ? 0 : side.cpu.percentile(0.5) * 1e6 / side.players / view;
  }

  private JsonObject report() {
    double seconds = o.ticks() / (double) tickRate;
    Samples perClient = new Samples();
    for (long b : observer.clientBytes) {
      perClient.add(b / seconds);
    }
    JsonObject j = new JsonObject()
        .put("players", o.players())
        .put("ticks", o.ticks())
        .put("tick_hz", tickRate)
        .put("mode", o.world() ? "world" : "arena")
        .put("map_size", mapSize)
        .put("view_radius", o.world() ? o.viewRadius() : null)
        .put("rooms", rooms.size())
        .put("ack_lag_ticks", o.ackLagTicks())
        .put("delta_base", o.deltaAgainstSent() ? "sent" : "acked")
        .put("seed", o.seed())
        .put("entities_in_view", observer.viewSizes.json())
        .put("moving_entity_update_bytes", observer.movingRowBytes.json())
        // Mean bytes of the entities a client had whose every field and name equal the base.
        .put("unchanged_entity_bytes", observer.unchangedEntities == 0 ? 0.0
            : Samples.round(observer.unchangedBytes / (double) observer.unchangedEntities))
        .put("unchanged_entities_measured", observer.unchangedEntities)
        .put("bytes_per_client_per_s", perClient.json())
        .put("snapshot_bytes", observer.snapshotBytes.json())
        .put("server_cpu_ms_per_tick", cpuMsPerTick.json())
        .put("fanout_cpu_ms_per_tick", fanoutCpuMsPerTick.json())
        .put("fanout_wall_ms_per_tick", fanoutWallMsPerTick.json())
        // The same tick while the report recorded every view: what that recording costs.
        .put("server_cpu_ms_per_tick_while_recording", recordingCpuMsPerTick.json())
        .put("fanout_share_of_tick", Samples.round(
            fanoutCpuMsPerTick.percentile(0.5) * tickRate / 1000.0))
        .put("bytes_breakdown", observer.breakdownJson());
    j.put("baselines", baselines.json(tickRate, perClient.percentile(0.5)));
    return j;
  }
}
