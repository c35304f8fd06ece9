package dev.tickstream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tickstream.client.ClientOptions;
import dev.tickstream.client.GameSession;
import dev.tickstream.client.SessionOptions;
import dev.tickstream.client.TickstreamClient;
import dev.tickstream.proto.arena.v1.ArenaInput;
import dev.tickstream.room.Room;
import dev.tickstream.room.TickStats;
import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * A client's world rebuilt from deltas equals the server's world, compared by hash at every
 * tick the client applies, for over 1,000 ticks, while it loses random snapshots and acks and
 * other players move, fire, die, join and leave.
 */
class MirrorTest {

  @Test
  void mirrorEqualsServerWorldEveryTickDespiteDroppedSnapshotsAndAcks() throws Exception {
    Result r = run(true, "TICK_RATE", "60", "ROOM_THREADS", "1", "DELTA_BASE", "acked");
    report("whole room", r);
  }

  /**
   * The default: deltas against the last snapshot written, as over a TCP stream nothing
   * written is lost (acks still go missing; they no longer matter for the base).
   */
  @Test
  void mirrorEqualsServerWithDeltasAgainstTheLastSnapshotSent() throws Exception {
    Result r = run(false, "TICK_RATE", "60", "ROOM_THREADS", "1", "VIEW_RADIUS", "250",
        "MAP_SIZE", "1000");
    report("area of interest, deltas against the last sent", r);
  }

  @Test
  void mirrorEqualsServerViewWithAreaOfInterestAsEntitiesEnterAndLeave() throws Exception {
    Result r = run(true, "TICK_RATE", "60", "ROOM_THREADS", "1", "VIEW_RADIUS", "250",
        "MAP_SIZE", "1000", "DELTA_BASE", "acked");
    assertTrue(r.entered > 10 && r.left > 10,
        "players entered " + r.entered + " and left " + r.left + " the view");
    report("area of interest", r);
  }

  record Result(int compared, int dropped, int entered, int left, TickStats.Summary ticks) {}

  private Result run(boolean dropSnapshots, String... env) throws Exception {
    Vertx vertx = Vertx.vertx();
    TickstreamServer server = TestServers.start(vertx, env);
    // What the server sent each member at each tick, as the hash of that member's view.
    Map<Long, Long> serverHashes = new ConcurrentHashMap<>();
    server.rooms().observeNewRooms(new dev.tickstream.room.RoomObserver() {
      @Override
      public void sent(Sent s) {
        serverHashes.put(((long) s.entityId() << 32) | s.tick(), s.viewHash());
      }
    });
    TickstreamClient client = new TickstreamClient(vertx, ClientOptions.defaults());
    String url = TestServers.http(server);
    List<GameSession> movers = new ArrayList<>();
    for (int i = 0; i < 14; i++) {
      movers.add(TestServers.await(client.join(url, "mover" + i, "player")));
    }
    movers.forEach(m -> drive(vertx, m, new Random(m.welcome().getEntityId())));

    Random drops = new Random(99);
    AtomicInteger dropped = new AtomicInteger();
    SessionOptions lossy = SessionOptions.defaults().withDrops(
        tick -> {
          boolean d = dropSnapshots && drops.nextInt(10) == 0;
          dropped.addAndGet(d ? 1 : 0);
          return d;
        },
        tick -> drops.nextInt(5) == 0);
    var grant = TestServers.await(client.matchmake(url, "watcher", "player", null));
    GameSession watcher = TestServers.await(client.connect(grant.url(), "watcher", lossy));
    drive(vertx, watcher, new Random(5));

    int self = watcher.welcome().getEntityId();
    java.util.Set<Integer> inView = new java.util.HashSet<>();
    AtomicInteger entered = new AtomicInteger();
    AtomicInteger left = new AtomicInteger();
    AtomicInteger compared = new AtomicInteger();
    AtomicInteger mismatched = new AtomicInteger();
    AtomicLong deltas = new AtomicLong();
    CompletableFuture<Void> done = new CompletableFuture<>();
    watcher.snapshotHandler(s -> {
      java.util.Set<Integer> now = new java.util.HashSet<>();
      var w = watcher.mirror();
      for (int r = 0; r < w.size(); r++) {
        if (w.get(r, 0) == 1) {
          now.add(w.id(r));
        }
      }
      for (Integer id : now) {
        if (!inView.contains(id)) {
          entered.incrementAndGet();
        }
      }
      for (Integer id : inView) {
        if (!now.contains(id)) {
          left.incrementAndGet();
        }
      }
      inView.clear();
      inView.addAll(now);
      Long expected = serverHashes.get(((long) self << 32) | s.getTick());
      if (expected == null) {
        return;
      }
      if (expected != watcher.mirror().hash()) {
        mismatched.incrementAndGet();
      }
      if (s.getBaseTick() != 0) {
        deltas.incrementAndGet();
      }
      if (compared.incrementAndGet() >= 1200) {
        done.complete(null);
      }
    });
    // Mid-run churn: one player leaves, another joins.
    vertx.setTimer(3000, id -> movers.get(0).close());
    vertx.setTimer(5000, id -> client.join(url, "late", "player")
        .onSuccess(g -> drive(vertx, g, new Random(11))));
    try {
      done.get(90, TimeUnit.SECONDS);
    } catch (java.util.concurrent.TimeoutException e) {
      throw new AssertionError("compared " + compared.get() + " ticks, " + mismatched.get()
          + " mismatched; watcher " + (watcher.closed().isComplete()
          ? "closed: " + watcher.closed().result() : "open"), e);
    }

    assertEquals(0, mismatched.get(), "ticks where the mirror differed from the server");
    assertTrue(compared.get() >= 1000);
    assertTrue(!dropSnapshots || dropped.get() > 50,
        "the test really dropped snapshots: " + dropped.get());
    assertTrue(deltas.get() > compared.get() / 2, "most snapshots were deltas: " + deltas.get());
    Result result = new Result(compared.get(), dropped.get(), entered.get(), left.get(),
        server.rooms().get(watcher.welcome().getRoomId()).tickStats());
    client.close();
    TestServers.await(vertx.close());
    return result;
  }

  /** Steers a session like a restless player: new direction every half second, often firing. */
  static void drive(Vertx vertx, GameSession s, Random rnd) {
    s.context().runOnContext(v -> {
      int[] intent = new int[4];
      vertx.setPeriodic(50, id -> {
        if (s.socket().isClosed()) {
          vertx.cancelTimer(id);
          return;
        }
        if (rnd.nextInt(10) == 0) {
          intent[0] = rnd.nextInt(-127, 128);
          intent[1] = rnd.nextInt(-127, 128);
          intent[2] = rnd.nextInt(65536);
          intent[3] = rnd.nextInt(3) == 0 ? 1 : 0;
        }
        s.sendInput(ArenaInput.newBuilder().setMoveX(intent[0]).setMoveY(intent[1])
            .setAim(intent[2]).setFire(intent[3] == 1).build());
      });
    });
  }

  /** Tick lateness under this test's load, for the closing note; not asserted. */
  private static void report(String mode, Result r) throws Exception {
    TickStats.Summary t = r.ticks();
    String line = String.format("mirror test (" + mode + "): %d ticks compared, %d snapshots dropped,"
            + " %d entered / %d left view;"
            + " tick lateness p50 %.3f ms p99 %.3f ms max %.3f ms; tick duration p50 %.3f ms"
            + " p99 %.3f ms; overruns %d%n", r.compared(), r.dropped(), r.entered(), r.left(),
        t.latenessP50Ms(),
        t.latenessP99Ms(), t.latenessMaxMs(), t.durationP50Ms(), t.durationP99Ms(), t.overruns());
    System.out.print(line);
    Files.writeString(Path.of("target", "tick-lateness.txt"), line,
        java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
  }
}
