package dev.tickstream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tickstream.client.ClientOptions;
import dev.tickstream.client.GameSession;
import dev.tickstream.client.SessionOptions;
import dev.tickstream.client.TickstreamClient;
import dev.tickstream.games.football.FootballGame;
import dev.tickstream.proto.football.v1.FootballInput;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The second game through the same engine: a football client's world rebuilt from deltas
 * equals the server's, compared by hash at every tick it applies, for over 1,000 ticks, while it
 * loses random snapshots and acks and five other players run, dash and kick; its events arrive
 * in tick order.
 */
class FootballMirrorTest {

  @Test
  void footballMirrorEqualsServerEveryTickDespiteDroppedSnapshotsAndAcks() throws Exception {
    Vertx vertx = Vertx.vertx();
    TickstreamServer server = TestServers.start(vertx, List.of(FootballGame.spec()),
        "TICK_RATE", "60", "ROOM_THREADS", "1", "DELTA_BASE", "acked");
    Map<Long, Long> serverHashes = new ConcurrentHashMap<>();
    server.rooms().observeNewRooms(new dev.tickstream.room.RoomObserver() {
      @Override
      public void sent(Sent s) {
        serverHashes.put(((long) s.entityId() << 32) | s.tick(), s.viewHash());
      }
    });
    TickstreamClient client = new TickstreamClient(vertx, ClientOptions.defaults());
    String url = TestServers.http(server);
    Map<String, String> mode = Map.of("mode", "3v3");
    List<GameSession> players = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      String name = "p" + i;
      GameSession s = TestServers.await(client.matchmake(url, "football", mode, name, "player",
          null).compose(g -> client.connect(g.url(), name)));
      players.add(s);
      drive(vertx, s, new Random(i));
    }
    Random drops = new Random(99);
    AtomicInteger dropped = new AtomicInteger();
    SessionOptions lossy = SessionOptions.defaults().withDrops(
        tick -> {
          boolean d = drops.nextInt(10) == 0;
          dropped.addAndGet(d ? 1 : 0);
          return d;
        },
        tick -> drops.nextInt(5) == 0);
    GameSession watcher = TestServers.await(client.matchmake(url, "football", mode, "watcher",
        "player", null).compose(g -> client.connect(g.url(), "watcher", lossy)));
    assertEquals(players.get(0).welcome().getRoomId(), watcher.welcome().getRoomId());
    drive(vertx, watcher, new Random(5));

    int self = watcher.welcome().getEntityId();
    AtomicInteger compared = new AtomicInteger();
    AtomicInteger mismatched = new AtomicInteger();
    AtomicInteger events = new AtomicInteger();
    AtomicInteger outOfOrder = new AtomicInteger();
    int[] lastEventTick = {0};
    CompletableFuture<Void> done = new CompletableFuture<>();
    watcher.eventHandler(e -> {
      events.incrementAndGet();
      if (e.tick() < lastEventTick[0] || e.tick() > watcher.tick() || e.name() == null) {
        outOfOrder.incrementAndGet();
      }
      lastEventTick[0] = e.tick();
    });
    watcher.snapshotHandler(s -> {
      Long expected = serverHashes.get(((long) self << 32) | s.getTick());
      if (expected == null) {
        return;
      }
      if (expected != watcher.mirror().hash()) {
        mismatched.incrementAndGet();
      }
      if (compared.incrementAndGet() >= 1200) {
        done.complete(null);
      }
    });
    done.get(90, TimeUnit.SECONDS);
    assertEquals(0, mismatched.get(), "ticks where the mirror differed from the server");
    assertTrue(dropped.get() > 50, "the test really dropped snapshots: " + dropped.get());
    assertTrue(events.get() > 0, "the match sent events (a kick-off at least)");
    assertEquals(0, outOfOrder.get(), "events in tick order, named, never ahead of the state");
    int ball = watcher.schema().index("vel_x");
    assertTrue(ball >= 0, "fields read by name from the schema");
    client.close();
    TestServers.await(vertx.close());
  }

  /** A restless footballer: a new direction every half second, kicks and dashes often. */
  static void drive(Vertx vertx, GameSession s, Random rnd) {
    int[] intent = new int[4];
    vertx.setPeriodic(50, id -> {
      if (s.socket().isClosed()) {
        vertx.cancelTimer(id);
        return;
      }
      if (rnd.nextInt(10) == 0) {
        intent[0] = rnd.nextInt(-127, 128);
        intent[1] = rnd.nextInt(-127, 128);
      }
      intent[2] = rnd.nextInt(4) == 0 ? 1 : 0;
      intent[3] = rnd.nextInt(20) == 0 ? 1 : 0;
      FootballInput in = FootballInput.newBuilder().setMoveX(intent[0]).setMoveY(intent[1])
          .setKick(intent[2] == 1).setDash(intent[3] == 1).build();
      s.context().runOnContext(v -> s.sendInput(in));
    });
  }
}
