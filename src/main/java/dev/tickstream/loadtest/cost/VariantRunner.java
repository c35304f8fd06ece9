package dev.tickstream.loadtest.cost;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * One run of one variant: starts its servers, plays its players, reads the CPU of both sides
 * over the measured window only, stops everything, and returns the run's figures (or its
 * error). Runs on the calling thread (a pair's second bot run on one more).
 */
final class VariantRunner {
  private final CostOptions o;
  private final Pinning pinning;
  private final BotDriver bots;
  private final Path dir;
  private final PrintStream out;

  VariantRunner(CostOptions o, Pinning pinning, BotDriver bots, Path dir, PrintStream out) {
    this.o = o;
    this.pinning = pinning;
    this.bots = bots;
    this.dir = dir;
    this.out = out;
  }

  /** The run's figures; {@code error} set (and the figures absent) when it failed to run. */
  JsonObject run(String variant, int round) {
    String base = variant.replaceFirst("^baseline-", "");
    Path jar = variant.startsWith("baseline-") ? o.baselineJar() : o.jar();
    String label = variant + "-r" + round;
    int players = o.playersOf(variant);
    double warmup = o.warmupOf(variant);
    JsonObject r = new JsonObject().put("variant", variant).put("round", round)
        .put("players", players).put("jar", jar == null ? "this build" : jar.toString());
    out.printf(Locale.ROOT, "== %s, round %d: %s%n", variant, round, describe(base, players));
    try {
      if (CostOptions.NODE.contains(base)) {
        NodeBots.requireInstalled(o.nodeDir(), base); // before any server starts
      }
    } catch (IllegalStateException e) {
      return failed(r, variant, round, e);
    }
    try (Servers s = new Servers(o, pinning, dir.resolve("logs"), label)) {
      Meter m = switch (base) {
        case "floor" -> floor(s, players, label, r);
        case "ws-tick", "ws", "wss" -> {
          List<Integer> ports = s.startNodes(jar, 1, base.equals("wss"), false);
          String url = base.equals("wss") ? "https://localhost:" + s.tlsPort()
              : "http://127.0.0.1:" + ports.get(0);
          yield play(s, List.of(url), List.of(players), base.equals("ws-tick"), warmup, label,
              r);
        }
        case "plain-pair" -> {
          List<Integer> ports = s.startNodes(jar, 2, false, false);
          yield play(s, List.of("http://127.0.0.1:" + ports.get(0),
                  "http://127.0.0.1:" + ports.get(1)),
              List.of(players / 2, players - players / 2), false, warmup, label, r);
        }
        case "cluster-pair" -> {
          List<Integer> ports = s.startNodes(jar, 2, false, true);
          // Matchmade through node A: the cluster places rooms on both nodes.
          yield play(s, List.of("http://127.0.0.1:" + ports.get(0)), List.of(players), false,
              warmup, label, r);
        }
        case "colyseus" -> {
          int port = s.startColyseus(o.nodeDir());
          yield NodeBots.play(o, pinning, s, "colyseus", "ws://127.0.0.1:" + port, players, dir,
              label, r, out);
        }
        case "node-ws" -> {
          List<Integer> ports = s.startNodes(jar, 1, false, false);
          yield NodeBots.play(o, pinning, s, "tickstream", "http://127.0.0.1:" + ports.get(0),
              players, dir, label, r, out);
        }
        case "idle-plain" -> {
          s.startNodes(jar, 1, false, false);
          yield idle(s, warmup, label);
        }
        case "idle-cluster" -> {
          s.startNodes(jar, 2, false, true);
          yield idle(s, warmup, label);
        }
        case "idle-hazelcast" -> {
          s.startIdleMembers(2);
          yield idle(s, warmup, label);
        }
        default -> throw new IllegalArgumentException("unknown variant " + variant);
      };
      if (!m.done()) {
        throw new IllegalStateException("the measured window never opened and closed");
      }
      if (!s.allAlive()) {
        throw new IllegalStateException("a server exited during the run; see logs/" + label
            + "-*.log");
      }
      figures(r, m, players, s.pids().size());
    } catch (Exception e) {
      return failed(r, variant, round, e);
    }
    out.println("   " + CostHtml.line(r));
    return r;
  }

  private JsonObject failed(JsonObject r, String variant, int round, Exception e) {
    r.put("error", e.getClass().getSimpleName() + ": " + e.getMessage());
    out.println("   " + variant + " round " + round + " FAILED: " + r.getString("error"));
    return r;
  }

  private static String describe(String base, int players) {
    return switch (base) {
      case "floor" -> players + " bare Vert.x WebSocket clients against a bare Vert.x server";
      case "ws-tick" -> players + " bots, one node, ws, an input every tick";
      case "ws" -> players + " bots, one node, ws, on-change inputs";
      case "wss" -> players + " bots, one node, wss";
      case "plain-pair" -> players + " bots, half on each of two plain nodes";
      case "cluster-pair" -> players + " bots matchmade through node A of a two-node cluster";
      case "idle-plain" -> "one node, no players";
      case "idle-hazelcast" -> "two clustered Vert.x members with a node's Hazelcast settings,"
          + " no node";
      case "colyseus" -> players + " Node bots (@colyseus/sdk), a Colyseus 0.18 arena, rooms of"
          + " 16, an input every tick";
      case "node-ws" -> players + " Node bots (the same), one node, ws, an input every tick";
      default -> "a two-node cluster, no players";
    };
  }

  /** CPU, per-player and limit figures of a finished window into {@code r}. */
  private void figures(JsonObject r, Meter m, int players, int servers) {
    double window = m.windowS();
    double serverPct = CostFigures.pctOfCore(m.serverCpuS(), window);
    double botsPct = CostFigures.pctOfCore(m.botsCpuS(), window);
    r.put("window_s", CostFigures.round(window, 2))
        .put("server_processes", servers)
        .put("server_cpu_s", CostFigures.round(m.serverCpuS(), 3))
        .put("server_cpu_pct", CostFigures.round(serverPct, 1))
        .put("bots_cpu_pct", CostFigures.round(botsPct, 1))
        .put("us_per_player_per_tick", CostFigures.round(
            CostFigures.usPerPlayerPerTick(m.serverCpuS(), players, o.tickHz(), window), 3));
    if (players == 0) {
      // Idle: one node's share (the cluster has two).
      r.put("server_cpu_pct_per_node", CostFigures.round(serverPct / servers, 2));
      return;
    }
    r.put("limit", CostFigures.limit(serverPct, pinning.serverCores(), botsPct,
        pinning.botCores()));
  }

  /** The floor: bare server child, bare clients here. */
  private Meter floor(Servers s, int n, String label, JsonObject r) throws Exception {
    int port = s.startFloor();
    s.awaitFloor(port);
    Meter m = new Meter(s.pids(), 1);
    try (FloorClients c = new FloorClients(n)) {
      c.connect(port, n, o.rampS(), o.tickHz());
      long settle = System.nanoTime() + 10_000_000_000L;
      while (c.connected() + c.errors() < n && System.nanoTime() - settle < 0) {
        Thread.sleep(100);
      }
      Live live = new Live(label, s.pids());
      for (int i = 0; i < Math.ceil(o.warmupS()); i++) {
        live.second(c, false);
      }
      long in0 = c.framesIn();
      long bytes0 = c.bytesIn();
      long out0 = c.framesOut();
      m.begin();
      long end = System.nanoTime() + (long) (o.durationS() * 1e9);
      while (System.nanoTime() - end < 0) {
        live.second(c, true, Math.min(1_000_000_000L, end - System.nanoTime()));
      }
      m.end();
      double w = m.windowS();
      long in = c.framesIn() - in0;
      r.put("clients_connected", c.connected()).put("connect_errors", c.errors())
          .put("frames_received", in).put("frames_sent", c.framesOut() - out0)
          .put("frames_received_per_client_per_s", CostFigures.round(in / w / n, 2))
          .put("bytes_per_client_per_s", CostFigures.round((c.bytesIn() - bytes0) / w / n, 1));
      if (c.connected() < n) {
        throw new IllegalStateException("only " + c.connected() + " of " + n
            + " floor clients connected (" + c.errors() + " errors)");
      }
    }
    return m;
  }

  /**
   * The bots against {@code urls}, {@code counts} each, concurrently; the window is the one all
   * runs share. The loadtest reports' latency, bytes and SLO go into {@code r}.
   */
  private Meter play(Servers s, List<String> urls, List<Integer> counts, boolean perTick,
      double warmupS, String label, JsonObject r) throws Exception {
    Meter m = new Meter(s.pids(), urls.size());
    ExecutorService pool = Executors.newFixedThreadPool(urls.size(), t -> {
      Thread th = new Thread(t, "cost-bots");
      th.setDaemon(true);
      return th;
    });
    List<JsonObject> reports = new ArrayList<>();
    JsonArray rooms = new JsonArray();
    try {
      List<Future<JsonObject>> fs = new ArrayList<>();
      for (int i = 0; i < urls.size(); i++) {
        List<String> args = new ArrayList<>(List.of("--url", urls.get(i),
            "--bots", String.valueOf(counts.get(i)), "--ramp", String.valueOf(o.rampS()),
            "--warmup", String.valueOf(warmupS), "--duration", String.valueOf(o.durationS()),
            "--tick-hz", String.valueOf(o.tickHz()), "--input-hz", String.valueOf(o.tickHz()),
            "--seed", String.valueOf(1 + i), "--report-dir",
            dir.resolve("bots").resolve(label + (urls.size() > 1 ? "-" + (char) ('a' + i) : ""))
                .toString()));
        if (perTick) {
          args.addAll(List.of("--inputs", "per-tick"));
        }
        if (s.trustPem() != null) {
          args.addAll(List.of("--trust", s.trustPem()));
        }
        String tag = "[" + label + (urls.size() > 1 ? " " + (char) ('a' + i) : "") + "]";
        fs.add(pool.submit(() -> bots.run(args, tag, m::begin, () -> {
          m.end();
          // Where the rooms were while measured (a pair's spread), read as the window closes.
          synchronized (rooms) {
            if (rooms.isEmpty() && s.pids().size() > 1) {
              rooms.addAll(s.roomsPerNode());
            }
          }
        })));
      }
      // Bounded: ramp, settle (at most max(5 s, ramp)), warm-up, window, and slack.
      long limitS = (long) (2 * o.rampS() + warmupS + o.durationS()) + 120;
      for (Future<JsonObject> f : fs) {
        reports.add(f.get(limitS, TimeUnit.SECONDS));
      }
    } finally {
      pool.shutdownNow();
    }
    BotFigures.merge(reports, r);
    if (!rooms.isEmpty()) {
      r.put("nodes", rooms);
    }
    return m;
  }

  /** No players: the servers' own CPU over a window after the warm-up. */
  private Meter idle(Servers s, double warmupS, String label) throws Exception {
    Meter m = new Meter(s.pids(), 1);
    Live live = new Live(label, s.pids());
    for (int i = 0; i < Math.ceil(warmupS); i++) {
      live.second(null, false);
    }
    m.begin();
    long end = System.nanoTime() + (long) (o.durationS() * 1e9);
    while (System.nanoTime() - end < 0) {
      live.second(null, true, Math.min(1_000_000_000L, end - System.nanoTime()));
    }
    m.end();
    return m;
  }

  /** The live line of the floor and idle variants: one a second. */
  private final class Live {
    private final String label;
    private final List<Long> pids;
    private Meter.Snap last;
    private long lastIn;
    private final long t0 = System.nanoTime();

    Live(String label, List<Long> pids) {
      this.label = label;
      this.pids = pids;
      this.last = Meter.take(pids);
    }

    void second(FloorClients c, boolean measuring) throws InterruptedException {
      second(c, measuring, 1_000_000_000L);
    }

    void second(FloorClients c, boolean measuring, long nanos) throws InterruptedException {
      TimeUnit.NANOSECONDS.sleep(Math.max(0, nanos));
      Meter.Snap now = Meter.take(pids);
      double dt = Math.max(1e-9, (now.wallNanos() - last.wallNanos()) / 1e9);
      String clients = "";
      if (c != null) {
        long in = c.framesIn();
        clients = String.format(Locale.ROOT, " | clients %d (errors %d) | frames in %.0f/s",
            c.connected(), c.errors(), (in - lastIn) / dt);
        lastIn = in;
      }
      out.printf(Locale.ROOT, "[%s] [%5.0fs]%s | cpu srv %.0f%% players %.0f%%%s%n", label,
          (now.wallNanos() - t0) / 1e9, clients,
          100.0 * (now.serverTicks() - last.serverTicks()) / Meter.CLK_TCK / dt,
          (now.selfNanos() - last.selfNanos()) / 1e7 / dt, measuring ? " | measuring" : "");
      last = now;
    }
  }
}
