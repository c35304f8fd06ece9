package dev.tickstream.bench;

import dev.tickstream.games.arena.ArenaGame;
import dev.tickstream.sim.PositionHistory;
import dev.tickstream.wire.EntityTable;
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

/**
 * What lag compensation costs a room: recording one tick of a played arena world (every
 * player's and projectile's position, sorted by x) into the position history, as the room
 * does after each step, and one rewound shot query (a tick's flight, 30 u, with the hit
 * radius) against it. Compare the record with {@code WorldTickBenchmark}'s tick.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Thread)
public class RewindBenchmark {
  @Param({"1000"})
  public int players;

  private CodecWorld world;
  private PositionHistory history;
  private EntityTable state;
  private int tick;
  private int x;

  @Setup(Level.Trial)
  public void setUp() {
    world = new CodecWorld(players, 0, 2, 7);
    world.play(120);
    state = world.state();
    tick = world.tick;
    history = new PositionHistory(6, ArenaGame.SCHEMA);
    for (int t = tick - 6; t <= tick; t++) {
      history.record(t, state, world.game);
    }
  }

  @Benchmark
  public PositionHistory recordTick() {
    history.record(tick, state, world.game); // the same tick again: the same work, no growth
    return history;
  }

  @Benchmark
  public int[] shotQuery() {
    x = (x + 397) % 8000; // wire units across the 4000-unit map
    return history.entitiesAlong(x, 4000, x + 60, 4000, 40, tick - 3);
  }
}
