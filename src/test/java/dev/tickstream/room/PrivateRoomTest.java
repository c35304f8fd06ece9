package dev.tickstream.room;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tickstream.TestServers;
import dev.tickstream.TickstreamServer;
import dev.tickstream.client.ClientOptions;
import dev.tickstream.client.GameSession;
import dev.tickstream.client.SeatGrant;
import dev.tickstream.client.TickstreamClient;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A private room: made on request, joined with its short code only, never matched. */
class PrivateRoomTest {
  static Vertx vertx;
  static TickstreamServer server;
  static TickstreamClient client;
  static String base;

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
    server = TestServers.start(vertx, List.of(ProbeGame.SPEC,
        dev.tickstream.games.football.FootballGame.spec()));
    client = new TickstreamClient(vertx, ClientOptions.defaults());
    base = TestServers.http(server);
  }

  @AfterAll
  static void stop() {
    client.close();
    TestServers.await(vertx.close());
  }

  @Test
  void aGameSetsItsRoomsCapacitySoMatchmakingNeverOverbooks() {
    // Six seats asked at once for 1v1 football: three rooms of two, nobody refused at join.
    List<SeatGrant> grants = new java.util.ArrayList<>();
    for (int i = 0; i < 6; i++) {
      grants.add(TestServers.await(client.matchmake(base, "football", Map.of("mode", "1v1"),
          "f" + i, "player", null)));
    }
    Map<String, Long> perRoom = grants.stream().collect(java.util.stream.Collectors
        .groupingBy(SeatGrant::roomId, java.util.stream.Collectors.counting()));
    assertEquals(3, perRoom.size(), perRoom.toString());
    perRoom.values().forEach(n -> assertEquals(2L, n));
    assertEquals(2, server.rooms().get(grants.get(0).roomId()).maxPlayers());
  }

  @Test
  void friendsJoinWithTheCodeAndStrangersAreNeverMatchedIn() {
    SeatGrant host = TestServers.await(client.createPrivate(base, "probe", Map.of(), "host"));
    assertNotNull(host.code());
    assertTrue(host.code().matches("[A-HJKMNP-Z2-9]{6}"), host.code());
    GameSession h = TestServers.await(client.connect(host.url(), "host"));
    assertEquals(host.roomId(), h.welcome().getRoomId());

    SeatGrant friend = TestServers.await(client.joinByCode(base, host.code().toLowerCase(),
        "friend", "player"));
    assertEquals(host.roomId(), friend.roomId(), "the code leads to the room");

    SeatGrant stranger = TestServers.await(client.matchmake(base, "probe", Map.of(), "stranger",
        "player", null));
    assertNotEquals(host.roomId(), stranger.roomId(), "matchmaking never fills a private room");

    String byId = client.matchmake(base, "probe", Map.of(), "snoop", "player", host.roomId())
        .toCompletionStage().toCompletableFuture().handle((g, e) -> e.getMessage()).join();
    assertTrue(byId.contains("404"), "a private room is not joined by its id: " + byId);
    String wrong = client.joinByCode(base, "ZZZZZZ", "x", "player").toCompletionStage()
        .toCompletableFuture().handle((g, e) -> e.getMessage()).join();
    assertTrue(wrong.contains("404"), wrong);
    String bad = client.joinByCode(base, "../etc", "x", "player").toCompletionStage()
        .toCompletableFuture().handle((g, e) -> e.getMessage()).join();
    assertTrue(bad.contains("400"), bad);
  }
}
