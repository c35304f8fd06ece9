package dev.tickstream.gateway;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tickstream.TestServers;
import dev.tickstream.TickstreamServer;
import dev.tickstream.client.ClientOptions;
import dev.tickstream.client.TickstreamClient;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocketClientOptions;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Connections that are not WebSockets cannot be held open without progress: a silent socket
 * and a slowloris (a header line every 0.7 s) are closed after httpHeaderTimeoutMs, a
 * kept-alive connection and a body sent byte by byte after httpIdleTimeoutMs; a joined
 * WebSocket that sends nothing at the HTTP level is not touched by either. Each abuser comes
 * from its own loopback address; a bystander plays on throughout.
 */
class HttpTimeoutsTest {
  static final int HEADER_MS = 2500;
  static final int IDLE_MS = 2000;
  static Vertx vertx;
  static TickstreamServer server;
  static TickstreamClient client;
  static Bystander bystander;

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
    server = TestServers.start(vertx, "HTTP_HEADER_TIMEOUT_MS", String.valueOf(HEADER_MS),
        "HTTP_IDLE_TIMEOUT_MS", String.valueOf(IDLE_MS));
    client = new TickstreamClient(vertx, ClientOptions.defaults());
    bystander = Bystander.join(client, server);
  }

  @AfterAll
  static void stop() {
    bystander.assertKeptEveryTick(20);
    client.close();
    TestServers.await(vertx.close());
  }

  static long hits(String limit) {
    return server.metrics().limitHits().getOrDefault(limit, 0L);
  }

  @Test
  void silentConnectionIsClosedAfterTheHeaderTimeout() throws Exception {
    long before = hits("http_header_timeout");
    try (Socket s = RawHttp.open("127.0.0.21", server.port())) {
      long t0 = System.nanoTime();
      assertTrue(RawHttp.closedWithin(s, HEADER_MS + 8000), "a silent socket stayed open");
      long ms = (System.nanoTime() - t0) / 1_000_000;
      assertTrue(ms >= HEADER_MS - 300, "closed after " + ms + " ms, before the timeout");
    }
    assertTrue(hits("http_header_timeout") > before);
  }

  @Test
  void slowlorisIsClosedAfterTheHeaderTimeout() throws Exception {
    try (Socket s = RawHttp.open("127.0.0.22", server.port())) {
      OutputStream out = s.getOutputStream();
      InputStream in = s.getInputStream();
      out.write("GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n".getBytes(StandardCharsets.US_ASCII));
      long t0 = System.nanoTime();
      int lines = 0;
      boolean closed = false;
      // One more header line every 0.7 s, never the blank line that ends the headers.
      while (!closed && System.nanoTime() - t0 < (HEADER_MS + 8000) * 1_000_000L) {
        s.setSoTimeout(700);
        try {
          closed = in.read() < 0;
        } catch (SocketTimeoutException stillOpen) {
          try {
            out.write(("X-Pad-" + lines++ + ": x\r\n").getBytes(StandardCharsets.US_ASCII));
          } catch (java.io.IOException reset) {
            closed = true;
          }
        } catch (java.io.IOException reset) {
          closed = true;
        }
      }
      long ms = (System.nanoTime() - t0) / 1_000_000;
      assertTrue(closed, "a slowloris sending a header line every 0.7 s stayed open " + ms
          + " ms (" + lines + " lines)");
      assertTrue(lines >= 2 && ms >= HEADER_MS - 300, "closed after " + ms + " ms, " + lines
          + " lines");
    }
  }

  @Test
  void keptAliveConnectionIsClosedAfterTheIdleTimeout() throws Exception {
    long before = hits("http_idle_timeout");
    try (Socket s = RawHttp.open("127.0.0.23", server.port())) {
      s.setSoTimeout(10_000);
      s.getOutputStream().write("GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
          .getBytes(StandardCharsets.US_ASCII));
      String head = RawHttp.readHead(s.getInputStream());
      assertTrue(head.startsWith("HTTP/1.1 200"), head);
      long t0 = System.nanoTime();
      assertTrue(RawHttp.closedWithin(s, IDLE_MS + 8000), "an idle kept-alive socket stayed open");
      long ms = (System.nanoTime() - t0) / 1_000_000;
      assertTrue(ms >= IDLE_MS - 500, "closed after " + ms + " ms, before the timeout");
    }
    assertTrue(hits("http_idle_timeout") > before);
  }

  @Test
  void bodySentByteByByteIsClosedAfterTheIdleTimeout() throws Exception {
    try (Socket s = RawHttp.open("127.0.0.24", server.port())) {
      OutputStream out = s.getOutputStream();
      out.write(("POST /api/matchmake HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: "
          + "application/json\r\nContent-Length: 400\r\n\r\n{").getBytes(StandardCharsets.US_ASCII));
      long t0 = System.nanoTime();
      boolean closed = false;
      int sent = 0;
      InputStream in = s.getInputStream();
      while (!closed && System.nanoTime() - t0 < (IDLE_MS + 8000) * 1_000_000L) {
        s.setSoTimeout(500);
        try {
          closed = in.read() < 0;
        } catch (SocketTimeoutException stillOpen) {
          try {
            out.write(' ');
            sent++;
          } catch (java.io.IOException reset) {
            closed = true;
          }
        } catch (java.io.IOException reset) {
          closed = true;
        }
      }
      long ms = (System.nanoTime() - t0) / 1_000_000;
      assertTrue(closed, "a body at 2 bytes/s kept its connection " + ms + " ms");
      assertTrue(sent >= 2, "bytes sent before the close: " + sent);
    }
  }

  @Test
  void joinedWebSocketSilentAtTheHttpLevelIsNotCut() throws Exception {
    var ws = vertx.createWebSocketClient(new WebSocketClientOptions()
        .setLocalAddress("127.0.0.25"));
    RawClient c = RawClient.joined(ws, bystander.seatUrl(), "quiet");
    // Longer than both HTTP timeouts together; the session's own idleTimeoutMs is 30 s.
    Thread.sleep(HEADER_MS + IDLE_MS + 1000);
    int before = c.received.size();
    Thread.sleep(500);
    assertFalse(c.isClosed(), "the WebSocket was closed, code " + c.closeCode());
    assertTrue(c.received.size() > before, "snapshots still arrive");
    c.ws.close();
  }

  @Test
  void connectionsThatBecameWebSocketsLeaveTheHttpCount() throws Exception {
    String url = bystander.seatUrl();
    int base = server.metrics().openHttpConnections(); // the SDK's keep-alive, maybe
    var ws = vertx.createWebSocketClient(new WebSocketClientOptions()
        .setLocalAddress("127.0.0.26"));
    List<RawClient> open = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      open.add(RawClient.connect(ws, url));
    }
    int now = server.metrics().openHttpConnections();
    assertTrue(now <= base, "WebSockets counted as HTTP connections: " + base + " -> " + now);
    open.forEach(r -> r.ws.close());
  }
}
