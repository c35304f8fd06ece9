package dev.tickstream.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tickstream.TestServers;
import dev.tickstream.TickstreamServer;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpVersion;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the page and the API tell a browser, over real sockets: no sniffing, this origin's
 * scripts only, never framed; the page itself revalidated on every load while hashed assets
 * stay cached; and no cleartext HTTP/2 on the game port.
 */
class PageHeadersTest {
  @TempDir
  static Path web;
  static Vertx vertx;
  static TickstreamServer server;

  @BeforeAll
  static void start() throws Exception {
    Files.writeString(web.resolve("index.html"), "<!doctype html><title>t</title>");
    Files.createDirectories(web.resolve("assets"));
    Files.writeString(web.resolve("assets/app-1a2b3c.js"), "export {};");
    vertx = Vertx.vertx();
    server = TestServers.start(vertx, "WEB_ROOT", web.toString());
  }

  @AfterAll
  static void stop() {
    TestServers.await(vertx.close());
  }

  static MultiMap get(String path) {
    return TestServers.await(vertx.createHttpClient().request(HttpMethod.GET, server.port(),
        "127.0.0.1", path).compose(r -> r.send()).map(r -> {
          assertEquals(200, r.statusCode(), path);
          return r.headers();
        }));
  }

  @Test
  void everyAnswerForbidsSniffingFramingAndForeignScripts() {
    for (String path : new String[] {"/", "/assets/app-1a2b3c.js", "/api/games", "/health"}) {
      MultiMap h = get(path);
      assertEquals("nosniff", h.get("X-Content-Type-Options"), path);
      assertEquals("DENY", h.get("X-Frame-Options"), path);
      String csp = h.get("Content-Security-Policy");
      assertTrue(csp != null && csp.contains("frame-ancestors 'none'")
          && csp.contains("script-src 'self'") && csp.contains("connect-src 'self' ws: wss:"),
          path + ": " + csp);
    }
  }

  @Test
  void thePageIsRevalidatedAndItsAssetsAreNot() {
    assertEquals("no-cache", get("/").get("Cache-Control"));
    assertNotEquals("no-cache", get("/assets/app-1a2b3c.js").get("Cache-Control"));
  }

  @Test
  void noCleartextHttp2() {
    var h2c = vertx.createHttpClient(new HttpClientOptions()
        .setProtocolVersion(HttpVersion.HTTP_2).setHttp2ClearTextUpgrade(false));
    var version = vertx.createHttpClient().request(HttpMethod.GET, server.port(), "127.0.0.1",
        "/health").compose(r -> r.send()).map(r -> r.version());
    assertEquals(HttpVersion.HTTP_1_1, TestServers.await(version));
    // Prior knowledge h2c: the server must not speak HTTP/2 in the clear.
    var answer = h2c.request(HttpMethod.GET, server.port(), "127.0.0.1", "/health")
        .compose(r -> r.send()).map(r -> r.version().toString())
        .otherwise(e -> "refused: " + e.getClass().getSimpleName());
    String got = TestServers.await(answer);
    assertNotEquals("HTTP_2", got);
  }
}
