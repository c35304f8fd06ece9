package dev.tickstream.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tickstream.TestServers;
import dev.tickstream.TickstreamServer;
import dev.tickstream.client.ClientOptions;
import dev.tickstream.client.GameSession;
import dev.tickstream.client.TickstreamClient;
import dev.tickstream.room.Room;
import dev.tickstream.room.RoomObserver;
import dev.tickstream.wire.EntityTable;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A delayed spectator, over real sockets, never receives a tick newer than the server's tick at
 * receipt minus its delay, and what it receives is the room as it was (hash of its mirror
 * against the live state of that tick); a delay over the bound is refused with the bound, and
 * one delayed spectator over the room's limit is closed with it.
 */
class DelayedSpectatorTest {

  @Test
  void delayedSpectatorSeesThePastAndNothingNewer() throws Exception {
    Vertx vertx = Vertx.vertx();
    TickstreamServer server = TestServers.start(vertx, "TICK_RATE", "20", "ROOM_THREADS", "1",
        "SPECTATOR_MAX_DELAY_SECONDS", "5", "MAX_DELAYED_SPECTATORS_PER_ROOM", "1",
        "RECORD_KEYFRAME_SECONDS", "1", "MAP_SIZE", "1000");
    Map<Integer, Long> live = new ConcurrentHashMap<>();
    server.rooms().observeNewRooms(new RoomObserver() {
      @Override
      public void ticked(String roomId, int tick, EntityTable state) {
        live.put(tick, state.hash());
      }
    });
    TickstreamClient client = new TickstreamClient(vertx, ClientOptions.defaults());
    String url = TestServers.http(server);
    for (int i = 0; i < 3; i++) {
      GameSession s = TestServers.await(client.join(url, "p" + i, "player"));
      RecordingTest.drive(vertx, s, new Random(i), true);
    }
    Room room = server.rooms().all().iterator().next();
    HttpClient http = HttpClient.newHttpClient();

    HttpResponse<String> tooLong = matchmake(http, url, "spectator", 6);
    assertEquals(400, tooLong.statusCode());
    assertTrue(tooLong.body().contains("0..5"), "the bound in the reason: " + tooLong.body());
    assertEquals(400, matchmake(http, url, "player", 2).statusCode(), "players are live");

    int delayTicks = 2 * 20;
    GameSession watcher = TestServers.await(client.watchDelayed(url, null, room.id(), "late", 2)
        .compose(g -> client.connect(g.url(), "late")));
    assertTrue(watcher.welcome().getTick() <= Math.max(0, room.currentTick() - delayTicks + 1),
        "the Welcome's tick is the delayed one");
    AtomicInteger received = new AtomicInteger();
    AtomicInteger tooNew = new AtomicInteger();
    AtomicInteger mismatched = new AtomicInteger();
    int[] worst = {Integer.MAX_VALUE};
    watcher.snapshotHandler(s -> {
      int now = room.currentTick();
      int lead = now - delayTicks - s.getTick();
      worst[0] = Math.min(worst[0], lead);
      if (lead < 0) {
        tooNew.incrementAndGet();
      }
      Long expected = live.get(s.getTick());
      if (expected == null || expected != watcher.mirror().hash()) {
        mismatched.incrementAndGet();
      }
      received.incrementAndGet();
    });
    Thread.sleep(1000);
    assertEquals(0, received.get(), "nothing before the delay has passed since it began");

    // A second delayed spectator is one over this room's limit of 1.
    HttpResponse<String> second = matchmake(http, url, "spectator", 1);
    Throwable refused = client.connect(new JsonObject(second.body()).getString("url"), "other")
        .toCompletionStage().toCompletableFuture().handle((ok, e) -> e).get();
    assertTrue(refused != null && refused.getMessage().contains("1008")
        && refused.getMessage().contains("maximum of 1"), "closed with the bound: " + refused);

    Thread.sleep(4000);
    assertTrue(received.get() >= 40, "snapshots received: " + received.get());
    assertEquals(0, tooNew.get(), "snapshots newer than now - delay (closest: " + worst[0] + ")");
    assertEquals(0, mismatched.get(), "delayed states that differ from the room's at that tick");
    client.close();
    TestServers.await(vertx.close());
  }

  private static HttpResponse<String> matchmake(HttpClient http, String url, String role,
      int delay) throws Exception {
    String body = new JsonObject().put("role", role).put("name", "w")
        .put("delaySeconds", delay).encode();
    return http.send(HttpRequest.newBuilder(URI.create(url + "/api/matchmake"))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
