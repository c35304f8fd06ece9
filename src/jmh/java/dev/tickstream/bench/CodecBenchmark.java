package dev.tickstream.bench;

import dev.tickstream.wire.EntityTable;
import dev.tickstream.sync.SnapshotFrames;
import io.vertx.core.buffer.Buffer;
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
 * Encode and decode time of one client's snapshot, for the arena (16 players, everyone in
 * view) and the big world (1,000 players, a 1,000-unit view radius showing about 100 players
 * plus their projectiles), each against the view the client acknowledged 3 ticks earlier
 * (a 100 ms round trip at 20 Hz). The per-entity time is the per-snapshot time divided by the
 * entities in view, which setup prints. {@link WorldTickBenchmark} times a whole world tick.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Thread)
public class CodecBenchmark {
  static final int ACK_LAG = 3;

  @Param({"arena", "world"})
  public String room;

  private CodecWorld world;
  private int base;
  private int client;
  private byte[][] frames;
  private EntityTable[] baseStates;
  private EntityTable decoded;

  @Setup(Level.Trial)
  public void setUp() throws Exception {
    world = room.equals("arena") ? new CodecWorld(16, 0, ACK_LAG + 2, 7)
        : new CodecWorld(1000, 1000, ACK_LAG + 2, 7);
    world.play(120);
    base = world.tick - ACK_LAG;
    EntityTable state = world.state();
    world.buildGrid(state);
    world.encoder.beginTick(null); // each encoding computes its rows itself: the worst case
    int clients = Math.min(world.players, 200);
    frames = new byte[clients][];
    baseStates = new EntityTable[clients];
    long inView = 0;
    long bytes = 0;
    for (int i = 0; i < clients; i++) {
      inView += world.view(i, state);
      frames[i] = world.frame(i, base).getBytes();
      bytes += frames[i].length;
      baseStates[i] = world.clientState(i, base);
    }
    decoded = new EntityTable(state.fieldCount());
    System.out.printf("%n%s: %d entities in the world, %.1f in view, %.1f bytes per snapshot%n",
        room, state.size(), inView / (double) clients, bytes / (double) clients);
  }

  private int nextClient() {
    client = client + 1 == frames.length ? 0 : client + 1;
    return client;
  }

  /** Interest query (world) and delta encoding of one client's body, without the header. */
  @Benchmark
  public int encodeSnapshot() {
    int i = nextClient();
    int n = world.view(i, world.state());
    world.encode(i, n, base);
    return world.encoder.length();
  }

  /** As {@link #encodeSnapshot}, plus the client's frame (header and copy) ready to write. */
  @Benchmark
  public Buffer encodeFrame() {
    int i = nextClient();
    int n = world.view(i, world.state());
    world.encode(i, n, base);
    return SnapshotFrames.frame(world.tick, base, world.tick + 1, world.encoder.bytes(),
        world.encoder.length());
  }

  /** Parsing the frame and applying it to the client's state at the base tick. */
  @Benchmark
  public void decodeSnapshot(Blackhole bh) throws Exception {
    int i = nextClient();
    CodecWorld.decode(frames[i], baseStates[i], decoded, world.rates);
    bh.consume(decoded.size());
  }
}
