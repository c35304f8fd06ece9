package dev.tickstream.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tickstream.TestServers;
import dev.tickstream.TickstreamServer;
import dev.tickstream.client.ClientOptions;
import dev.tickstream.client.TickstreamClient;
import dev.tickstream.proto.v1.Welcome;
import dev.tickstream.room.Room;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A dropped player who comes back with its resume token within reconnectGraceMs gets the same
 * entity; after the grace its seat is freed and the token takes nothing. A bystander in the
 * same room keeps every tick.
 */
class ReconnectGraceTest {
  static Vertx vertx;
  static TickstreamServer server;
  static TickstreamClient client;
  static WebSocketClient raw;
  static Bystander bystander;

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
    server = TestServers.start(vertx, "RECONNECT_GRACE_MS", "2000");
    client = new TickstreamClient(vertx, ClientOptions.defaults());
    raw = vertx.createWebSocketClient(new WebSocketClientOptions());
    bystander = Bystander.join(client, server);
  }

  @AfterAll
  static void stop() {
    bystander.assertKeptEveryTick(20);
    client.close();
    TestServers.await(vertx.close());
  }

  RawClient player() {
    return RawClient.joined(raw, bystander.seatUrl(), "comeback");
  }

  static String resumeUrl(Welcome w) {
    return "ws://127.0.0.1:" + server.port() + "/ws?token="
        + URLEncoder.encode(w.getResumeToken(), StandardCharsets.UTF_8);
  }

  Room room() {
    return server.rooms().get(bystander.roomId());
  }

  @Test
  void aPlayerBackWithinTheGraceResumesTheSameEntity() {
    RawClient first = player();
    Welcome w = first.welcome();
    assertFalse(w.getResumed());
    assertEquals(2000, w.getResumeGraceMs());
    int seats = room().players();
    first.ws.close(); // closed without a Leave, as a lost network or a reload: the seat waits
    first.awaitClose();
    RawClient again = RawClient.connect(raw, resumeUrl(w)).join("comeback");
    Welcome back = again.awaitWelcome();
    assertTrue(back.getResumed(), "resumed");
    assertEquals(w.getEntityId(), back.getEntityId(), "the same entity");
    assertEquals(seats, room().players(), "no second seat taken");
    again.ws.close();
    // Leave the room as found: wait (bounded) until this seat's grace has run out.
    for (int i = 0; i < 200 && room().players() >= seats; i++) {
      Bystander.sleep(50);
    }
  }

  @Test
  void afterTheGraceTheSeatIsFreedAndTheTokenTakesNothing() {
    RawClient first = player();
    Welcome w = first.welcome();
    int seats = room().players();
    first.ws.close();
    first.awaitClose();
    // The room frees expired seats in its once-a-second housekeeping: poll, bounded.
    for (int i = 0; i < 200 && room().players() >= seats; i++) {
      Bystander.sleep(50);
    }
    assertEquals(seats - 1, room().players(), "the seat was freed after the grace");
    RawClient late = RawClient.connect(raw, resumeUrl(w)).join("comeback");
    late.awaitClose();
    assertEquals(1008, late.closeCode(), late.closeReason());
    assertTrue(late.closeReason().contains("cannot take seat"), late.closeReason());
    assertTrue(late.welcome() == null, "no welcome for a freed seat");
  }

  @Test
  void aSeatTokenClaimsItsSeatOnceAndOnlyTheResumeTokenTakesItBack() {
    String seatUrl = bystander.seatUrl();
    RawClient first = RawClient.joined(raw, seatUrl, "owner");
    Welcome w = first.welcome();
    // The seat token again (say, read from a log): refused, and the player keeps its seat.
    RawClient thief = RawClient.connect(raw, seatUrl).join("thief");
    thief.awaitClose();
    assertEquals(1008, thief.closeCode());
    assertTrue(thief.closeReason().contains("already taken"), thief.closeReason());
    assertFalse(first.isClosed(), "the owner stays");
    // Its own resume token does take it back (a reload), replacing the older connection.
    RawClient back = RawClient.connect(raw, resumeUrl(w)).join("owner");
    assertTrue(back.awaitWelcome().getResumed());
    first.awaitClose();
    assertEquals(1008, first.closeCode());
    back.send(dev.tickstream.proto.v1.ClientMessage.newBuilder()
        .setLeave(dev.tickstream.proto.v1.Leave.getDefaultInstance()).build());
    back.awaitClose();
  }
}
