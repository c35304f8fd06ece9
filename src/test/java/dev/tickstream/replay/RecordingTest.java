package dev.tickstream.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tickstream.TestServers;
import dev.tickstream.TickstreamServer;
import dev.tickstream.client.ClientOptions;
import dev.tickstream.client.GameSession;
import dev.tickstream.client.Recording;
import dev.tickstream.client.TickstreamClient;
import dev.tickstream.games.arena.ArenaGame;
import dev.tickstream.proto.arena.v1.ArenaInput;
import dev.tickstream.proto.football.v1.FootballInput;
import dev.tickstream.games.arena.ArenaRules;
import dev.tickstream.games.football.FootballGame;
import dev.tickstream.room.RoomObserver;
import dev.tickstream.wire.EntityTable;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A recorded match, read back with the SDK's reader over HTTP, equals the live room tick by
 * tick (hash of the whole world at every recorded tick, played in order and sought at random),
 * for both example games; the replay API refuses malformed ids with 400 and unknown ones with
 * 404, and never serves a file outside the recordings directory.
 */
class RecordingTest {
  @TempDir
  Path dir;

  @Test
  void arenaRecordingReplaysTheLiveStatesTickByTick() throws Exception {
    replayEqualsLive("arena", Map.of(), 4);
  }

  @Test
  void footballRecordingReplaysTheLiveStatesTickByTick() throws Exception {
    replayEqualsLive("football", Map.of("mode", "3v3"), 4);
  }

  @Test
  void anUnwritableDirectoryStopsTheRecordingNotTheRoom() throws Exception {
    Path notADir = Files.writeString(dir.resolve("file"), "x");
    Vertx vertx = Vertx.vertx();
    TickstreamServer server = TestServers.start(vertx, "RECORD", "all",
        "RECORD_DIR", notADir.resolve("sub").toString(), "ROOM_THREADS", "1");
    TickstreamClient client = new TickstreamClient(vertx, ClientOptions.defaults());
    GameSession s = TestServers.await(client.join(TestServers.http(server), "p", "player"));
    server.recordings().flush(5000);
    int before = s.tick();
    Thread.sleep(500);
    assertTrue(s.tick() > before + 5, "the room plays on");
    String metrics = get(HttpClient.newHttpClient(), TestServers.http(server) + "/metrics")
        .body();
    assertTrue(metrics.contains("tickstream_recordings_stopped_total{reason=\"io\"} 1.0"),
        "one io stop counted");
    client.close();
    TestServers.await(vertx.close());
  }

  private void replayEqualsLive(String game, Map<String, String> options, int players)
      throws Exception {
    Vertx vertx = Vertx.vertx();
    TickstreamServer server = TestServers.start(vertx, List.of(
        ArenaGame.spec(ArenaRules.defaults().withMapSize(1000)), FootballGame.spec()),
        "RECORD", "all", "RECORD_DIR", dir.toString(), "RECORD_KEYFRAME_SECONDS", "1",
        "TICK_RATE", "20", "ROOM_THREADS", "1");
    Map<Integer, Long> live = new ConcurrentHashMap<>();
    server.rooms().observeNewRooms(new RoomObserver() {
      @Override
      public void ticked(String roomId, int tick, EntityTable state) {
        live.put(tick, state.hash());
      }
    });
    TickstreamClient client = new TickstreamClient(vertx, ClientOptions.defaults());
    String url = TestServers.http(server);
    for (int i = 0; i < players; i++) {
      String name = "p" + i;
      GameSession s = TestServers.await(client.matchmake(url, game, options, name, "player",
          null).compose(g -> client.connect(g.url(), name)));
      drive(vertx, s, new Random(i), game.equals("arena"));
    }
    Thread.sleep(6000); // about 120 ticks, six keyframes
    TestServers.await(server.drain()); // the room closes: its recording ends and is written
    server.recordings().flush(5000);

    HttpClient http = HttpClient.newHttpClient();
    JsonArray list = new JsonArray(get(http, url + "/api/replays").body());
    assertEquals(1, list.size(), "one recording listed: " + list);
    JsonObject entry = list.getJsonObject(0);
    assertEquals(game, entry.getString("game"));
    assertEquals(players, entry.getJsonArray("players").size(), "players listed: " + entry);
    assertTrue(entry.getLong("durationMs") > 4000, "duration: " + entry);
    assertTrue(entry.getLong("bytes") > 0);
    HttpResponse<byte[]> file = http.send(HttpRequest.newBuilder(
        URI.create(url + "/api/replays/" + entry.getString("id"))).build(),
        HttpResponse.BodyHandlers.ofByteArray());
    assertEquals(200, file.statusCode());
    Recording rec = Recording.read(file.body());
    assertNotNull(rec.end(), "the recording ended cleanly");
    assertEquals(game, rec.header().getGame());

    int compared = 0;
    int mismatched = 0;
    int events = 0;
    while (rec.next()) {
      Long expected = live.get(rec.tick());
      assertNotNull(expected, "a live state for tick " + rec.tick());
      compared++;
      mismatched += expected == rec.state().hash() ? 0 : 1;
      events += rec.events().size();
    }
    assertTrue(compared >= 100, "ticks compared: " + compared);
    assertEquals(0, mismatched, "recorded ticks whose replayed state differed from the live one");
    if (game.equals("football")) {
      assertTrue(events > 0, "the spectators' events are recorded (kick-off)");
    }
    Random rnd = new Random(7);
    for (int i = 0; i < 50; i++) {
      int t = rec.firstTick() + rnd.nextInt(rec.lastTick() - rec.firstTick() + 1);
      int at = rec.seek(t);
      assertTrue(at <= t && at > t - 2, "seek lands on the frame at or before " + t);
      assertEquals(live.get(at), rec.state().hash(), "state after seeking to " + t);
    }

    assertEquals(404, get(http, url + "/api/replays/nosuchrecording").statusCode());
    for (String bad : List.of("..%2F..%2Fetc%2Fpasswd", "a.b", "%2Fetc%2Fpasswd", "a%00b",
        "x/..%2F..%2Fpom.xml")) {
      HttpResponse<String> r = get(http, url + "/api/replays/" + bad);
      assertEquals(400, r.statusCode(), bad + " -> " + r.body());
    }
    HttpResponse<byte[]> part = http.send(HttpRequest.newBuilder(
        URI.create(url + "/api/replays/" + entry.getString("id"))).header("Range", "bytes=0-9")
        .build(), HttpResponse.BodyHandlers.ofByteArray());
    assertEquals(206, part.statusCode());
    assertEquals(10, part.body().length);
    client.close();
    TestServers.await(vertx.close());
  }

  /** A restless player of either game: a new direction now and then, often firing/kicking. */
  static void drive(Vertx vertx, GameSession s, Random rnd, boolean arena) {
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
        if (arena) {
          s.sendInput(ArenaInput.newBuilder().setMoveX(intent[0]).setMoveY(intent[1])
              .setAim(intent[2]).setFire(intent[3] == 1).build());
        } else {
          s.sendInput(FootballInput.newBuilder().setMoveX(intent[0]).setMoveY(intent[1])
              .setKick(rnd.nextInt(4) == 0).setDash(rnd.nextInt(20) == 0).build());
        }
      });
    });
  }

  static HttpResponse<String> get(HttpClient http, String url) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create(url)).build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
