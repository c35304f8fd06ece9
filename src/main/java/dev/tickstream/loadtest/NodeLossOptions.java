package dev.tickstream.loadtest;

import java.nio.file.Path;

/**
 * What {@code loadtest nodeloss} is told. Durations are seconds unless named otherwise.
 *
 * @param nodes cluster nodes started as child JVMs on loopback (at least 2)
 * @param bots players, matchmade round-robin through the nodes
 * @param roomSize players per room ({@code MAX_PLAYERS} of the nodes)
 * @param rampS seconds over which the bots join
 * @param playS seconds played before the kill, and again before each restart
 * @param inputHz inputs per second per bot
 * @param tickHz the nodes' tick rate
 * @param checkpointMs the nodes' {@code CHECKPOINT_INTERVAL_MS}
 * @param resumeDeadlineMs how long a dropped bot keeps trying to resume before it counts as lost
 * @param botThreads event loops running the bots
 * @param heapMb each node's maximum heap
 * @param seed seed of the bots' inputs and the nodes
 * @param reportDir where {@code <timestamp>/nodeloss.{json,html}} and the node logs go
 */
record NodeLossOptions(int nodes, int bots, int roomSize, double rampS, double playS,
    int inputHz, int tickHz, int checkpointMs, int resumeDeadlineMs, int botThreads, int heapMb,
    long seed, Path reportDir) {

  static final String USAGE = """
      usage: java -jar tickstream.jar loadtest nodeloss [options]
        Starts a cluster of child JVMs on loopback, joins bots through all nodes, kill -9s the
        node with the most players (its players resume on the survivors), restarts it, then
        restarts every node in turn by SIGTERM (each drains its rooms to the others).
        --nodes N            nodes (default 3)
        --bots N             players (default 600)
        --room-size N        players per room (default 16)
        --ramp S             seconds over which the bots join (default 30)
        --play S             seconds played before the kill and before each restart (default 15)
        --input-hz N         inputs per second per bot (default 10)
        --tick-hz N          the nodes' tick rate (default 20)
        --checkpoint-ms MS   the nodes' checkpoint interval (default 500)
        --resume-deadline-ms MS  how long a dropped bot tries to resume (default 30000)
        --bot-threads N      event loops running the bots (default 2)
        --heap-mb N          each node's -Xmx (default 768)
        --seed S             seed (default 1)
        --report-dir DIR     where <timestamp>/nodeloss.{json,html} go (default loadtest/reports)
      Targets: >= 99% of the killed node's players resumed, resume p99 <= 5 s, <= 1 s of play
      lost; 0 players lost in the rolling restart. Exit status 0 met, 1 missed, 2 bad usage.
      """;

  static NodeLossOptions defaults() {
    return new NodeLossOptions(3, 600, 16, 30, 15, 10, 20, 500, 30_000, 2, 768, 1,
        Path.of("loadtest", "reports"));
  }

  static NodeLossOptions parse(String... args) {
    NodeLossOptions o = defaults();
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      if (i + 1 >= args.length) {
        throw new IllegalArgumentException("missing value for " + a);
      }
      String v = args[++i];
      o = switch (a) {
        case "--nodes" -> o.with(2, 9, v, "nodes");
        case "--bots" -> o.with(1, 20_000, v, "bots");
        case "--room-size" -> o.with(1, 1000, v, "roomSize");
        case "--ramp" -> o.withSeconds(v, "rampS");
        case "--play" -> o.withSeconds(v, "playS");
        case "--input-hz" -> o.with(1, 60, v, "inputHz");
        case "--tick-hz" -> o.with(10, 60, v, "tickHz");
        case "--checkpoint-ms" -> o.with(50, 600_000, v, "checkpointMs");
        case "--resume-deadline-ms" -> o.with(1000, 600_000, v, "resumeDeadlineMs");
        case "--bot-threads" -> o.with(1, 64, v, "botThreads");
        case "--heap-mb" -> o.with(128, 65_536, v, "heapMb");
        case "--seed" -> new NodeLossOptions(o.nodes, o.bots, o.roomSize, o.rampS, o.playS,
            o.inputHz, o.tickHz, o.checkpointMs, o.resumeDeadlineMs, o.botThreads, o.heapMb,
            Long.parseLong(v), o.reportDir);
        case "--report-dir" -> new NodeLossOptions(o.nodes, o.bots, o.roomSize, o.rampS,
            o.playS, o.inputHz, o.tickHz, o.checkpointMs, o.resumeDeadlineMs, o.botThreads,
            o.heapMb, o.seed, Path.of(v));
        default -> throw new IllegalArgumentException("unknown option " + a);
      };
    }
    return o;
  }

  private NodeLossOptions with(int min, int max, String v, String field) {
    int n;
    try {
      n = Integer.parseInt(v);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(field + ": not a number: " + v);
    }
    if (n < min || n > max) {
      throw new IllegalArgumentException(field + " must be " + min + ".." + max + ": " + v);
    }
    return new NodeLossOptions(field.equals("nodes") ? n : nodes, field.equals("bots") ? n : bots,
        field.equals("roomSize") ? n : roomSize, rampS, playS,
        field.equals("inputHz") ? n : inputHz, field.equals("tickHz") ? n : tickHz,
        field.equals("checkpointMs") ? n : checkpointMs,
        field.equals("resumeDeadlineMs") ? n : resumeDeadlineMs,
        field.equals("botThreads") ? n : botThreads, field.equals("heapMb") ? n : heapMb, seed,
        reportDir);
  }

  private NodeLossOptions withSeconds(String v, String field) {
    double s;
    try {
      s = Double.parseDouble(v.endsWith("s") ? v.substring(0, v.length() - 1) : v);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(field + ": not a number of seconds: " + v);
    }
    if (!(s >= 0 && s <= 3600)) {
      throw new IllegalArgumentException(field + " must be 0..3600 s: " + v);
    }
    return new NodeLossOptions(nodes, bots, roomSize, field.equals("rampS") ? s : rampS,
        field.equals("playS") ? s : playS, inputHz, tickHz, checkpointMs, resumeDeadlineMs,
        botThreads, heapMb, seed, reportDir);
  }
}
