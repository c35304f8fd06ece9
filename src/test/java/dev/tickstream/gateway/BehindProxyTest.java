package dev.tickstream.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tickstream.TestServers;
import dev.tickstream.TickstreamServer;
import dev.tickstream.client.ClientOptions;
import dev.tickstream.client.GameSession;
import dev.tickstream.client.SeatGrant;
import dev.tickstream.client.TickstreamClient;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.SelfSignedCertificate;
import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The usual production set-up, for real: a TLS-terminating proxy (Debian's haproxy, started
 * here on a free loopback port with a self-signed certificate) forwards plain HTTP to a node
 * without TLS, which trusts it (trustedProxies 127.0.0.1). A client matchmakes over https
 * through the proxy, is handed a wss:// URL naming the proxy, and plays over it; its
 * per-address limits use the address the proxy forwarded. The same headers sent directly by
 * an untrusted client change nothing.
 */
class BehindProxyTest {
  static Vertx vertx;
  static TickstreamServer server;
  static SelfSignedCertificate cert;
  static Process proxy;
  static int proxyPort;

  @TempDir
  static Path dir;

  @BeforeAll
  static void start() throws Exception {
    String haproxy = onPath("haproxy");
    Assumptions.assumeTrue(haproxy != null, "haproxy is not installed; skipping the"
        + " TLS-terminating proxy test (apt-get install -y haproxy, as .ci/run does)");
    vertx = Vertx.vertx();
    // No TLS on the node: only the proxy speaks it. Connections to the node come from the
    // proxy at 127.0.0.1; every client below uses another loopback address.
    server = TestServers.start(vertx, "TLS_PORT", "-1", "TRUSTED_PROXIES", "127.0.0.1",
        "MATCHMAKES_PER_SECOND_PER_IP", "2");
    cert = SelfSignedCertificate.create("localhost");
    Path pem = dir.resolve("proxy.pem");
    Files.writeString(pem, Files.readString(Path.of(cert.certificatePath())) + "\n"
        + Files.readString(Path.of(cert.privateKeyPath())));
    proxyPort = freePort();
    Path cfg = dir.resolve("haproxy.cfg");
    Files.writeString(cfg, String.join("\n",
        "global",
        "  maxconn 200",
        "defaults",
        "  mode http",
        "  timeout connect 5s",
        "  timeout client 60s",
        "  timeout server 60s",
        "  timeout tunnel 60s",
        "frontend public",
        "  bind 127.0.0.1:" + proxyPort + " ssl crt " + pem,
        "  option forwardfor",
        "  http-request set-header X-Forwarded-Proto https",
        "  default_backend node",
        "backend node",
        "  server n1 127.0.0.1:" + server.port(),
        ""));
    proxy = new ProcessBuilder(haproxy, "-f", cfg.toString(), "-db")
        .redirectErrorStream(true).redirectOutput(dir.resolve("haproxy.out").toFile()).start();
    waitForPort(proxyPort);
  }

  @AfterAll
  static void stop() throws Exception {
    if (proxy != null) {
      proxy.destroy();
      if (!proxy.waitFor(5, TimeUnit.SECONDS)) {
        proxy.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    }
    if (cert != null) {
      cert.delete();
    }
    if (vertx != null) {
      TestServers.await(vertx.close());
    }
  }

  @Test
  void clientMatchmakesOverHttpsAndPlaysOverWssThroughTheProxy() throws Exception {
    String base = "https://localhost:" + proxyPort;
    TickstreamClient client = new TickstreamClient(vertx,
        ClientOptions.defaults().withTrust(cert.trustOptions()));
    try {
      SeatGrant seat = TestServers.await(client.matchmake(base, "behind", "player", null));
      assertTrue(seat.url().startsWith("wss://localhost:" + proxyPort + "/ws?token="),
          seat.url());
      GameSession s = TestServers.await(client.connect(seat.url(), "behind"));
      for (int i = 0; i < 200 && s.snapshotsApplied() < 10; i++) {
        Thread.sleep(25);
      }
      assertTrue(s.snapshotsApplied() >= 10, "snapshots over wss: " + s.snapshotsApplied());
      // Locate (where a dropped player resumes) hands out the same public URL.
      String again = TestServers.await(client.locate(base, s.welcome().getResumeToken()));
      assertTrue(again.startsWith("wss://localhost:" + proxyPort + "/ws?token="), again);
      s.socket().close();
    } finally {
      client.close();
    }
  }

  @Test
  void perAddressLimitsSeeTheAddressTheProxyForwarded() {
    HttpClient c = client("127.0.0.41", true);
    Answer last = null;
    for (int i = 0; i < 6 && (last == null || last.status != 429); i++) {
      last = matchmake(c, proxyPort, true, Map.of());
    }
    assertEquals(429, last.status, last.body);
    assertTrue(last.body.contains("from 127.0.0.41"), last.body);
  }

  @Test
  void forwardingHeadersFromAnUntrustedClientAreIgnored() {
    HttpClient c = client("127.0.0.42", false);
    Map<String, String> forged = Map.of("X-Forwarded-For", "198.51.100.1",
        "X-Forwarded-Proto", "https", "X-Forwarded-Host", "evil.example",
        "Forwarded", "for=198.51.100.1;proto=https;host=evil.example");
    Answer a = matchmake(c, server.port(), false, forged);
    assertEquals(200, a.status, a.body);
    String url = new JsonObject(a.body).getString("url");
    assertTrue(url.startsWith("ws://127.0.0.1:" + server.port() + "/ws?token="), url);
    Answer last = a;
    for (int i = 0; i < 6 && last.status != 429; i++) {
      last = matchmake(c, server.port(), false, forged);
    }
    assertEquals(429, last.status, last.body);
    assertTrue(last.body.contains("from 127.0.0.42"), last.body);
  }

  record Answer(int status, String body) {}

  static HttpClient client(String local, boolean tls) {
    HttpClientOptions o = new HttpClientOptions().setLocalAddress(local);
    if (tls) {
      o.setSsl(true).setTrustOptions(cert.trustOptions());
    }
    return vertx.createHttpClient(o);
  }

  static Answer matchmake(HttpClient c, int port, boolean tls, Map<String, String> headers) {
    RequestOptions r = new RequestOptions().setMethod(HttpMethod.POST)
        .setHost(tls ? "localhost" : "127.0.0.1").setPort(port).setURI("/api/matchmake")
        .putHeader("content-type", "application/json");
    headers.forEach(r::putHeader);
    return TestServers.await(c.request(r).compose(req -> req.send(Buffer.buffer(
        new JsonObject().put("name", "x").put("role", "player").encode()))
        .compose(resp -> resp.body().map(b -> new Answer(resp.statusCode(), b.toString())))));
  }

  static String onPath(String name) {
    String path = System.getenv().getOrDefault("PATH", "") + File.pathSeparator
        + "/usr/sbin" + File.pathSeparator + "/usr/bin";
    for (String d : path.split(File.pathSeparator)) {
      File f = new File(d, name);
      if (f.canExecute()) {
        return f.getPath();
      }
    }
    return null;
  }

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  static void waitForPort(int port) throws Exception {
    for (int i = 0; i < 200; i++) {
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress("127.0.0.1", port), 200);
        return;
      } catch (IOException e) {
        if (!proxy.isAlive()) {
          throw new IllegalStateException("haproxy exited: "
              + Files.readString(dir.resolve("haproxy.out")));
        }
        Thread.sleep(50);
      }
    }
    throw new IllegalStateException("haproxy did not listen on " + port);
  }
}
