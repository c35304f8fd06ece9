package dev.tickstream.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tickstream.TestServers;
import dev.tickstream.TickstreamServer;
import dev.tickstream.client.ClientOptions;
import dev.tickstream.client.TickstreamClient;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Requests to /ws that are no WebSocket handshake, over real sockets: a plain status with a
 * reason (400, or 426 and the version spoken), and nothing at WARNING or above in the log,
 * which anonymous requests used to fill with stack traces.
 */
class HandshakeFaultsTest {
  static Vertx vertx;
  static TickstreamServer server;
  static final List<LogRecord> warnings = new CopyOnWriteArrayList<>();
  static final Handler CAPTURE = new Handler() {
    @Override
    public void publish(LogRecord r) {
      if (r.getLevel().intValue() >= Level.WARNING.intValue()) {
        warnings.add(r);
      }
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}
  };

  @BeforeAll
  static void start() {
    Logger.getLogger("").addHandler(CAPTURE);
    vertx = Vertx.vertx();
    server = TestServers.start(vertx, "TLS_PORT", "-1");
  }

  @AfterAll
  static void stop() {
    Logger.getLogger("").removeHandler(CAPTURE);
    TestServers.await(vertx.close());
  }

  record Answer(int status, String version, String body) {}

  static Answer get(String... headers) {
    String token = TestServers.await(new TickstreamClient(vertx, ClientOptions.defaults())
        .matchmake(TestServers.http(server), "x", "player", null)).token();
    RequestOptions o = new RequestOptions().setMethod(HttpMethod.GET).setHost("127.0.0.1")
        .setPort(server.port()).setURI("/ws?token=" + token)
        .putHeader("Sec-WebSocket-Protocol", HttpGateway.SUBPROTOCOL);
    for (int i = 0; i < headers.length; i += 2) {
      o.putHeader(headers[i], headers[i + 1]);
    }
    return TestServers.await(vertx.createHttpClient().request(o).compose(r -> r.send()
        .compose(resp -> resp.body().map(b -> new Answer(resp.statusCode(),
            resp.getHeader("Sec-WebSocket-Version"), b.toString())))));
  }

  @Test
  void malformedHandshakesGetAStatusAndNoStackTrace() {
    String key = "dGhlIHNhbXBsZSBub25jZQ==";
    Answer noUpgrade = get("Sec-WebSocket-Version", "13", "Sec-WebSocket-Key", key);
    assertEquals(400, noUpgrade.status());
    assertTrue(noUpgrade.body().contains("Upgrade"), noUpgrade.body());
    Answer v99 = get("Upgrade", "websocket", "Connection", "Upgrade",
        "Sec-WebSocket-Version", "99", "Sec-WebSocket-Key", key);
    assertEquals(426, v99.status());
    assertEquals("13", v99.version());
    Answer noKey = get("Upgrade", "websocket", "Connection", "Upgrade",
        "Sec-WebSocket-Version", "13");
    assertEquals(400, noKey.status());
    assertTrue(noKey.body().contains("Sec-WebSocket-Key"), noKey.body());
    assertEquals(List.of(), warnings.stream().map(r -> r.getLevel() + " " + r.getMessage()
        + (r.getThrown() == null ? "" : " " + r.getThrown())).toList());
  }
}
