package dev.tickstream.room;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.Int32Value;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.StringValue;
import dev.tickstream.TestServers;
import dev.tickstream.TickstreamServer;
import dev.tickstream.client.ClientOptions;
import dev.tickstream.client.GameSession;
import dev.tickstream.client.SessionOptions;
import dev.tickstream.client.TickstreamClient;
import dev.tickstream.games.arena.ArenaGame;
import dev.tickstream.games.arena.ArenaRules;
import dev.tickstream.proto.v1.ClientMessage;
import dev.tickstream.proto.v1.GameMessage;
import dev.tickstream.proto.v1.Input;
import dev.tickstream.sim.GameSpec;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The game's hooks and services over real sockets: join refusal, messages at the next tick,
 * events to exactly the addressed clients, kicks, leave reasons, closing, and a throwing game
 * that takes down its own room only. Each test plays in rooms of its own (by room options).
 */
class GameLifecycleTest {
  static Vertx vertx;
  static TickstreamServer server;
  static TickstreamClient client;
  static String base;

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
    List<GameSpec<?>> games = List.of(ProbeGame.SPEC, ArenaGame.spec(ArenaRules.defaults()));
    server = TestServers.start(vertx, games, "RECONNECT_GRACE_MS", "3000", "VIEW_RADIUS", "150");
    client = new TickstreamClient(vertx, ClientOptions.defaults().withTrust(server.devTrust()));
    base = TestServers.http(server);
  }

  @AfterAll
  static void stop() {
    client.close();
    TestServers.await(vertx.close());
  }

  /** A probe session in the room made with option room=name. */
  static GameSession join(String room, String name) {
    return join(room, name, SessionOptions.defaults());
  }

  static GameSession join(String room, String name, SessionOptions options) {
    return TestServers.await(client.matchmake(base, "probe", Map.of("room", room), name,
        "player", null).compose(g -> client.connect(g.url(), name, options)));
  }

  /** Collects a session's "said" events as text. */
  static List<String> said(GameSession s) {
    List<String> out = new CopyOnWriteArrayList<>();
    s.context().runOnContext(v -> s.eventHandler(e -> {
      if ("said".equals(e.name())) {
        try {
          out.add(e.as(StringValue.parser()).getValue() + " #" + e.tick());
        } catch (InvalidProtocolBufferException x) {
          out.add("unparsable");
        }
      }
    }));
    return out;
  }

  static void say(GameSession s, String text) {
    s.context().runOnContext(v -> s.send("say", StringValue.of(text)));
  }

  static void waitFor(String what, java.util.function.BooleanSupplier ok) {
    for (int i = 0; i < 200 && !ok.getAsBoolean(); i++) {
      sleep(25);
    }
    assertTrue(ok.getAsBoolean(), "timed out waiting for " + what + "; log " + ProbeGame.LOG);
  }

  static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Test
  void refusedJoinsReasonReachesTheClientAndFreesTheSeat() throws Exception {
    GameSession ok = join("refusal", "ok");
    String roomId = ok.welcome().getRoomId();
    int seats = server.rooms().get(roomId).players();
    var grant = TestServers.await(client.matchmake(base, "probe", Map.of("room", "refusal"),
        "refused-1", "player", null));
    assertEquals(roomId, grant.roomId());
    var failed = client.connect(grant.url(), "refused-1").toCompletionStage()
        .toCompletableFuture();
    assertTrue(failed.handle((s, e) -> e).get(10, TimeUnit.SECONDS) != null, "no welcome");
    waitFor("the seat back", () -> server.rooms().get(roomId).players() == seats);
    assertTrue(ProbeGame.of(roomId).contains("request refused-1 "));
    assertFalse(ProbeGame.of(roomId).stream().anyMatch(l -> l.startsWith("join refused")));
  }

  @Test
  void refusalCloseCarries4000AndTheGamesReason() {
    var grant = TestServers.await(client.matchmake(base, "probe", Map.of("room", "refusal2"),
        "refused-2", "player", null));
    var raw = vertx.createWebSocketClient();
    var c = dev.tickstream.gateway.RawClient.connect(raw, grant.url()).join("refused-2");
    c.awaitClose();
    assertEquals(4000, c.closeCode());
    assertEquals("no refused-2 here", c.closeReason());
    assertTrue(c.received.stream().anyMatch(m -> m.hasClosing()
        && m.getClosing().getReason().equals("no refused-2 here")), "a Closing message first");
  }

  @Test
  void viewTicksReachTheGameClampedBetweenTheBoundAndThePresent() {
    GameSession a = join("view", "vic");
    String room = a.welcome().getRoomId();
    waitFor("a few ticks", () -> a.tick() > 10);
    // None, older than the 4-tick bound (200 ms at 20 Hz), and two in the future (one past
    // 2^31, which must not read as the past).
    int[] claims = {0, 1, -1, Integer.MAX_VALUE};
    a.context().runOnContext(v -> {
      for (int i = 0; i < claims.length; i++) {
        a.sendRaw(Buffer.buffer(ClientMessage.newBuilder().setInput(Input.newBuilder()
            .setSeq(i + 1).setViewTick(claims[i]).setData(Int32Value.of(0).toByteString()))
            .build().toByteArray()));
      }
    });
    waitFor("four inputs", () -> ProbeGame.of(room).stream()
        .filter(s -> s.startsWith("input")).count() == 4);
    assertEquals(List.of("input vic lag 0", "input vic lag 4", "input vic lag 0",
        "input vic lag 0"), ProbeGame.of(room).stream().filter(s -> s.startsWith("input"))
        .toList());
  }

  @Test
  void messagesReachTheGameAtTheNextTickInArrivalOrder() {
    GameSession a = join("order", "ann");
    List<String> heard = said(a);
    for (int i = 0; i < 5; i++) {
      say(a, "m" + i);
    }
    waitFor("five echoes", () -> heard.size() == 5);
    for (int i = 0; i < 5; i++) {
      assertTrue(heard.get(i).startsWith("ann: m" + i + " @"), heard.toString());
    }
    // Stamped with the tick during which the game handled them, which the game also saw.
    for (String h : heard) {
      String[] p = h.split(" @| #");
      assertEquals(p[1], p[2], "the event's tick is the tick the game ran: " + h);
    }
  }

  @Test
  void eventsReachExactlyTheAddressedClients() {
    GameSession a = join("address", "a1");
    GameSession b = join("address", "b1");
    assertEquals(a.welcome().getRoomId(), b.welcome().getRoomId());
    List<String> toA = said(a);
    List<String> toB = said(b);
    say(a, "me");
    say(b, "all");
    waitFor("the broadcast at both", () -> toA.stream().anyMatch(s -> s.startsWith("b1: all"))
        && toB.stream().anyMatch(s -> s.startsWith("b1: all")));
    assertTrue(toA.stream().anyMatch(s -> s.startsWith("to a1")), toA.toString());
    assertFalse(toB.stream().anyMatch(s -> s.startsWith("to a1")), toB.toString());
  }

  @Test
  void viewEventsReachOnlyTheClientsThatSeeThePoint() {
    // Dots stand at y = 100 * entity; the view radius is 150 units.
    GameSession a = join("views", "va");
    GameSession b = join("views", "vb");
    int ya = 100 * a.welcome().getEntityId();
    int yb = 100 * b.welcome().getEntityId();
    List<String> toA = said(a);
    List<String> toB = said(b);
    say(a, "near 0 " + (ya - 140)); // within a's view, beyond b's (b is 100 further on)
    say(a, "viewers " + b.welcome().getEntityId()); // b's dot: both see it
    say(a, "near 0 " + (yb + 140));
    waitFor("the events", () -> toA.size() >= 2 && toB.size() >= 2);
    sleep(200);
    assertTrue(toA.get(0).startsWith("near 0 " + (ya - 140)), toA.toString());
    assertFalse(toB.stream().anyMatch(s -> s.startsWith("near 0 " + (ya - 140))), toB.toString());
    assertTrue(toA.stream().anyMatch(s -> s.startsWith("viewers")), toA.toString());
    assertTrue(toB.stream().anyMatch(s -> s.startsWith("viewers")), toB.toString());
    assertFalse(toA.stream().anyMatch(s -> s.startsWith("near 0 " + (yb + 140))), toA.toString());
    assertTrue(toB.stream().anyMatch(s -> s.startsWith("near 0 " + (yb + 140))), toB.toString());
  }

  @Test
  void aKickClosesWith4001AndTheGameHearsKicked() throws Exception {
    GameSession k = join("kick", "kim");
    String roomId = k.welcome().getRoomId();
    say(k, "kick");
    var info = k.closed().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    assertEquals(4001, info.code());
    assertEquals("asked to be kicked", info.reason());
    waitFor("the leave", () -> ProbeGame.of(roomId).contains("leave kim KICKED"));
  }

  @Test
  void leaveReasonsTellALeaverFromADrop() throws Exception {
    GameSession left = join("leaves", "lea");
    GameSession dropped = join("leaves", "dro");
    String roomId = left.welcome().getRoomId();
    assertEquals(1000, TestServers.await(left.leave()).code());
    waitFor("a left", () -> ProbeGame.of(roomId).contains("leave lea LEFT"));
    String token = dropped.welcome().getResumeToken();
    dropped.close(); // closed without a Leave: the seat waits, as for a lost connection
    waitFor("a drop: " + roomId, () -> ProbeGame.of(roomId).contains("drop dro"));
    assertFalse(ProbeGame.of(roomId).stream().anyMatch(l -> l.startsWith("leave dro")));
    String url = "ws://127.0.0.1:" + server.port() + "/ws?token="
        + java.net.URLEncoder.encode(token, java.nio.charset.StandardCharsets.UTF_8);
    GameSession back = TestServers.await(client.connect(url, "dro"));
    assertTrue(back.welcome().getResumed());
    waitFor("a resume", () -> ProbeGame.of(roomId).contains("resume dro"));
  }

  @Test
  void theGameClosesItsRoom() throws Exception {
    GameSession c = join("closing", "cy");
    String roomId = c.welcome().getRoomId();
    say(c, "close");
    var info = c.closed().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    assertEquals(1000, info.code());
    assertTrue(info.reason().contains("asked to close"), info.reason());
    waitFor("disposed", () -> ProbeGame.of(roomId).contains("disposed"));
    assertEquals(null, server.rooms().get(roomId), "out of the directory");
    assertTrue(ProbeGame.of(roomId).contains("leave cy ROOM_CLOSED"));
  }

  @Test
  void aThrowingGameClosesOnlyItsOwnRoom() throws Exception {
    GameSession bad = join("bad", "bo");
    GameSession good = join("good", "go");
    String badRoom = bad.welcome().getRoomId();
    String goodRoom = good.welcome().getRoomId();
    assertNotEquals(badRoom, goodRoom);
    say(bad, "boom");
    var info = bad.closed().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    assertEquals(1011, info.code());
    assertTrue(info.reason().contains(badRoom), info.reason());
    waitFor("the room gone", () -> server.rooms().get(badRoom) == null);
    int before = good.tick();
    sleep(300);
    assertTrue(good.tick() >= before + 4, "the other room ticks on: " + before + " -> "
        + good.tick());
    assertFalse(good.socket().isClosed());
  }

  @Test
  void anUndeclaredEventFailsTheRoomNotTheNode() throws Exception {
    GameSession s = join("undeclared", "un");
    say(s, "undeclared");
    var info = s.closed().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    assertEquals(1011, info.code());
  }

  @Test
  void anUndeclaredMessageTypeCloses1007() throws Exception {
    GameSession s = join("types", "ty");
    s.context().runOnContext(v -> s.sendRaw(Buffer.buffer(ClientMessage.newBuilder()
        .setMessage(GameMessage.newBuilder().setType(7)).build().toByteArray())));
    var info = s.closed().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    assertEquals(1007, info.code());
    assertTrue(info.reason().contains("not declared"), info.reason());
  }

  @Test
  void aMessageTheGameRefusesCloses1007WithItsReason() throws Exception {
    GameSession s = join("long", "lo");
    say(s, "x".repeat(41));
    var info = s.closed().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    assertEquals(1007, info.code());
    assertTrue(info.reason().contains("too long"), info.reason());
  }

  @Test
  void overRateMessagesAreLimitedLikeInputs() {
    GameSession s = join("flood", "fl");
    String roomId = s.welcome().getRoomId();
    long limitedBefore = server.metrics().rateLimitedInputs();
    // 50 at once: the session's bucket (30 deep, 60/s) passes about 30 and drops the rest.
    s.context().runOnContext(v -> {
      for (int i = 0; i < 50; i++) {
        s.send("say", StringValue.of("f" + i));
      }
    });
    // Every message is either heard or counted as limited; on a loaded machine the burst can
    // reach the server spread over a few hundred ms, in which the bucket refills a little.
    java.util.function.LongSupplier heard = () -> ProbeGame.of(roomId).stream()
        .filter(l -> l.startsWith("say fl f")).count();
    waitFor("all 50 heard or limited", () -> heard.getAsLong()
        + server.metrics().rateLimitedInputs() - limitedBefore >= 50);
    long h = heard.getAsLong();
    assertTrue(h >= 29 && h <= 45, "messages that reached the game: " + h);
    assertEquals(50 - h, server.metrics().rateLimitedInputs() - limitedBefore,
        "the dropped ones are counted as rate-limited");
    assertFalse(s.socket().isClosed(), "a burst loses messages, not the session");
  }

  @Test
  void joinDataReachesTheGame() {
    GameSession s = join("data", "da", SessionOptions.defaults()
        .withJoinData(StringValue.of("red")));
    String roomId = s.welcome().getRoomId();
    waitFor("the request", () -> ProbeGame.of(roomId).stream()
        .anyMatch(l -> l.startsWith("request da ") && l.contains("red")));
  }

  @Test
  void unknownGameIs404WithTheList() {
    var r = client.matchmake(base, "chess", Map.of(), "x", "player", null).toCompletionStage()
        .toCompletableFuture().handle((g, e) -> e.getMessage()).join();
    assertTrue(r.contains("404") && r.contains("probe") && r.contains("arena"), r);
  }

  @Test
  void optionsTheGameRefusesAre400WithItsReasonAndMakeNoRoom() {
    int before = server.rooms().all().size();
    var r = client.matchmake(base, "probe", Map.of("bad", "1"), "x", "player", null)
        .toCompletionStage().toCompletableFuture().handle((g, e) -> e.getMessage()).join();
    assertTrue(r.contains("400") && r.contains("no room is made with 'bad'"), r);
    assertEquals(before, server.rooms().all().size());
  }
}
