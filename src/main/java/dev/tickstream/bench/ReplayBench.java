package dev.tickstream.bench;

import dev.tickstream.client.Recording;
import dev.tickstream.games.arena.ArenaGame;
import dev.tickstream.games.arena.ArenaRules;
import dev.tickstream.loadtest.Behaviour;
import dev.tickstream.loadtest.Pilot;
import dev.tickstream.proto.arena.v1.ArenaInput;
import dev.tickstream.replay.Recordings;
import dev.tickstream.room.Inbound;
import dev.tickstream.room.Role;
import dev.tickstream.room.Room;
import dev.tickstream.room.RoomMetrics;
import dev.tickstream.room.RoomOptions;
import dev.tickstream.room.Rooms;
import dev.tickstream.room.Seat;
import dev.tickstream.sim.EntitySchema;
import dev.tickstream.sim.GameSpec;
import dev.tickstream.wire.EntityTable;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

/**
 * The replay figures: an arena match of {@code players} bots for {@code seconds} of game time,
 * driven faster than real time in one process (the room unclocked, ticked by this tool), run
 * alternately with and without recording. Prints the recording's size, the room thread's CPU
 * per tick with and without it (medians over the runs), and the time the SDK's reader takes to
 * seek to random ticks (decode up to the state). Not a test: figures, not assertions.
 *
 * <p>Usage: {@code ReplayBench [seconds=600] [players=16] [runs=3] [seeks=300] [mode]}, mode
 * {@code both} (default: alternate in this JVM), {@code recorded} or {@code plain} (this mode
 * only, so that a script can alternate whole processes: the JIT then compiles each mode's tick
 * for itself rather than for a mix).
 */
public final class ReplayBench {
  private static final int TICK_RATE = 20;
  private static final int MAP = 4000;

  private ReplayBench() {}

  public static void main(String[] args) throws Exception {
    int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 600;
    int players = args.length > 1 ? Integer.parseInt(args[1]) : 16;
    int runs = args.length > 2 ? Integer.parseInt(args[2]) : 3;
    int seeks = args.length > 3 ? Integer.parseInt(args[3]) : 300;
    String mode = args.length > 4 ? args[4] : "both";
    if (!mode.equals("both")) {
      boolean record = mode.equals("recorded");
      Path d = Files.createTempDirectory("replaybench");
      Vertx v = Vertx.vertx();
      run(v, d.resolve("warm"), record, 60 * TICK_RATE, players, 1);
      for (int r = 0; r < runs; r++) {
        System.out.printf("%s: %.4f ms CPU per tick%n", mode,
            run(v, d.resolve("run" + r), record, seconds * TICK_RATE, players, 42 + r));
      }
      v.close();
      return;
    }
    Path dir = Files.createTempDirectory("replaybench");
    Vertx vertx = Vertx.vertx();
    List<Double> with = new ArrayList<>();
    List<Double> without = new ArrayList<>();
    Path file = null;
    // Warm-up (the JIT): a minute of each, not counted.
    run(vertx, dir.resolve("warm1"), true, 60 * TICK_RATE, players, 1);
    run(vertx, dir.resolve("warm2"), false, 60 * TICK_RATE, players, 1);
    for (int r = 0; r < runs; r++) {
      for (boolean record : r % 2 == 0 ? new boolean[] {true, false} : new boolean[] {false, true}) {
        Path d = dir.resolve("run" + r + record);
        double cpu = run(vertx, d, record, seconds * TICK_RATE, players, 42 + r);
        (record ? with : without).add(cpu);
        System.out.printf("run %d %s: %.4f ms CPU per tick%n", r, record ? "recorded" : "plain",
            cpu);
        if (record && file == null) {
          try (Stream<Path> s = Files.list(d)) {
            file = s.filter(p -> p.toString().endsWith(".tsr")).findFirst().orElseThrow();
          }
        }
      }
    }
    double w = median(with);
    double wo = median(without);
    List<Double> ratios = new ArrayList<>();
    for (int r = 0; r < runs; r++) {
      ratios.add(with.get(r) / without.get(r));
    }
    System.out.printf("room CPU per tick: median %.4f ms recorded, %.4f ms plain (+%.1f %%);"
        + " median of the %d paired ratios: +%.1f %%%n", w, wo, (w / wo - 1) * 100, runs,
        (median(ratios) - 1) * 100);
    System.out.printf("recording: %d bytes for %d s, %d players (%s)%n", Files.size(file),
        seconds, players, file.getFileName());
    Recording rec = Recording.open(file);
    SplittableRandom rnd = new SplittableRandom(7);
    double[] ms = new double[seeks];
    for (int i = 0; i < seeks; i++) {
      // A fresh reader each time, as a browser seeking far away: no chunk decoded already.
      Recording fresh = Recording.read(Files.readAllBytes(file));
      int t = rec.firstTick() + rnd.nextInt(rec.lastTick() - rec.firstTick() + 1);
      long t0 = System.nanoTime();
      fresh.seek(t);
      fresh.state().hash();
      ms[i] = (System.nanoTime() - t0) / 1e6;
    }
    Arrays.sort(ms);
    System.out.printf("seek to a random tick (inflate a chunk, apply up to the tick): median"
        + " %.2f ms, p99 %.2f ms, max %.2f ms over %d seeks (%s)%n", ms[seeks / 2],
        ms[(int) (seeks * 0.99)], ms[seeks - 1], seeks, rec);
    vertx.close();
  }

  private static double median(List<Double> xs) {
    double[] a = xs.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    return a[a.length / 2];
  }

  /** One match; returns the room thread's CPU per tick in ms (the ticks alone). */
  private static double run(Vertx vertx, Path dir, boolean record, int ticks, int players,
      long seed) throws Exception {
    GameSpec<?> spec = ArenaGame.spec(ArenaRules.defaults().withMapSize(MAP));
    RoomOptions ro = new RoomOptions(TICK_RATE, 1, players, 1, 64, 3_600_000, 0, 3_600_000,
        3_600_000, 64, 0, true, 4096, 10, 0, 3_600_000, 5 * TICK_RATE, 0, 0);
    Rooms rooms = new Rooms(ro, List.of(spec), seed,
        new RoomMetrics(new SimpleMeterRegistry()), seat -> "");
    Recordings recordings = new Recordings(dir, g -> record, 1L << 30, 1L << 32,
        new SimpleMeterRegistry());
    rooms.recordTo(recordings);
    Context ctx = vertx.getOrCreateContext();
    rooms.addHost(ctx);
    CompletableFuture<Double> done = new CompletableFuture<>();
    ctx.runOnContext(v -> {
      Room room = rooms.create(spec.name(), Map.of(), false);
      List<MemoryLink> links = new ArrayList<>();
      List<Pilot> pilots = new ArrayList<>();
      SplittableRandom random = new SplittableRandom(seed);
      Behaviour.Mix mix = Behaviour.Mix.parse("wander=0.6,chase=0.2,fire=0.2");
      for (int i = 0; i < players; i++) {
        Seat seat = room.tryReserve(Role.PLAYER);
        MemoryLink link = new MemoryLink(2);
        room.attach(seat, false, link, "bot" + i, new byte[0]);
        links.add(link);
        pilots.add(new Pilot(mix.pick(random), random.split(), MAP, MAP));
      }
      EntitySchema schema = spec.schema();
      ThreadMXBean threads = ManagementFactory.getThreadMXBean();
      long[] cpu = {0};
      int[] tick = {0};
      Runnable[] step = new Runnable[1];
      step[0] = () -> {
        for (int i = 0; i < links.size(); i++) {
          MemoryLink link = links.get(i);
          link.drain();
          Pilot p = pilots.get(i);
          EntityTable w = link.mirror;
          p.step((long) tick[0] * 1_000_000_000L / TICK_RATE, w,
              w == null ? -1 : w.indexOf(link.entityId), schema.kindField(),
              ArenaGame.KIND_PLAYER, schema.xField(), schema.yField(), link.positionScale);
          link.in.onNext(new Inbound(Inbound.Kind.INPUT, tick[0] + 1, link.lastTick, 0,
              ArenaInput.newBuilder().setMoveX(p.moveX).setMoveY(p.moveY).setAim(p.aim)
                  .setFire(p.fire).build()));
        }
        ctx.runOnContext(x -> {
          long c0 = threads.getCurrentThreadCpuTime();
          room.tickNow();
          cpu[0] += threads.getCurrentThreadCpuTime() - c0;
          if (++tick[0] < ticks) {
            step[0].run();
          } else {
            room.handOver(null).onComplete(y -> done.complete(cpu[0] / 1e6 / ticks));
          }
        });
      };
      step[0].run();
    });
    double result = done.get();
    recordings.close();
    return result;
  }
}
