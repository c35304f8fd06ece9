package dev.tickstream.loadtest;

import io.vertx.core.net.SelfSignedCertificate;
import io.vertx.core.net.TrustOptions;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The server under load: one given by URL, or a node started on loopback for the run, as a
 * child JVM (default: its CPU is its own, and the bots cannot slow it by sharing its heap) or
 * inside this JVM ({@code --in-process}). A started node gets the reference workload's
 * settings and per-address limits high enough for all bots on one address.
 */
final class ServerTarget implements AutoCloseable {
  private static final Pattern SERVING =
      Pattern.compile("Tickstream (?:\\S+ )?serving http://[^:/]+:(\\d+)/");
  private static final Pattern TLS = Pattern.compile(" https://[^:/]+:(\\d+)/");

  final String baseUrl;
  final TrustOptions trust;
  final String mode;
  final boolean sameJvm;
  private Process child;
  private AutoCloseable inProcessStop;
  private SelfSignedCertificate cert;
  private Thread killOnExit;

  private ServerTarget(String baseUrl, TrustOptions trust, String mode, boolean sameJvm) {
    this.baseUrl = baseUrl;
    this.trust = trust;
    this.mode = mode;
    this.sameJvm = sameJvm;
  }

  static ServerTarget open(LoadtestOptions o, Path logFile, InProcessServer inProcess)
      throws Exception {
    if (o.url() != null) {
      return new ServerTarget(o.url(), o.trust(), "url", o.serverInThisJvm());
    }
    Map<String, String> env = env(o);
    if (o.inProcess()) {
      if (inProcess == null) {
        throw new IllegalStateException("--in-process: this program cannot start a node");
      }
      InProcessServer.Node n = inProcess.start(env, o.tls());
      ServerTarget t = new ServerTarget(n.baseUrl(), n.trust(), "in-process", true);
      t.inProcessStop = n.stop();
      return t;
    }
    SelfSignedCertificate cert = null;
    if (o.tls()) {
      // Made here, so the bots can trust exactly the certificate the child serves.
      cert = SelfSignedCertificate.create("localhost");
      env.put("TLS_CERT_PATH", cert.certificatePath());
      env.put("TLS_KEY_PATH", cert.privateKeyPath());
    }
    return startChild(env, cert, logFile);
  }

  /** The started node's settings, as environment variables (the layer `serve` reads). */
  static Map<String, String> env(LoadtestOptions o) {
    Map<String, String> e = new LinkedHashMap<>();
    int maxBots = o.capacity() == null ? o.bots()
        : o.capacity().start() + o.capacity().step() * (o.capacity().maxSteps() - 1);
    e.put("HOST", "127.0.0.1");
    e.put("PORT", "0");
    e.put("TLS_PORT", o.tls() ? "0" : "-1");
    e.put("TICK_RATE", String.valueOf(o.tickHz()));
    e.put("SEED", String.valueOf(o.seed()));
    e.put("MAX_PLAYERS", String.valueOf(o.world() ? Math.max(1, maxBots) : o.roomSize()));
    if (o.world()) {
      // About 100 players within the view radius, whatever the number of bots.
      double density = 100.0 / (Math.PI * o.viewRadius() * (double) o.viewRadius());
      int side = (int) Math.ceil(Math.sqrt(maxBots / density));
      e.put("MAP_SIZE", String.valueOf(Math.max(100, side)));
      e.put("VIEW_RADIUS", String.valueOf(o.viewRadius()));
    }
    if (o.serverThreads() > 0) {
      e.put("ROOM_THREADS", String.valueOf(o.serverThreads()));
    }
    // Every bot comes from 127.0.0.1: per-address limits meant for the internet would refuse
    // them, and the input limit must leave room for the bots' input rate.
    e.putAll(dev.tickstream.config.ConfigLoader.perAddressLimitsLifted());
    e.put("INPUTS_PER_SECOND", String.valueOf(Math.max(60, 3 * o.inputHz())));
    e.put("SEAT_TOKEN_TTL_SECONDS", "600");
    e.put("DRAIN_TIMEOUT_MS", "2000");
    if (o.stallTimeoutMs() > 0) {
      // Chaos: a reader that stops must be closed within the run, not after the default 5 s.
      e.put("STALL_TIMEOUT_MS", String.valueOf(o.stallTimeoutMs()));
    }
    return e;
  }

  private static ServerTarget startChild(Map<String, String> env, SelfSignedCertificate cert,
      Path logFile) throws Exception {
    ProcessBuilder pb = new ProcessBuilder(ChildJvm.main(List.of("serve")))
        .redirectErrorStream(true);
    pb.environment().putAll(env);
    Process p = pb.start();
    ServerTarget t;
    CompletableFuture<String> serving = new CompletableFuture<>();
    Files.createDirectories(logFile.toAbsolutePath().getParent());
    Thread pump = new Thread(() -> pump(p, logFile, serving), "loadtest-server-log");
    pump.setDaemon(true);
    pump.start();
    try {
      String line = serving.get(60, TimeUnit.SECONDS);
      Matcher m = (cert != null ? TLS : SERVING).matcher(line);
      if (!m.find()) {
        throw new IllegalStateException("no port in: " + line);
      }
      String url = (cert != null ? "https://localhost:" : "http://127.0.0.1:") + m.group(1);
      t = new ServerTarget(url, cert == null ? null : cert.trustOptions(), "child", false);
    } catch (Exception e) {
      p.destroyForcibly();
      throw new IllegalStateException("the server did not start; see " + logFile, e);
    }
    t.child = p;
    t.cert = cert;
    // Ctrl-C of the load test must not leave a server behind.
    t.killOnExit = new Thread(p::destroyForcibly, "loadtest-kill-server");
    Runtime.getRuntime().addShutdownHook(t.killOnExit);
    return t;
  }

  /** Copies the child's output to its log file and finds the line with its ports. */
  private static void pump(Process p, Path logFile, CompletableFuture<String> serving) {
    try (BufferedReader in = new BufferedReader(
            new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        PrintWriter log = new PrintWriter(Files.newBufferedWriter(logFile), true)) {
      String line;
      while ((line = in.readLine()) != null) {
        log.println(line);
        if (!serving.isDone() && SERVING.matcher(line).find()) {
          serving.complete(line);
        }
      }
      serving.completeExceptionally(new IllegalStateException("server exited: " + p.waitFor()));
    } catch (Exception e) {
      serving.completeExceptionally(e);
    }
  }

  /** The child's pid, or -1 when the server is not a child. */
  long pid() {
    return child == null ? -1 : child.pid();
  }

  @Override
  public void close() throws Exception {
    if (child != null) {
      child.destroy();
      if (!child.waitFor(15, TimeUnit.SECONDS)) {
        child.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
      try {
        Runtime.getRuntime().removeShutdownHook(killOnExit);
      } catch (IllegalStateException e) {
        // already shutting down: the hook runs anyway
      }
    }
    if (inProcessStop != null) {
      inProcessStop.close();
    }
    if (cert != null) {
      cert.delete();
    }
  }
}
