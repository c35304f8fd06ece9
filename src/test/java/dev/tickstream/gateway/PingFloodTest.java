package dev.tickstream.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tickstream.TestServers;
import dev.tickstream.TickstreamServer;
import dev.tickstream.client.ClientOptions;
import dev.tickstream.client.TickstreamClient;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.WebSocketClientOptions;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * WebSocket pings, over real sockets: Vert.x answers each with a pong whatever the write queue
 * holds, so a client that pings and never reads used to grow the server's memory without end
 * and kept its TCP connection open behind its own unread pongs. Now pings share the input rate,
 * such a client is closed (1008), and its TCP connection is dropped when the close frame
 * cannot get out. The bystander in the same room keeps every tick.
 */
class PingFloodTest {
  static Vertx vertx;
  static TickstreamServer server;
  static TickstreamClient client;
  static Bystander bystander;

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
    server = TestServers.start(vertx, "SOCKET_SEND_BUFFER_BYTES", "4096");
    client = new TickstreamClient(vertx, ClientOptions.defaults());
    bystander = Bystander.join(client, server);
  }

  @AfterAll
  static void stop() {
    bystander.assertKeptEveryTick(20);
    client.close();
    TestServers.await(vertx.close());
  }

  static final Pattern OPEN = Pattern.compile("(?m)^tickstream_connections(?:\\{[^}]*\\})? (\\S+)");

  /** The open-session gauge, read after /metrics' 250 ms render cache has lapsed. */
  static int openConnections() {
    Bystander.sleep(300);
    String m = TestServers.await(vertx.createHttpClient().request(HttpMethod.GET, server.port(),
        "127.0.0.1", "/metrics").compose(r -> r.send().compose(HttpClientResponse::body)))
        .toString();
    Matcher x = OPEN.matcher(m);
    assertTrue(x.find(), "no tickstream_connections gauge");
    return (int) Double.parseDouble(x.group(1));
  }

  @Test
  void aClientThatPingsAndNeverReadsIsClosedAndItsSocketDropped() throws Exception {
    int before = openConnections();
    var raw = vertx.createWebSocketClient(new WebSocketClientOptions()
        .setLocalAddress("127.0.0.41").setReceiveBufferSize(4096));
    RawClient flooder = RawClient.joined(raw, bystander.seatUrl(), "pinger");
    assertEquals(before + 1, openConnections());
    flooder.ws.pause(); // never reads again: not the pongs, not the close frame
    Buffer ping = Buffer.buffer(new byte[125]);
    long deadline = System.nanoTime() + 15_000_000_000L;
    boolean dropped = false;
    while (System.nanoTime() < deadline && !dropped) {
      for (int burst = 0; burst < 15; burst++) {
        for (int i = 0; i < 50 && !flooder.ws.isClosed(); i++) {
          flooder.ws.writePing(ping);
        }
        Thread.sleep(20);
      }
      dropped = openConnections() == before;
    }
    assertTrue(dropped, "the flooder's connection is still open on the server");
  }
}
