package dev.tickstream.loadtest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tickstream.TestServers;
import dev.tickstream.TickstreamServer;
import dev.tickstream.cli.InProcessNode;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bots over wss through a real HTTP CONNECT proxy (Debian's tinyproxy, started here on a free
 * loopback port) play as well as bots connected directly to the same server.
 */
class ProxyLoadTest {
  static final int BOTS = 16;
  static Vertx vertx;
  static TickstreamServer server;
  static Process proxy;
  static int proxyPort;
  static Path proxyLog;

  @TempDir
  static Path dir;

  @BeforeAll
  static void start() throws Exception {
    String tinyproxy = onPath("tinyproxy");
    Assumptions.assumeTrue(tinyproxy != null, "tinyproxy is not installed; skipping the HTTP"
        + " CONNECT proxy test (apt-get install -y tinyproxy, as .ci/run does)");
    vertx = Vertx.vertx();
    server = TestServers.start(vertx, "MAX_CONNECTIONS_PER_IP", "10000",
        "HANDSHAKES_PER_SECOND_PER_IP", "10000",
        "MATCHMAKES_PER_SECOND_PER_IP", "10000", "MAX_UNCLAIMED_SEATS_PER_IP", "10000");
    proxyPort = freePort();
    proxyLog = dir.resolve("tinyproxy.log");
    Path conf = dir.resolve("tinyproxy.conf");
    // Only CONNECT to the server's TLS port, only from loopback, logged so the test can see
    // that the bots' connections really went through it.
    Files.writeString(conf, String.join("\n",
        "Port " + proxyPort,
        "Listen 127.0.0.1",
        "Timeout 600",
        "Allow 127.0.0.1",
        "ConnectPort " + server.tlsPort(),
        "MaxClients 200",
        "LogFile \"" + proxyLog + "\"",
        "LogLevel Info",
        ""));
    proxy = new ProcessBuilder(tinyproxy, "-d", "-c", conf.toString())
        .redirectErrorStream(true).redirectOutput(dir.resolve("tinyproxy.out").toFile())
        .start();
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
    if (vertx != null) {
      TestServers.await(vertx.close());
    }
  }

  private static JsonObject run(boolean viaProxy) throws Exception {
    String url = TestServers.https(server);
    var args = new java.util.ArrayList<>(java.util.List.of("--url", url, "--bots",
        String.valueOf(BOTS), "--ramp", "1", "--warmup", "0", "--duration", "3", "--report-dir",
        dir.resolve(viaProxy ? "proxied" : "direct").toString()));
    if (viaProxy) {
      args.addAll(java.util.List.of("--proxy", "127.0.0.1:" + proxyPort));
    }
    LoadtestOptions o = LoadtestOptions.parse(args.toArray(String[]::new))
        .withUrl(url, server.devTrust(), true);
    PrintStream quiet = new PrintStream(OutputStream.nullOutputStream());
    return new LoadRun(o, new Progress(quiet, false), InProcessNode::start).run().report();
  }

  @Test
  void botsThroughTinyproxyPlayAsWellAsDirectOnes() throws Exception {
    JsonObject direct = run(false);
    JsonObject proxied = run(true);
    ReportChecks.assertMeasured(direct, BOTS);
    ReportChecks.assertMeasured(proxied, BOTS);
    assertEquals("127.0.0.1:" + proxyPort,
        proxied.getJsonObject("options").getString("proxy"));
    // Every WebSocket (and the matchmaking and metrics requests) was a CONNECT tunnel.
    long connects = Files.readAllLines(proxyLog).stream()
        .filter(l -> l.contains("CONNECT localhost:" + server.tlsPort())).count();
    assertTrue(connects >= BOTS, "tunnels through the proxy: " + connects);
    // The same game traffic: each proxied bot received about what a direct one did.
    double ratio = proxied.getDouble("bytes_per_bot_per_s")
        / direct.getDouble("bytes_per_bot_per_s");
    assertTrue(ratio > 0.5 && ratio < 2, "bytes per bot, proxied / direct: " + ratio);
    double acked = proxied.getJsonObject("latency_ms").getLong("count")
        / (double) proxied.getLong("inputs_sent");
    assertTrue(acked > 0.5, "share of proxied inputs acknowledged: " + acked);
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
          throw new IllegalStateException("tinyproxy exited: "
              + Files.readString(dir.resolve("tinyproxy.out")));
        }
        Thread.sleep(50);
      }
    }
    throw new IllegalStateException("tinyproxy did not listen on " + port);
  }
}
