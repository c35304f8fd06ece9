package dev.tickstream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tickstream.client.ClientOptions;
import dev.tickstream.client.GameSession;
import dev.tickstream.client.SeatGrant;
import dev.tickstream.client.TickstreamClient;
import dev.tickstream.proto.arena.v1.ArenaInput;
import dev.tickstream.proto.v1.Role;
import dev.tickstream.wire.EntityTable;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Two real clients over real sockets (ws and wss) against a real node on loopback. */
class EndToEndTest {
  static final int X = 1;
  static final int OWNER = 9;
  static Vertx vertx;
  static TickstreamServer server;
  static TickstreamClient client;

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
    server = TestServers.start(vertx);
    client = new TickstreamClient(vertx, ClientOptions.defaults().withTrust(server.devTrust()));
  }

  @AfterAll
  static void stop() {
    client.close();
    TestServers.await(vertx.close());
  }

  @Test
  void otherPlayerSeesMovementAndShotWithinTwoTicks() throws Exception {
    GameSession a = TestServers.await(client.join(TestServers.http(server), "alice", "player"));
    GameSession b = TestServers.await(client.join(TestServers.http(server), "bob", "player"));
    assertEquals(a.welcome().getRoomId(), b.welcome().getRoomId(), "open rooms fill first");
    int alice = a.welcome().getEntityId();
    assertNotEquals(0, alice);

    // Wait until bob has seen alice standing still, then alice moves right and fires.
    CompletableFuture<Integer> bobSawAlice = new CompletableFuture<>();
    b.snapshotHandler(s -> {
      if (b.mirror().indexOf(alice) >= 0) {
        bobSawAlice.complete(b.mirror().get(b.mirror().indexOf(alice), X));
      }
    });
    int startX = bobSawAlice.get(10, TimeUnit.SECONDS);

    CompletableFuture<Integer> appliedAt = new CompletableFuture<>();
    CompletableFuture<Integer> movedAt = new CompletableFuture<>();
    CompletableFuture<Integer> shotAt = new CompletableFuture<>();
    AtomicInteger seq = new AtomicInteger();
    a.snapshotHandler(s -> {
      if (seq.get() > 0 && s.getLastInputSeq() >= seq.get()) {
        appliedAt.complete(s.getTick());
      }
    });
    b.snapshotHandler(s -> {
      EntityTable w = b.mirror();
      int row = w.indexOf(alice);
      if (row >= 0 && w.get(row, X) != startX) {
        movedAt.complete(s.getTick());
      }
      for (int r = 0; r < w.size(); r++) {
        if (w.get(r, 0) == 2 && w.get(r, OWNER) == alice) {
          shotAt.complete(s.getTick());
        }
      }
    });
    a.context().runOnContext(v -> seq.set(a.sendInput(ArenaInput.newBuilder().setMoveX(127).setFire(true).build())));
    int applied = appliedAt.get(10, TimeUnit.SECONDS);
    int moved = movedAt.get(10, TimeUnit.SECONDS);
    int shot = shotAt.get(10, TimeUnit.SECONDS);
    assertTrue(moved - applied <= 2, "bob saw the move at tick " + moved + ", applied " + applied);
    assertTrue(shot - applied <= 2, "bob saw the shot at tick " + shot + ", applied " + applied);
    a.close();
    b.close();
  }

  @Test
  void spectatorWatchesWithoutAnEntityAndOutsideThePlayerLimit() throws Exception {
    GameSession p = TestServers.await(client.join(TestServers.http(server), "pat", "player"));
    SeatGrant grant = TestServers.await(client.matchmake(TestServers.http(server), "eye", "spectator",
        p.welcome().getRoomId()));
    GameSession s = TestServers.await(client.connect(grant.url(), "eye"));
    assertEquals(Role.ROLE_SPECTATOR, s.welcome().getRole());
    assertEquals(0, s.welcome().getEntityId());
    CompletableFuture<Void> sawPlayer = new CompletableFuture<>();
    s.snapshotHandler(x -> {
      if (s.mirror().indexOf(p.welcome().getEntityId()) >= 0) {
        sawPlayer.complete(null);
      }
    });
    sawPlayer.get(10, TimeUnit.SECONDS);
    var room = server.rooms().get(p.welcome().getRoomId());
    assertEquals(1, room.spectators());
    p.close();
    s.close();
  }

  @Test
  void playsOverWssWithTheGeneratedCertificate() throws Exception {
    GameSession a = TestServers.await(client.join(TestServers.https(server), "tls", "player"));
    assertTrue(a.socket().isSsl());
    CompletableFuture<Integer> got = new CompletableFuture<>();
    a.snapshotHandler(s -> {
      if (a.snapshotsApplied() >= 5) {
        got.complete(a.mirror().size());
      }
    });
    assertTrue(got.get(10, TimeUnit.SECONDS) >= 1);
    a.close();

    try (TickstreamClient insecure = new TickstreamClient(vertx,
        ClientOptions.defaults().withTrustAll())) {
      GameSession b = TestServers.await(insecure.join(TestServers.https(server), "any", "player"));
      assertTrue(b.welcome().getEntityId() > 0);
      b.close();
    }
  }

  @Test
  void handshakeWithoutTokenOrSubprotocolIsRefused() {
    HttpClient http = vertx.createHttpClient(new HttpClientOptions());
    int noToken = status(http, "/ws", "tickstream.v1");
    int badToken = status(http, "/ws?token=eyJhbGciOiJIUzI1NiJ9.e30.abc", "tickstream.v1");
    SeatGrant g = TestServers.await(client.matchmake(TestServers.http(server), "x", "player", null));
    int noProtocol = status(http, "/ws?token=" + g.token(), null);
    int wrongProtocol = status(http, "/ws?token=" + g.token(), "tickstream.v0");
    assertEquals(401, noToken);
    assertEquals(401, badToken);
    assertEquals(400, noProtocol);
    assertEquals(400, wrongProtocol);
    http.close();
  }

  @Test
  void metricsEndpointExposesTickTimesAndCounts() throws Exception {
    GameSession a = TestServers.await(client.join(TestServers.http(server), "m", "player"));
    CompletableFuture<Void> ticked = new CompletableFuture<>();
    a.snapshotHandler(s -> {
      if (a.snapshotsApplied() > 3) {
        ticked.complete(null);
      }
    });
    ticked.get(10, TimeUnit.SECONDS);
    HttpClient http = vertx.createHttpClient(new HttpClientOptions());
    String text = TestServers.await(http.request(HttpMethod.GET, server.port(), "127.0.0.1",
        "/metrics").compose(r -> r.send().compose(resp -> resp.body())).map(Object::toString));
    for (String metric : new String[] {"tickstream_tick_duration_seconds{quantile=\"0.99\"}",
        "tickstream_tick_lateness_seconds_count", "tickstream_players", "tickstream_rooms",
        "tickstream_bytes_out_total", "tickstream_connections", "process_cpu_usage"}) {
      assertTrue(text.contains(metric), "metrics contain " + metric);
    }
    http.close();
    a.close();
  }

  @Test
  void healthReportsTheBuildsVersion() throws Exception {
    HttpClient http = vertx.createHttpClient(new HttpClientOptions());
    for (String path : new String[] {"/health", "/health/ready"}) {
      io.vertx.core.json.JsonObject body = TestServers.await(http.request(HttpMethod.GET,
          server.port(), "127.0.0.1", path).compose(r -> r.send().compose(resp -> resp.body()))
          .map(b -> b.toJsonObject()));
      assertEquals("UP", body.getString("status"), path);
      String version = body.getString("version");
      assertTrue(version != null && version.matches("\\d+\\.\\d+\\.\\d+.*"),
          path + " reports the build's version: " + version);
      assertEquals(dev.tickstream.config.Version.current(), version);
    }
    http.close();
  }

  private int status(HttpClient http, String uri, String protocol) {
    RequestOptions o = new RequestOptions().setMethod(HttpMethod.GET).setHost("127.0.0.1")
        .setPort(server.port()).setURI(uri)
        .putHeader("Connection", "Upgrade").putHeader("Upgrade", "websocket")
        .putHeader("Sec-WebSocket-Version", "13")
        .putHeader("Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ==");
    if (protocol != null) {
      o.putHeader("Sec-WebSocket-Protocol", protocol);
    }
    return TestServers.await(http.request(o).compose(r -> r.send()).map(r -> r.statusCode()));
  }

  @Test
  void blankLookingNamesReachOthersAsAVisibleName() throws Exception {
    // Hangul fillers, a line separator and a braille blank render as nothing: another player
    // must not see an empty name, nor a line break inside one.
    GameSession blank = TestServers.await(client.join(TestServers.http(server),
        "\u3164\u2028\u115F \u2800\uFFA0", "player"));
    GameSession split = TestServers.await(client.join(TestServers.http(server),
        "a\u2028b\u3000c", "player"));
    GameSession viewer = TestServers.await(client.join(TestServers.http(server), "v", "player"));
    assertEquals(blank.welcome().getRoomId(), viewer.welcome().getRoomId());
    assertEquals(split.welcome().getRoomId(), viewer.welcome().getRoomId());
    CompletableFuture<List<String>> names = new CompletableFuture<>();
    viewer.snapshotHandler(s -> {
      int rb = viewer.mirror().indexOf(blank.welcome().getEntityId());
      int rs = viewer.mirror().indexOf(split.welcome().getEntityId());
      if (rb >= 0 && rs >= 0) {
        names.complete(List.of(viewer.mirror().name(rb), viewer.mirror().name(rs)));
      }
    });
    assertEquals(List.of("player", "ab c"), names.get(10, TimeUnit.SECONDS));
    blank.close();
    split.close();
    viewer.close();
  }
}
