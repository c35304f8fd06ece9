package dev.tickstream.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tickstream.TestServers;
import dev.tickstream.TickstreamServer;
import dev.tickstream.client.ClientOptions;
import dev.tickstream.client.TickstreamClient;
import dev.tickstream.room.Role;
import dev.tickstream.room.Seat;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.UpgradeRejectedException;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Limits checked at the handshake, each refused with a plain HTTP status before any upgrade:
 * Origin allow-list (403), handshakes per second per address (429), open connections per
 * address (429), seat tokens (401). Each abuser connects from its own loopback address
 * (127.0.0.x), so per-address limits do not touch the bystander on 127.0.0.1, who plays on.
 */
class HandshakeLimitsTest {
  static final String ALLOWED = "https://game.example";
  static final String SECRET = "handshake-limits-test-secret-0123456789";
  static Vertx vertx;
  static TickstreamServer server;
  static TickstreamClient client;
  static Bystander bystander;

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
    server = TestServers.start(vertx, "ALLOWED_ORIGINS", ALLOWED, "MAX_CONNECTIONS_PER_IP", "3",
        "HANDSHAKES_PER_SECOND_PER_IP", "5", "AUTH_SECRET", SECRET);
    client = new TickstreamClient(vertx, ClientOptions.defaults());
    bystander = Bystander.join(client, server);
  }

  @AfterAll
  static void stop() {
    bystander.assertKeptEveryTick(20);
    client.close();
    TestServers.await(vertx.close());
  }

  static WebSocketClient from(String localAddress) {
    return vertx.createWebSocketClient(new WebSocketClientOptions().setLocalAddress(localAddress));
  }

  @Test
  void foreignOriginIsRefused403AndAllowedOriginAccepted() {
    WebSocketClient c = from("127.0.0.4");
    // As a browser would: with an Origin header (Vert.x sends it only when allowed to).
    WebSocketConnectOptions evil = RawClient.options(bystander.seatUrl()).setAllowOriginHeader(true)
        .putHeader("Origin", "https://evil.example");
    assertEquals(403, RawClient.handshakeStatus(c, evil));
    WebSocketConnectOptions good = RawClient.options(bystander.seatUrl()).setAllowOriginHeader(true)
        .putHeader("Origin", ALLOWED);
    assertEquals(101, RawClient.handshakeStatus(c, good));
    assertTrue(server.metrics().limitHits().getOrDefault("origin", 0L) >= 1);
    assertTrue(server.metrics().refusedByStatus().getOrDefault(403, 0L) >= 1);
  }

  @Test
  void handshakeFloodFromOneAddressIsRefused429() {
    WebSocketClient c = from("127.0.0.2");
    WebSocketConnectOptions noToken = RawClient.options(
        "ws://127.0.0.1:" + server.port() + "/ws");
    List<Future<WebSocket>> attempts = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      attempts.add(c.connect(noToken));
    }
    int tooMany = 0;
    int unauthorized = 0;
    for (Future<WebSocket> f : attempts) {
      TestServers.await(Future.join(List.of(f)).otherwiseEmpty());
      int status = f.failed() && f.cause() instanceof UpgradeRejectedException r
          ? r.getStatus() : 101;
      tooMany += status == 429 ? 1 : 0;
      unauthorized += status == 401 ? 1 : 0;
    }
    // The first ones pass the rate limit and fail on the missing token; the rest are 429.
    assertTrue(unauthorized >= 1, "some reached the token check");
    assertTrue(tooMany >= 1, "some were refused for the rate: 401=" + unauthorized);
    assertTrue(server.metrics().limitHits().getOrDefault("handshake_rate", 0L) >= 1);
  }

  @Test
  void connectionsOverThePerAddressLimitAreRefused429UntilOneCloses() {
    WebSocketClient c = from("127.0.0.3");
    List<RawClient> open = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      open.add(RawClient.connect(c, bystander.seatUrl()).join("c" + i));
    }
    WebSocketConnectOptions fourth = RawClient.options(bystander.seatUrl());
    try {
      TestServers.await(c.connect(fourth));
      throw new AssertionError("a fourth connection from one address was accepted");
    } catch (AssertionError e) {
      if (!(e.getCause() instanceof UpgradeRejectedException r)) {
        throw e;
      }
      assertEquals(429, r.getStatus());
      assertTrue(r.getBody().toString().contains("too many connections"), r.getBody().toString());
    }
    assertTrue(server.metrics().limitHits().getOrDefault("connections_per_ip", 0L) >= 1);
    open.get(0).ws.close();
    open.get(0).awaitClose();
    // The server frees the slot when it sees the close; poll (bounded) until it does.
    int status = 0;
    for (int i = 0; i < 50 && status != 101; i++) {
      Bystander.sleep(100);
      status = RawClient.handshakeStatus(c, RawClient.options(bystander.seatUrl()));
    }
    assertEquals(101, status, "a slot was freed by the close");
  }

  @Test
  void forgedExpiredAndMissingTokensAreRefused401AndAnotherRoomIs410() {
    WebSocketClient c = from("127.0.0.5");
    String base = "ws://127.0.0.1:" + server.port() + "/ws?token=";
    Seat seat = new Seat(bystander.roomId(), "p-made-up", Role.PLAYER);
    // The same claims signed with another secret.
    String forged = new SeatTokens(vertx, "not-the-server-secret", 60).seatToken(seat);
    assertEquals(401, RawClient.handshakeStatus(c, RawClient.options(base + forged)));
    assertEquals(401, RawClient.handshakeStatus(c, RawClient.options(base + "garbage")));
    assertEquals(401, RawClient.handshakeStatus(c, RawClient.options(
        "ws://127.0.0.1:" + server.port() + "/ws")));
    // Signed right, but for a room this node does not have: the room comes from the token.
    String elsewhere = new SeatTokens(vertx, SECRET, 60)
        .seatToken(new Seat("r-elsewhere", "p-1", Role.PLAYER));
    assertEquals(410, RawClient.handshakeStatus(c, RawClient.options(base + elsewhere)));
    // Signed right, one second of life: expired after two.
    String shortLived = new SeatTokens(vertx, SECRET, 1).seatToken(seat);
    Bystander.sleep(2100);
    assertEquals(401, RawClient.handshakeStatus(c, RawClient.options(base + shortLived)));
    assertTrue(server.metrics().limitHits().getOrDefault("token", 0L) >= 4);
  }
}
