package dev.tickstream.bench;

import dev.tickstream.wire.EntityTable;
import dev.tickstream.sync.SnapshotFrames;
import io.vertx.core.buffer.Buffer;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Encoding one world tick for all its clients on one thread, as the room's fan-out does it:
 * the interest grid rebuilt, then for every client, in the grid's order, its view, its delta
 * against the view last sent to it (the default {@code deltaBase=sent}: every row's delta
 * encoded once per tick by {@code ViewDeltas}, then copied into each view that holds it), its
 * frame, and the view recorded in its two-slot ring.
 * The budget is 25% of a 20 Hz tick: 12.5 ms at 1,000 players.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@State(Scope.Thread)
public class WorldTickBenchmark {
  @Param({"250", "500", "1000"})
  public int players;

  private CodecWorld world;
  private int base;
  /** Each client's view at the current tick, for the encode-only benchmark. */
  private int[][] viewRows;
  private int[] viewCounts;

  @Setup(Level.Trial)
  public void setUp() {
    world = new CodecWorld(players, 1000, 2, 7);
    world.play(120);
    base = world.tick - 1;
    EntityTable state = world.state();
    world.buildGrid(state);
    viewRows = new int[players][];
    viewCounts = new int[players];
    for (int i = 0; i < players; i++) {
      viewCounts[i] = world.view(i, state);
      viewRows[i] = Arrays.copyOf(world.scratchRows, viewCounts[i]);
    }
  }

  /** The interest part alone: the grid rebuilt and every client's view queried. */
  @Benchmark
  public void interestForAllClients(Blackhole bh) {
    EntityTable state = world.state();
    world.buildGrid(state);
    for (int i = 0; i < world.players; i++) {
      bh.consume(world.view(i, state));
    }
  }

  /** The encoder part alone, as the fan-out runs it: every client's delta, fast path. */
  @Benchmark
  public void deltaForAllClients(Blackhole bh) {
    world.prepareViewDeltas();
    for (int i = 0; i < world.players; i++) {
      System.arraycopy(viewRows[i], 0, world.scratchRows, 0, viewCounts[i]);
      world.mapLastView(i);
      world.encodeAgainstPrevious(i, viewCounts[i]);
      bh.consume(world.viewDeltas.length());
    }
  }

  /**
   * The same deltas through the general encoder (any base, rows memoized per base), which the
   * fan-out now uses only for clients whose base is older than the previous tick.
   */
  @Benchmark
  public void deltaForAllClientsGeneral(Blackhole bh) {
    EntityTable state = world.state();
    world.encoder.beginTick(state);
    for (int i = 0; i < world.players; i++) {
      System.arraycopy(viewRows[i], 0, world.scratchRows, 0, viewCounts[i]);
      world.encode(i, viewCounts[i], base);
      bh.consume(world.encoder.length());
    }
    world.encoder.beginTick(null);
  }

  @Benchmark
  public void encodeTickForAllClients(Blackhole bh) {
    EntityTable state = world.state();
    world.buildGrid(state);
    world.prepareViewDeltas();
    world.orderClients(state);
    for (int j = 0; j < world.players; j++) {
      int i = world.order[j];
      int n = world.view(i, state);
      world.encodeAgainstPrevious(i, n);
      Buffer frame = SnapshotFrames.frame(world.tick, base, world.tick + 1,
          world.viewDeltas.bytes(), world.viewDeltas.length());
      bh.consume(frame);
      world.views[i].record(world.tick, world.scratchRows, n);
    }
  }
}
