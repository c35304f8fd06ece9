package dev.tickstream.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tickstream.TestServers;
import dev.tickstream.TickstreamServer;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The JSON API over real sockets takes JSON only: forms and multipart bodies (which any web
 * page can send cross-site without a preflight, and which were written to disk) are refused
 * with 415 before they are read; an oversized body is a 413 with a JSON reason.
 */
class HttpBodiesTest {
  static Vertx vertx;
  static TickstreamServer server;
  static HttpClient http;

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
    server = TestServers.start(vertx);
    // A connection per request: a 415 closes its connection with the body unread, so a pooled
    // connection could be the one the server is closing.
    http = vertx.createHttpClient(new io.vertx.core.http.HttpClientOptions().setKeepAlive(false));
  }

  @AfterAll
  static void stop() {
    TestServers.await(vertx.close());
  }

  record Answer(int status, String body) {}

  static Answer post(String path, String contentType, Buffer body) {
    RequestOptions o = new RequestOptions().setMethod(HttpMethod.POST).setHost("127.0.0.1")
        .setPort(server.port()).setURI(path);
    if (contentType != null) {
      o.putHeader("content-type", contentType);
    }
    return TestServers.await(http.request(o).compose(r -> r.send(body)
        .compose(resp -> resp.body().map(b -> new Answer(resp.statusCode(), b.toString())))));
  }

  static Buffer multipart(int files) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < files; i++) {
      b.append("--XX\r\nContent-Disposition: form-data; name=\"f").append(i)
          .append("\"; filename=\"f").append(i).append(".bin\"\r\n")
          .append("Content-Type: application/octet-stream\r\n\r\nabc\r\n");
    }
    return Buffer.buffer(b.append("--XX--\r\n").toString());
  }

  @Test
  void multipartAndFormsAre415AndNothingReachesTheDisk() throws Exception {
    Path uploads = Path.of("file-uploads");
    long before = Files.exists(uploads) ? Files.list(uploads).count() : -1;
    for (String path : new String[] {"/api/matchmake", "/api/locate"}) {
      Answer a = post(path, "multipart/form-data; boundary=XX", multipart(20));
      assertEquals(415, a.status(), path + ": " + a.body());
      assertTrue(new JsonObject(a.body()).getString("error").contains("application/json"));
      assertEquals(415, post(path, "application/x-www-form-urlencoded",
          Buffer.buffer("a=1&b=2")).status());
      assertEquals(415, post(path, "text/plain", Buffer.buffer("{}")).status());
    }
    long after = Files.exists(uploads) ? Files.list(uploads).count() : -1;
    assertEquals(before, after, "files written to " + uploads.toAbsolutePath());
    assertTrue(TestServers.await(vertx.createHttpClient().request(HttpMethod.GET, server.port(),
        "127.0.0.1", "/metrics").compose(r -> r.send().compose(HttpClientResponse::body)))
        .toString().contains("limit=\"content_type\""));
  }

  @Test
  void jsonStillWorksWithOrWithoutAContentType() {
    assertEquals(200, post("/api/matchmake", "application/json; charset=utf-8",
        Buffer.buffer("{\"name\":\"a\"}")).status());
    assertEquals(200, post("/api/matchmake", null, Buffer.buffer("{}")).status());
  }

  @Test
  void anOversizedBodyIs413WithAJsonReason() {
    Answer a = post("/api/matchmake", "application/json",
        Buffer.buffer("{\"name\":\"" + "x".repeat(5000) + "\"}"));
    assertEquals(413, a.status());
    assertEquals("body too large", new JsonObject(a.body()).getString("error"));
    assertFalse(a.body().contains("Exception"));
  }
}
