package dev.tickstream.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tickstream.TestServers;
import dev.tickstream.TickstreamServer;
import dev.tickstream.proto.arena.v1.ArenaInput;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Inputs hold: a player that sends one input keeps moving by it tick after tick, and a session
 * that sends nothing new stays open on the SDK's keep-alives and acknowledges only as often as
 * the server asks. Real server, real sockets.
 */
class InputHoldTest {

  @Test
  void oneInputKeepsSteeringAndTheSessionStaysOpenOnKeepAlives() throws Exception {
    Vertx vertx = Vertx.vertx();
    TickstreamServer server = TestServers.start(vertx, "IDLE_TIMEOUT_MS", "1500");
    TickstreamClient client = new TickstreamClient(vertx, ClientOptions.defaults());
    try {
      GameSession s = TestServers.await(client.join(TestServers.http(server), "holder", "player"));
      assertEquals(1500, s.welcome().getIdleTimeoutMs());
      assertEquals(0, s.welcome().getAckIntervalMs(), "deltas against the last sent need no acks");
      int vx = s.schema().index("vx");
      int x = s.schema().index("x");
      // Once the player is in the mirror: one input, towards the middle, never repeated.
      CompletableFuture<Integer> sentAt = new CompletableFuture<>();
      List<int[]> seen = new ArrayList<>();
      CompletableFuture<Void> done = new CompletableFuture<>();
      long[] framesAtInput = new long[1];
      s.context().runOnContext(v -> s.snapshotHandler(snap -> {
        if (!s.hasOwn()) {
          return;
        }
        if (!sentAt.isDone()) {
          int middle = s.welcome().getMapWidth() * s.welcome().getPositionScale() / 2;
          ArenaInput in = ArenaInput.newBuilder().setMoveX(s.own(x) < middle ? 127 : -127)
              .build();
          s.input(in);
          assertEquals(0, s.input(in), "an unchanged input is not sent again");
          framesAtInput[0] = s.framesSent();
          sentAt.complete(snap.getTick());
          return;
        }
        seen.add(new int[] {snap.getTick(), s.own(vx), snap.getLastInputSeq()});
        if (seen.size() >= 60) { // 3 s at 20 Hz: twice the idle timeout
          done.complete(null);
        }
      }));
      done.get(20, TimeUnit.SECONDS);
      assertFalse(s.closed().isComplete(), "closed: " + (s.closed().isComplete()
          ? s.closed().result() : ""));
      // From the tick the input was applied on, the player moves every tick without a new one.
      int moving = 0;
      for (int[] t : seen.subList(10, seen.size())) {
        assertEquals(1, t[2], "the only input is the last applied");
        moving += t[1] != 0 ? 1 : 0;
      }
      assertEquals(seen.size() - 10, moving, "ticks stepped with the held input");
      long frames = s.framesSent() - framesAtInput[0];
      // A keep-alive every 500 ms over 3 s: about 6 frames, not 60.
      assertTrue(frames >= 4 && frames <= 10, "frames sent while holding: " + frames);
    } finally {
      client.close();
      TestServers.await(vertx.close());
    }
  }

  /** Without a mirror a session still knows its own row, tick by tick, as a spectator sees it. */
  @Test
  void withoutAMirrorTheOwnRowMatchesWhatASpectatorSees() throws Exception {
    Vertx vertx = Vertx.vertx();
    TickstreamServer server = TestServers.start(vertx);
    TickstreamClient client = new TickstreamClient(vertx, ClientOptions.defaults());
    try {
      String url = TestServers.http(server);
      SeatGrant seat = TestServers.await(client.matchmake(url, "light", "player", null));
      GameSession light = TestServers.await(client.connect(seat.url(), "light",
          SessionOptions.defaults().withoutMirror()));
      SeatGrant eye = TestServers.await(client.matchmake(url, "eye", "spectator",
          light.welcome().getRoomId()));
      GameSession spectator = TestServers.await(client.connect(eye.url(), "eye"));
      int id = light.welcome().getEntityId();
      int x = light.schema().index("x");
      int y = light.schema().index("y");
      java.util.Map<Integer, Long> seen = new java.util.concurrent.ConcurrentHashMap<>();
      java.util.Map<Integer, Long> own = new java.util.concurrent.ConcurrentHashMap<>();
      spectator.snapshotHandler(s -> {
        int row = spectator.mirror().indexOf(id);
        if (row >= 0) {
          seen.put(s.getTick(), ((long) spectator.mirror().get(row, x) << 32)
              | (spectator.mirror().get(row, y) & 0xFFFFFFFFL));
        }
      });
      java.util.Random rnd = new java.util.Random(3);
      light.context().runOnContext(v -> light.snapshotHandler(s -> {
        if (light.hasOwn()) {
          own.put(s.getTick(), ((long) light.own(x) << 32) | (light.own(y) & 0xFFFFFFFFL));
        }
        if (s.getTick() % 10 == 0) { // a new direction twice a second
          light.input(ArenaInput.newBuilder().setMoveX(rnd.nextInt(-127, 128))
              .setMoveY(rnd.nextInt(-127, 128)).build());
        }
      }));
      long deadline = System.nanoTime() + 20_000_000_000L;
      int compared = 0;
      while (System.nanoTime() < deadline) {
        compared = 0;
        for (var e : own.entrySet()) {
          Long other = seen.get(e.getKey());
          if (other != null) {
            assertEquals(other, e.getValue(), "own row at tick " + e.getKey());
            compared++;
          }
        }
        if (compared >= 60) {
          break;
        }
        Thread.sleep(100);
      }
      assertTrue(compared >= 60, "ticks compared: " + compared);
      assertTrue(light.mirror() == null, "no mirror kept");
    } finally {
      client.close();
      TestServers.await(vertx.close());
    }
  }

  @Test
  void withDeltasAgainstAcksAnIdleClientAcksAtTheAskedRateAndGetsDeltas() throws Exception {
    Vertx vertx = Vertx.vertx();
    TickstreamServer server = TestServers.start(vertx, "DELTA_BASE", "acked");
    TickstreamClient client = new TickstreamClient(vertx, ClientOptions.defaults());
    try {
      GameSession s = TestServers.await(client.join(TestServers.http(server), "idle", "player"));
      int interval = s.welcome().getAckIntervalMs();
      assertEquals(200, interval, "every fourth snapshot at 20 Hz");
      List<int[]> seen = new ArrayList<>();
      CompletableFuture<Void> done = new CompletableFuture<>();
      long[] frames0 = new long[1];
      s.context().runOnContext(v -> s.snapshotHandler(snap -> {
        if (seen.isEmpty()) {
          frames0[0] = s.framesSent();
        }
        seen.add(new int[] {snap.getTick(), snap.getBaseTick()});
        if (seen.size() >= 61) {
          frames0[0] = s.framesSent() - frames0[0];
          done.complete(null);
        }
      }));
      done.get(20, TimeUnit.SECONDS);
      // 3 s: an ack every 200 ms is about 15 frames, not 60.
      assertTrue(frames0[0] >= 10 && frames0[0] <= 20, "acks sent: " + frames0[0]);
      int maxAge = 0;
      for (int[] t : seen.subList(20, seen.size())) {
        assertTrue(t[1] != 0, "a delta, not a complete snapshot, at tick " + t[0]);
        maxAge = Math.max(maxAge, t[0] - t[1]);
      }
      // Base at most an ack interval (4 ticks) plus a round trip and a tick old.
      assertTrue(maxAge <= 8, "oldest base: " + maxAge + " ticks");
    } finally {
      client.close();
      TestServers.await(vertx.close());
    }
  }
}
