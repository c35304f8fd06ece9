package dev.tickstream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tickstream.client.ClientOptions;
import dev.tickstream.client.GameSession;
import dev.tickstream.client.TickstreamClient;
import dev.tickstream.config.Transports;
import dev.tickstream.proto.arena.v1.ArenaInput;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.net.OpenSSLEngineOptions;
import io.vertx.core.transport.Transport;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.cert.X509Certificate;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A short game session over real sockets on each transport that loads here (ws), and over wss
 * with each TLS engine; the node names what it runs on in {@code tickstream_node_info}.
 */
class TransportSessionsTest {

  @ParameterizedTest
  @ValueSource(strings = {"auto", "io_uring", "epoll", "nio"})
  void playsOverWsOnEachTransport(String transport) throws Exception {
    Transport t = transport.equals("io_uring") ? Transport.IO_URING
        : transport.equals("epoll") ? Transport.EPOLL : Transport.NIO;
    Assumptions.assumeTrue(transport.equals("auto") || t != null && t.available(),
        transport + " does not load here");
    long rings = ioUringRings();
    Vertx vertx = Transports.vertx(transport, new VertxOptions().setEventLoopPoolSize(2));
    try {
      TickstreamServer server = TestServers.start(vertx, "TLS_PORT", "-1");
      String expected = transport.equals("auto") ? Transports.choose("auto").name() : transport;
      assertEquals(expected, server.transport());
      // What really runs, not only what is said: io_uring's event loops each own a ring (an
      // fd the kernel names [io_uring]); Vert.x tells native from NIO.
      assertEquals(expected.equals("io_uring"), ioUringRings() > rings, "io_uring rings");
      assertEquals(!expected.equals("nio"), vertx.isNativeTransportEnabled());
      assertEquals("off", server.tlsEngine());
      assertTrue(metrics(TestServers.http(server)).contains(
          "tickstream_node_info{tls_engine=\"off\",transport=\"" + expected + "\"} 1"));
      playShortSession(vertx, server, TestServers.http(server));
    } finally {
      vertx.close().await(30, TimeUnit.SECONDS);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"openssl", "jdk"})
  void playsOverWssWithEachTlsEngine(String engine) throws Exception {
    Assumptions.assumeTrue(engine.equals("jdk") || OpenSSLEngineOptions.isAvailable(),
        "OpenSSL does not load here");
    Vertx vertx = Transports.vertx("auto", new VertxOptions().setEventLoopPoolSize(2));
    try {
      TickstreamServer server = TestServers.start(vertx, "TLS_ENGINE", engine);
      assertTrue(server.tlsEngine().startsWith(engine + (engine.equals("openssl") ? " (" : "")),
          server.tlsEngine());
      assertTrue(metrics(TestServers.http(server)).contains(
          "tls_engine=\"" + engine + "\""));
      assertEquals(engine.equals("jdk"), acceptsFiniteFieldDhe(server.tlsPort()),
          "the TLS port runs " + engine);
      playShortSession(vertx, server, TestServers.https(server));
    } finally {
      vertx.close().await(30, TimeUnit.SECONDS);
    }
  }

  /** Joins, sees the world, and has an input applied, as any game client. */
  private static void playShortSession(Vertx vertx, TickstreamServer server, String url)
      throws Exception {
    try (TickstreamClient client = new TickstreamClient(vertx,
        ClientOptions.defaults().withTrust(server.devTrust()))) {
      GameSession s = TestServers.await(client.join(url, "p", "player"));
      assertEquals(url.startsWith("https"), s.socket().isSsl());
      CompletableFuture<Integer> applied = new CompletableFuture<>();
      s.snapshotHandler(snap -> {
        if (s.lastSentInputSeq() == 0 && s.snapshotsApplied() >= 3) {
          s.sendInput(ArenaInput.newBuilder().setMoveX(127).build());
        } else if (s.lastSentInputSeq() > 0 && snap.getLastInputSeq() >= s.lastSentInputSeq()) {
          applied.complete(snap.getLastInputSeq());
        }
      });
      assertTrue(applied.get(10, TimeUnit.SECONDS) >= 1);
      assertTrue(s.mirror().indexOf(s.welcome().getEntityId()) >= 0);
      TestServers.await(s.close());
    }
  }

  /**
   * Whether the TLS port completes a TLS 1.2 handshake offering only a finite-field DHE suite:
   * the JDK's engine has those, BoringSSL has none, so this tells which engine really serves.
   */
  private static boolean acceptsFiniteFieldDhe(int port) throws Exception {
    SSLContext ctx = SSLContext.getInstance("TLS");
    ctx.init(null, new TrustManager[] {new X509TrustManager() {
      @Override
      public void checkClientTrusted(X509Certificate[] chain, String type) {}

      @Override
      public void checkServerTrusted(X509Certificate[] chain, String type) {}

      @Override
      public X509Certificate[] getAcceptedIssuers() {
        return new X509Certificate[0];
      }
    }}, null);
    try (SSLSocket s = (SSLSocket) ctx.getSocketFactory().createSocket("127.0.0.1", port)) {
      s.setSoTimeout(10_000);
      s.setEnabledProtocols(new String[] {"TLSv1.2"});
      s.setEnabledCipherSuites(new String[] {"TLS_DHE_RSA_WITH_AES_128_GCM_SHA256"});
      s.startHandshake();
      return true;
    } catch (SSLHandshakeException refused) {
      return false;
    }
  }

  /** This process's io_uring instances (Linux names each ring's fd anon_inode:[io_uring]). */
  private static long ioUringRings() throws Exception {
    Path fds = Path.of("/proc/self/fd");
    Assumptions.assumeTrue(Files.isDirectory(fds), "no /proc here");
    try (Stream<Path> all = Files.list(fds)) {
      return all.filter(f -> {
        try {
          return Files.readSymbolicLink(f).toString().contains("[io_uring]");
        } catch (Exception gone) {
          return false; // closed while listed
        }
      }).count();
    }
  }

  private static String metrics(String base) throws Exception {
    HttpResponse<String> r = HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(URI.create(base + "/metrics")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertEquals(200, r.statusCode());
    return r.body();
  }
}
