package dev.tickstream.cluster;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** A Tickstream node in its own JVM, on loopback, for the cluster tests. */
final class NodeProcess implements AutoCloseable {
  final String name;
  final int port;
  final int clusterPort;
  final Process process;
  final Path log;

  private NodeProcess(String name, int port, int clusterPort, Process process, Path log) {
    this.name = name;
    this.port = port;
    this.clusterPort = clusterPort;
    this.process = process;
    this.log = log;
  }

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  /** Starts {@code java -cp <this classpath> dev.tickstream.cli.Main serve} with the settings. */
  static NodeProcess start(String name, int port, int clusterPort, List<Integer> members,
      Map<String, String> env) throws IOException {
    Path dir = Path.of("target", "cluster-logs");
    Files.createDirectories(dir);
    Path log = dir.resolve(name + ".log");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder pb = new ProcessBuilder(java, "-Xmx512m", "-cp",
        System.getProperty("java.class.path"), "dev.tickstream.cli.Main", "serve")
        .redirectErrorStream(true).redirectOutput(log.toFile());
    Map<String, String> e = pb.environment();
    e.put("HOST", "127.0.0.1");
    e.put("PORT", String.valueOf(port));
    e.put("TLS_PORT", "-1");
    e.put("CLUSTER", "true");
    e.put("CLUSTER_HOST", "127.0.0.1");
    e.put("CLUSTER_PORT", String.valueOf(clusterPort));
    e.put("CLUSTER_MEMBERS", String.join(",",
        members.stream().map(p -> "127.0.0.1:" + p).toList()));
    e.put("AUTH_SECRET", "cluster-test-secret");
    e.put("ROOM_THREADS", "1");
    e.put("MATCHMAKES_PER_SECOND_PER_IP", "100000");
    e.put("MAX_UNCLAIMED_SEATS_PER_IP", "100000");
    e.put("MAX_HTTP_CONNECTIONS_PER_IP", "100000");
    e.putAll(env);
    return new NodeProcess(name, port, clusterPort, pb.start(), log);
  }

  String http() {
    return "http://127.0.0.1:" + port;
  }

  /** Waits until the node is ready and sees {@code members} nodes in the cluster. */
  void awaitReady(int members, Duration timeout) throws Exception {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException(name + " exited; see " + log);
      }
      try {
        var ready = http.send(HttpRequest.newBuilder(URI.create(http() + "/health/ready"))
            .build(), HttpResponse.BodyHandlers.ofString());
        var nodes = http.send(HttpRequest.newBuilder(URI.create(http() + "/api/nodes")).build(),
            HttpResponse.BodyHandlers.ofString());
        long seen = new io.vertx.core.json.JsonObject(nodes.body()).fieldNames().stream()
            .filter(k -> !k.equals("self")).count();
        if (ready.statusCode() == 200 && seen >= members) {
          return;
        }
      } catch (IOException notYet) {
        // still starting
      }
      Thread.sleep(250);
    }
    throw new IllegalStateException(name + " not ready within " + timeout + "; see " + log);
  }

  /** kill -9: the JVM gets no chance to do anything. */
  void kill() {
    process.destroyForcibly();
  }

  /** SIGTERM: the node drains. */
  void terminate() {
    process.destroy();
  }

  @Override
  public void close() throws Exception {
    process.destroyForcibly();
    process.waitFor();
  }

  File logFile() {
    return log.toFile();
  }
}
