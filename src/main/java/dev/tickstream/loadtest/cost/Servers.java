package dev.tickstream.loadtest.cost;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.SelfSignedCertificate;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The server children of one variant run: a floor server, one or two Tickstream nodes
 * (plain, TLS or clustered) or the Colyseus arena server (Node), each pinned to core 0 when
 * pinning is on, its output in a log file of the report folder. Killed on {@link #close} and,
 * should this JVM exit first, by a shutdown hook. Used by one thread.
 */
final class Servers implements AutoCloseable {
  private static final Duration READY_TIMEOUT = Duration.ofSeconds(120);

  private final CostOptions o;
  private final Pinning pinning;
  private final Path logs;
  private final String label;
  private final List<Process> processes = new ArrayList<>();
  private final List<Integer> ports = new ArrayList<>();
  private final List<Path> logFiles = new ArrayList<>();
  private final HttpClient http = HttpClient.newBuilder()
      .connectTimeout(Duration.ofSeconds(2)).build();
  private final Thread killOnExit = new Thread(this::destroyAll, "cost-kill-servers");
  private SelfSignedCertificate cert;
  private int tlsPort = -1;

  Servers(CostOptions o, Pinning pinning, Path logs, String label) throws IOException {
    this.o = o;
    this.pinning = pinning;
    this.logs = logs;
    this.label = label;
    Files.createDirectories(logs);
    Runtime.getRuntime().addShutdownHook(killOnExit);
  }

  /**
   * {@code n} distinct free ports. The sockets stay open until all are picked: a port closed
   * and asked for again can come back at once (it did: a node's HTTP port was its cluster
   * port).
   */
  static int[] freePorts(int n) throws IOException {
    List<ServerSocket> open = new ArrayList<>();
    try {
      int[] ports = new int[n];
      for (int i = 0; i < n; i++) {
        ServerSocket s = new ServerSocket(0);
        open.add(s);
        ports[i] = s.getLocalPort();
      }
      return ports;
    } finally {
      for (ServerSocket s : open) {
        s.close();
      }
    }
  }

  /** Starts the bare floor server (this class path) on a free port; returns the port. */
  int startFloor() throws IOException, InterruptedException {
    int port = freePorts(1)[0];
    List<String> cmd = new ArrayList<>(List.of(java(), "-Xmx1g", "-XX:+ExitOnOutOfMemoryError",
        "-cp", System.getProperty("java.class.path"), FloorServer.class.getName(),
        String.valueOf(port), String.valueOf(o.tickHz())));
    start(cmd, Map.of(), port, "floor");
    return port;
  }

  /**
   * Starts the Colyseus arena server of the Node package {@code dir} ({@code node server.mjs},
   * 127.0.0.1 only) on a free port; returns the port once it listens.
   */
  int startColyseus(Path dir) throws IOException, InterruptedException {
    int port = freePorts(1)[0];
    start(NodeBots.serverCommand(dir, port), Map.of(), port, "colyseus");
    awaitReady(port, -1, NodeBots.serverReady(port));
    return port;
  }

  /**
   * Starts {@code count} Tickstream nodes of {@code jar} (null: this class path): plain, over
   * TLS too ({@code tls}: a generated certificate for localhost, see {@link #trustPem}), or
   * clustered with each other. Returns their HTTP ports; waits until each is ready (and, when
   * clustered, sees the others).
   */
  List<Integer> startNodes(Path jar, int count, boolean tls, boolean clustered)
      throws IOException, InterruptedException {
    return startNodes(jar, count, tls, clustered, false);
  }

  /**
   * Starts {@code count} clustered Vert.x instances with a node's Hazelcast settings and none
   * of the node ({@code dev.tickstream.cluster.IdleMember}): the clustering library's own idle
   * cost. Waits until each sees the others.
   */
  void startIdleMembers(int count) throws IOException, InterruptedException {
    startNodes(null, count, false, true, true);
  }

  private List<Integer> startNodes(Path jar, int count, boolean tls, boolean clustered,
      boolean idleMembers) throws IOException, InterruptedException {
    int[] free = freePorts(2 * count + 1);
    int[] http = new int[count];
    int[] cluster = new int[count];
    for (int i = 0; i < count; i++) {
      http[i] = free[2 * i];
      cluster[i] = free[2 * i + 1];
    }
    if (tls) {
      cert = SelfSignedCertificate.create("localhost");
      tlsPort = free[2 * count];
    }
    for (int i = 0; i < count; i++) {
      Map<String, String> e = nodeEnv(o.tickHz());
      e.put("PORT", String.valueOf(http[i]));
      e.put("TLS_PORT", tls ? String.valueOf(tlsPort) : "-1");
      if (tls) {
        e.put("TLS_CERT_PATH", cert.certificatePath());
        e.put("TLS_KEY_PATH", cert.privateKeyPath());
      }
      if (clustered) {
        List<String> members = new ArrayList<>();
        for (int p : cluster) {
          members.add("127.0.0.1:" + p);
        }
        e.put("CLUSTER", "true");
        e.put("CLUSTER_HOST", "127.0.0.1");
        e.put("CLUSTER_PORT", String.valueOf(cluster[i]));
        e.put("CLUSTER_MEMBERS", String.join(",", members));
      }
      List<String> cmd = new ArrayList<>(List.of(java(), "-Xmx1g",
          "-XX:+ExitOnOutOfMemoryError"));
      if (idleMembers) {
        // Named, not imported: this package knows no Tickstream code but configuration.
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"),
            "dev.tickstream.cluster.IdleMember"));
      } else if (jar == null) {
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"),
            "dev.tickstream.cli.Main", "serve"));
      } else {
        cmd.addAll(List.of("-jar", jar.toAbsolutePath().toString(), "serve"));
      }
      start(cmd, e, http[i], (idleMembers ? "member" : "node") + (char) ('a' + i));
    }
    List<Integer> out = new ArrayList<>();
    for (int p : http) {
      awaitReady(p, clustered ? count : 0, idleMembers ? "idle member serving " + p
          : "serving http://127.0.0.1:" + p + "/");
      out.add(p);
    }
    return out;
  }

  /** The started node's settings: loopback, raised per-address limits, a fixed seed. */
  static Map<String, String> nodeEnv(int tickHz) {
    Map<String, String> e = new LinkedHashMap<>();
    e.put("HOST", "127.0.0.1");
    e.put("TICK_RATE", String.valueOf(tickHz));
    e.put("SEED", "1");
    e.put("AUTH_SECRET", "cost-1");
    // Every player comes from 127.0.0.1.
    e.putAll(dev.tickstream.config.ConfigLoader.perAddressLimitsLifted());
    e.put("INPUTS_PER_SECOND", String.valueOf(Math.max(60, 3 * tickHz)));
    e.put("SEAT_TOKEN_TTL_SECONDS", "600");
    e.put("DRAIN_TIMEOUT_MS", "2000");
    return e;
  }

  /** The TLS port of started TLS nodes (-1: none). */
  int tlsPort() {
    return tlsPort;
  }

  /** The PEM file of the TLS nodes' certificate, for the bots' {@code --trust}. */
  String trustPem() {
    return cert == null ? null : cert.certificatePath();
  }

  List<Long> pids() {
    List<Long> out = new ArrayList<>();
    for (Process p : processes) {
      out.add(p.pid());
    }
    return out;
  }

  /**
   * Rooms and players on each started node ({@code GET /api/rooms}, this node's own; null
   * where it did not answer): how a pair spread its players.
   */
  JsonArray roomsPerNode() {
    JsonArray out = new JsonArray();
    for (int i = 0; i < ports.size(); i++) {
      try {
        var rooms = http.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + ports.get(i) + "/api/rooms"))
            .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
        JsonArray list = new JsonArray(rooms.body());
        int players = 0;
        for (int k = 0; k < list.size(); k++) {
          players += list.getJsonObject(k).getInteger("players", 0);
        }
        out.add(new JsonObject().put("rooms", list.size()).put("players", players));
      } catch (IOException | RuntimeException e) {
        out.addNull();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        out.addNull();
      }
    }
    return out;
  }

  /** Whether every started server is still running. */
  boolean allAlive() {
    return processes.stream().allMatch(Process::isAlive);
  }

  private void start(List<String> cmd, Map<String, String> env, int port, String name)
      throws IOException {
    Path log = logs.resolve(label + "-" + name + ".log");
    ProcessBuilder pb = new ProcessBuilder(pinning.serverCommand(cmd)).redirectErrorStream(true)
        .redirectOutput(log.toFile());
    pb.environment().putAll(env);
    processes.add(pb.start());
    ports.add(port);
    logFiles.add(log);
  }

  /**
   * Waits until the server on {@code port} has logged {@code started} (so the answer below is
   * our child's, not another process's on a reused port) and answers /health/ready (and
   * /api/nodes with {@code members} nodes, when &gt; 0; {@code members} -1: the logged line
   * alone, for a server without /health).
   */
  private void awaitReady(int port, int members, String started) throws InterruptedException {
    Path log = logFiles.get(ports.indexOf(port));
    long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
    while (System.nanoTime() - deadline < 0) {
      if (!allAlive()) {
        throw new IllegalStateException("a server of " + label + " exited; see its log in "
            + logs);
      }
      try {
        if (!Files.readString(log).contains(started)) {
          Thread.sleep(250);
          continue;
        }
        if (members < 0) {
          return;
        }
        var ready = http.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/health/ready"))
            .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
        boolean seen = true;
        if (members > 0 && ready.statusCode() == 200) {
          var nodes = http.send(HttpRequest.newBuilder(
                  URI.create("http://127.0.0.1:" + port + "/api/nodes"))
              .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
          seen = new JsonObject(nodes.body()).fieldNames().stream()
              .filter(k -> !k.equals("self")).count() >= members;
        }
        if (ready.statusCode() == 200 && seen) {
          return;
        }
      } catch (IOException | RuntimeException notYet) {
        // still starting
      }
      Thread.sleep(250);
    }
    throw new IllegalStateException("a server of " + label + " was not ready within "
        + READY_TIMEOUT.toSeconds() + " s; see its log in " + logs);
  }

  /** Blocks until the floor server answers HTTP (it has no /health of its own: any path). */
  void awaitFloor(int port) throws InterruptedException {
    awaitReady(port, 0, "floor serving " + port);
  }

  private static String java() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  private void destroyAll() {
    for (Process p : processes) {
      p.destroyForcibly();
    }
  }

  /** SIGTERM, a short wait, then kill -9: the figures are taken, no drain is needed. */
  @Override
  public void close() throws InterruptedException {
    for (Process p : processes) {
      p.destroy();
    }
    for (Process p : processes) {
      if (!p.waitFor(10, TimeUnit.SECONDS)) {
        p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    }
    if (cert != null) {
      cert.delete();
    }
    try {
      Runtime.getRuntime().removeShutdownHook(killOnExit);
    } catch (IllegalStateException exiting) {
      // the hook runs anyway
    }
  }
}
