package dev.tickstream.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tickstream.TestServers;
import dev.tickstream.TickstreamServer;
import dev.tickstream.client.ClientOptions;
import dev.tickstream.client.TickstreamClient;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocketClientOptions;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * maxHttpConnectionsPerIp: one address cannot hold more plain HTTP connections than the limit
 * (a connection over it is closed at once), while another address is served, and so is the
 * first once its connections close. WebSockets count apart (maxConnectionsPerIp).
 */
class HttpConnectionLimitsTest {
  static final int CAP = 4;
  static Vertx vertx;
  static TickstreamServer server;
  static TickstreamClient client;
  static Bystander bystander;

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
    server = TestServers.start(vertx, "MAX_HTTP_CONNECTIONS_PER_IP", String.valueOf(CAP),
        "HTTP_HEADER_TIMEOUT_MS", "60000");
    client = new TickstreamClient(vertx, ClientOptions.defaults());
    bystander = Bystander.join(client, server);
  }

  @AfterAll
  static void stop() {
    bystander.assertKeptEveryTick(20);
    client.close();
    TestServers.await(vertx.close());
  }

  /** Polls (bounded) until the node counts {@code n} open HTTP connections. */
  static void awaitOpen(int n) throws InterruptedException {
    for (int i = 0; i < 200 && server.metrics().openHttpConnections() != n; i++) {
      Thread.sleep(25);
    }
    assertEquals(n, server.metrics().openHttpConnections(), "open HTTP connections");
  }

  @Test
  void connectionsOverThePerAddressCapAreClosedAtOnceWhileOthersAreServed() throws Exception {
    int base = server.metrics().openHttpConnections();
    List<Socket> held = new ArrayList<>();
    for (int i = 0; i < CAP; i++) {
      held.add(RawHttp.open("127.0.0.31", server.port()));
    }
    awaitOpen(base + CAP);
    long before = server.metrics().limitHits().getOrDefault("http_connections_per_ip", 0L);
    try (Socket over = RawHttp.open("127.0.0.31", server.port())) {
      assertTrue(RawHttp.closedWithin(over, 3000), "connection " + (CAP + 1) + " stayed open");
    }
    assertTrue(server.metrics().limitHits().getOrDefault("http_connections_per_ip", 0L) > before);
    // The held ones are untouched, another address is served...
    for (Socket s : held) {
      assertFalse(RawHttp.closedWithin(s, 10), "a connection under the cap was closed");
    }
    assertEquals(200, RawHttp.get("127.0.0.32", server.port(), "/health"));
    // ...and the first address again once its connections close.
    for (Socket s : held) {
      s.close();
    }
    awaitOpen(base);
    assertEquals(200, RawHttp.get("127.0.0.31", server.port(), "/health"));
  }

  @Test
  void webSocketsDoNotTakeHttpSlots() throws Exception {
    var ws = vertx.createWebSocketClient(new WebSocketClientOptions()
        .setLocalAddress("127.0.0.33"));
    List<RawClient> open = new ArrayList<>();
    for (int i = 0; i < CAP + 1; i++) {
      open.add(RawClient.connect(ws, bystander.seatUrl()));
    }
    assertEquals(200, RawHttp.get("127.0.0.33", server.port(), "/health"));
    open.forEach(r -> r.ws.close());
  }
}
