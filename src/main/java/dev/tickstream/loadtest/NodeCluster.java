package dev.tickstream.loadtest;

import io.vertx.core.json.JsonObject;
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
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Tickstream nodes clustered on loopback, each a child JVM ({@code serve --cluster}) with its
 * own HTTP and cluster port, which it keeps across restarts. Killed ({@code kill -9}) or
 * terminated (SIGTERM: the node drains) one at a time. Used by one thread, the runner's.
 */
final class NodeCluster implements AutoCloseable {
  private static final Pattern RESTORED =
      Pattern.compile("restored room (\\S+) at tick (\\d+) \\((-?\\d+) ms after");

  private final NodeLossOptions o;
  private final Path logs;
  private final int[] ports;
  private final int[] clusterPorts;
  private final Process[] processes;
  private final int[] starts;
  private final List<Path> logFiles = new ArrayList<>();
  private final HttpClient http = HttpClient.newBuilder()
      .connectTimeout(Duration.ofSeconds(2)).build();
  private final Thread killOnExit;

  NodeCluster(NodeLossOptions o, Path logs) throws IOException {
    this.o = o;
    this.logs = logs;
    Files.createDirectories(logs);
    ports = new int[o.nodes()];
    clusterPorts = new int[o.nodes()];
    processes = new Process[o.nodes()];
    starts = new int[o.nodes()];
    for (int i = 0; i < o.nodes(); i++) {
      ports[i] = freePort();
      clusterPorts[i] = freePort();
    }
    // Ctrl-C of the run must not leave nodes behind.
    killOnExit = new Thread(() -> {
      for (Process p : processes) {
        if (p != null) {
          p.destroyForcibly();
        }
      }
    }, "nodeloss-kill-nodes");
    Runtime.getRuntime().addShutdownHook(killOnExit);
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  int size() {
    return ports.length;
  }

  String http(int i) {
    return "http://127.0.0.1:" + ports[i];
  }

  /** The node whose HTTP port {@code url} names, or -1. */
  int nodeOf(String url) {
    for (int i = 0; i < ports.length; i++) {
      if (url.contains("127.0.0.1:" + ports[i] + "/")) {
        return i;
      }
    }
    return -1;
  }

  boolean alive(int i) {
    return processes[i] != null && processes[i].isAlive();
  }

  /** Starts node {@code i} (again, after it stopped); its output goes to its own log file. */
  void start(int i) throws IOException {
    List<String> cmd = ChildJvm.main(List.of("serve", "--cluster"));
    cmd.add(1, "-Xmx" + o.heapMb() + "m");
    Path log = logs.resolve("node" + i + "-" + (++starts[i]) + ".log");
    logFiles.add(log);
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
        .redirectOutput(log.toFile());
    Map<String, String> e = pb.environment();
    e.put("HOST", "127.0.0.1");
    e.put("PORT", String.valueOf(ports[i]));
    e.put("TLS_PORT", "-1");
    e.put("CLUSTER_HOST", "127.0.0.1");
    e.put("CLUSTER_PORT", String.valueOf(clusterPorts[i]));
    List<String> members = new ArrayList<>();
    for (int p : clusterPorts) {
      members.add("127.0.0.1:" + p);
    }
    e.put("CLUSTER_MEMBERS", String.join(",", members));
    e.put("AUTH_SECRET", "nodeloss-" + o.seed());
    e.put("SEED", String.valueOf(o.seed() + i));
    e.put("TICK_RATE", String.valueOf(o.tickHz()));
    e.put("MAX_PLAYERS", String.valueOf(o.roomSize()));
    e.put("CHECKPOINT_INTERVAL_MS", String.valueOf(o.checkpointMs()));
    // Longer than a bot tries to resume: a seat must not be freed while its player comes back.
    e.put("RECONNECT_GRACE_MS", String.valueOf(o.resumeDeadlineMs() + 15_000));
    e.put("DRAIN_TIMEOUT_MS", "30000");
    e.put("SEAT_TOKEN_TTL_SECONDS", "600");
    // Every bot comes from 127.0.0.1.
    e.putAll(dev.tickstream.config.ConfigLoader.perAddressLimitsLifted());
    e.put("INPUTS_PER_SECOND", String.valueOf(Math.max(60, 3 * o.inputHz())));
    processes[i] = pb.start();
  }

  /**
   * Waits until node {@code i} is ready and sees {@code members} nodes; false when it exited
   * or {@code timeout} passed.
   */
  boolean awaitReady(int i, int members, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline && alive(i)) {
      try {
        var ready = http.send(HttpRequest.newBuilder(URI.create(http(i) + "/health/ready"))
            .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
        var nodes = http.send(HttpRequest.newBuilder(URI.create(http(i) + "/api/nodes"))
            .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
        long seen = new JsonObject(nodes.body()).fieldNames().stream()
            .filter(k -> !k.equals("self")).count();
        if (ready.statusCode() == 200 && seen >= members) {
          return true;
        }
      } catch (IOException | RuntimeException notYet) {
        // still starting
      }
      Thread.sleep(250);
    }
    return false;
  }

  /** kill -9: the JVM gets no chance to do anything. */
  void kill(int i) throws InterruptedException {
    processes[i].destroyForcibly();
    processes[i].waitFor(30, TimeUnit.SECONDS);
  }

  /** SIGTERM; waits up to {@code timeout} for the node to drain and exit: whether it did. */
  boolean terminate(int i, Duration timeout) throws InterruptedException {
    processes[i].destroy();
    boolean exited = processes[i].waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
    if (!exited) {
      processes[i].destroyForcibly();
      processes[i].waitFor(30, TimeUnit.SECONDS);
    }
    return exited;
  }

  /** A node's restores as its logs tell them: the checkpoint tick and age of each room. */
  record Restore(String roomId, int tick, long ageMs, String log) {}

  List<Restore> restores() throws IOException {
    List<Restore> all = new ArrayList<>();
    for (Path log : logFiles) {
      if (!Files.exists(log)) {
        continue;
      }
      Matcher m = RESTORED.matcher(Files.readString(log));
      while (m.find()) {
        all.add(new Restore(m.group(1), Integer.parseInt(m.group(2)),
            Long.parseLong(m.group(3)), log.getFileName().toString()));
      }
    }
    return all;
  }

  /** Lines of the node logs that name {@code what}, for the report (at most {@code max}). */
  List<String> grep(String what, int max) throws IOException {
    List<String> lines = new ArrayList<>();
    for (Path log : logFiles) {
      if (Files.exists(log)) {
        for (String l : Files.readAllLines(log)) {
          if (l.contains(what) && lines.size() < max) {
            lines.add(log.getFileName() + ": " + l);
          }
        }
      }
    }
    return lines;
  }

  @Override
  public void close() throws InterruptedException {
    for (Process p : processes) {
      if (p != null) {
        p.destroyForcibly();
      }
    }
    for (Process p : processes) {
      if (p != null) {
        p.waitFor(30, TimeUnit.SECONDS);
      }
    }
    try {
      Runtime.getRuntime().removeShutdownHook(killOnExit);
    } catch (IllegalStateException exiting) {
      // the hook runs anyway
    }
  }
}
