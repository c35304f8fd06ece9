package dev.tickstream.loadtest.cost;

import static dev.tickstream.config.CommandArgs.integer;
import static dev.tickstream.config.CommandArgs.seconds;
import static dev.tickstream.config.CommandArgs.value;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What a cost run is told. Durations are seconds.
 *
 * @param bots players of the single-node variants (floor, ws-tick, ws, wss)
 * @param pairBots players of the two pairs, in total (half per node for the plain pair)
 * @param variants the variants to run, in the order of a round
 * @param jar the Tickstream jar of the server children; null: this JVM's class path
 * @param baselineJar an older build's jar: ws-tick and ws run against it too; null: none
 * @param pin pin servers to core 0 and the bots to the others where taskset allows
 * @param settleS unmeasured seconds added to the warm-up of the pairs and the idle variants
 * @param nodeBots players of the Node-bot variants (colyseus, node-ws)
 * @param nodeDir the Node package of those variants (server and bots, {@code npm ci} there)
 */
record CostOptions(int bots, int pairBots, double durationS, double rampS,
    double warmupS, double settleS, int rounds, List<String> variants, int tickHz, Path jar,
    Path baselineJar, boolean capacity, int capacityStart, int capacityStep,
    int capacityMaxSteps, Path reportDir, boolean pin, int nodeBots, Path nodeDir) {

  /** Every variant, in the order a round runs them. */
  static final List<String> ALL = List.of("floor", "ws-tick", "ws", "wss", "plain-pair",
      "cluster-pair", "idle-plain", "idle-cluster", "idle-hazelcast", "colyseus", "node-ws");

  /**
   * The variants that get {@code settleS} more warm-up: a clustered JVM compiles Hazelcast's
   * paths (heartbeats, map operations) for minutes after it starts, which is a start-up cost,
   * not what a clustered node costs to run; the plain pair and the idle node get the same
   * time, so each ratio compares like with like.
   */
  static final Set<String> SETTLED = Set.of("plain-pair", "cluster-pair", "idle-plain",
      "idle-cluster", "idle-hazelcast");

  /** The variants whose players are the Node bots of {@code loadtest/colyseus}. */
  static final Set<String> NODE = Set.of("colyseus", "node-ws");

  /** The variants that also run against the baseline jar (as {@code baseline-<name>}). */
  static final Set<String> WITH_BASELINE = Set.of("ws-tick", "ws");

  static final String USAGE = """
      usage: java -jar tickstream.jar loadtest cost [options]
      Server CPU per player per tick of Tickstream against a bare Vert.x WebSocket server
      (the frame-I/O floor) and against Colyseus, each server a child process on core 0, the
      bots in this JVM (or, for colyseus and node-ws, in Node) on the other cores (where
      taskset exists and there are 2+ cores).
        --bots N             players of floor, ws-tick, ws and wss (default 1000)
        --pair-bots N        players of plain-pair and cluster-pair in total (default 600)
        --duration S         measured seconds per variant (default 30)
        --ramp S             seconds over which the players connect (default 15)
        --warmup S           seconds played unmeasured after the ramp (default 10)
        --settle S           more unmeasured seconds for the pairs and the idle variants,
                             past a clustered JVM's start-up (default 60)
        --rounds R           rounds; each runs every variant, in a rotated order (default 2)
        --variants a,b,...   of floor, ws-tick, ws, wss, plain-pair, cluster-pair, idle-plain,
                             idle-cluster, idle-hazelcast, colyseus, node-ws (default all);
                             idle-hazelcast is two JVMs holding only a clustered Vert.x with a
                             node's Hazelcast settings: the clustering library's own idle cost
        --node-bots N        players of colyseus (a Colyseus 0.18 arena) and node-ws (one
                             node), both played by the same Node bots (default 256)
        --node-dir DIR       their Node package, npm ci done (default loadtest/colyseus)
        --tick-hz N          tick rate of the nodes, the floor and the inputs (default 20)
        --jar PATH           Tickstream jar of the servers (default: this one)
        --baseline-jar PATH  also run ws-tick and ws against this older build's jar
                             (reported as baseline-ws-tick, baseline-ws)
        --capacity           after the rounds, a capacity search on one pinned node (and on
                             the baseline jar's): players held within the SLO on one core,
                             from --capacity-start N (200), --capacity-step N (200) more each
                             step, at most --capacity-max-steps N (10)
        --no-pin             run without taskset even where it exists
        --report-dir DIR     where cost-<UTC time>/ goes (default loadtest/reports)
      Exit status: 0 every variant ran, 1 one failed to run, 2 bad usage.
      """;

  static CostOptions parse(String... args) {
    int bots = 1000;
    int pairBots = 600;
    double duration = 30;
    double ramp = 15;
    double warmup = 10;
    double settle = 60;
    int rounds = 2;
    List<String> variants = ALL;
    int tickHz = 20;
    Path jar = null;
    Path baseline = null;
    boolean capacity = false;
    int capStart = 200;
    int capStep = 200;
    int capSteps = 10;
    Path reportDir = Path.of("loadtest", "reports");
    boolean pin = true;
    int nodeBots = 256;
    Path nodeDir = Path.of("loadtest", "colyseus");
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      switch (a) {
        case "--bots" -> bots = integer(args, ++i, a, 1, 100_000);
        case "--pair-bots" -> pairBots = integer(args, ++i, a, 2, 100_000);
        case "--duration" -> duration = seconds(args, ++i, a, 1, 3600);
        case "--ramp" -> ramp = seconds(args, ++i, a, 0, 3600);
        case "--warmup" -> warmup = seconds(args, ++i, a, 0, 3600);
        case "--settle" -> settle = seconds(args, ++i, a, 0, 3600);
        case "--rounds" -> rounds = integer(args, ++i, a, 1, 20);
        case "--variants" -> variants = variants(value(args, ++i, a));
        case "--tick-hz" -> tickHz = integer(args, ++i, a, 10, 60);
        case "--jar" -> jar = file(args, ++i, a);
        case "--baseline-jar" -> baseline = file(args, ++i, a);
        case "--capacity" -> capacity = true;
        case "--capacity-start" -> capStart = integer(args, ++i, a, 1, 100_000);
        case "--capacity-step" -> capStep = integer(args, ++i, a, 1, 100_000);
        case "--capacity-max-steps" -> capSteps = integer(args, ++i, a, 1, 50);
        case "--no-pin" -> pin = false;
        case "--report-dir" -> reportDir = Path.of(value(args, ++i, a));
        case "--node-bots" -> nodeBots = integer(args, ++i, a, 1, 100_000);
        case "--node-dir" -> nodeDir = Path.of(value(args, ++i, a));
        default -> throw new IllegalArgumentException("unknown option " + a);
      }
    }
    return new CostOptions(bots, pairBots, duration, ramp, warmup, settle, rounds, variants,
        tickHz, jar, baseline, capacity, capStart, capStep, capSteps, reportDir, pin, nodeBots,
        nodeDir);
  }

  /** The runs of one round: the variants, plus the baseline's where a baseline jar is given. */
  List<String> roundVariants() {
    List<String> out = new ArrayList<>();
    for (String v : variants) {
      out.add(v);
      if (baselineJar != null && WITH_BASELINE.contains(v)) {
        out.add("baseline-" + v);
      }
    }
    return out;
  }

  /** Unmeasured seconds of a variant after its ramp: the warm-up, and the settle where due. */
  double warmupOf(String variant) {
    return warmupS + (SETTLED.contains(variant.replaceFirst("^baseline-", "")) ? settleS : 0);
  }

  /** Players of a variant (0: an idle one). */
  int playersOf(String variant) {
    String v = variant.replaceFirst("^baseline-", "");
    return switch (v) {
      case "plain-pair", "cluster-pair" -> pairBots;
      case "idle-plain", "idle-cluster", "idle-hazelcast" -> 0;
      case "colyseus", "node-ws" -> nodeBots;
      default -> bots;
    };
  }

  static List<String> variants(String spec) {
    Set<String> out = new LinkedHashSet<>();
    for (String v : spec.split(",")) {
      String t = v.trim();
      if (t.isEmpty()) {
        continue;
      }
      if (!ALL.contains(t)) {
        throw new IllegalArgumentException("unknown variant " + t + "; the variants are "
            + String.join(",", ALL));
      }
      out.add(t);
    }
    if (out.isEmpty()) {
      throw new IllegalArgumentException("--variants names none");
    }
    return List.copyOf(out);
  }

  private static Path file(String[] args, int i, String option) {
    Path p = Path.of(value(args, i, option));
    if (!p.toFile().isFile()) {
      throw new IllegalArgumentException(option + ": no such file: " + p);
    }
    return p;
  }
}
