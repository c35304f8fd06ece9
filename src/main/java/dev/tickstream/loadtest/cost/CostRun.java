package dev.tickstream.loadtest.cost;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A whole cost run: pins the processes, runs every variant once per round (each round in a
 * rotated order, so a busy spell of a shared machine lands on different variants), then the
 * optional capacity search, and writes {@code cost.json} and {@code cost.html} with the medians
 * over rounds, every run, and the ratios. Runs on the calling thread.
 */
final class CostRun {
  /** Hard stop of a whole run whatever the options ask: no run may hang a job forever. */
  static final long MAX_RUN_SECONDS = 6 * 3600;

  record Result(JsonObject report, Path dir, boolean allRan) {}

  private final CostOptions o;
  private final BotDriver bots;
  private final PrintStream out;

  CostRun(CostOptions o, BotDriver bots, PrintStream out) {
    this.o = o;
    this.bots = bots;
    this.out = out;
  }

  Result run() throws Exception {
    Instant t0 = Instant.now();
    Path dir = o.reportDir().resolve("cost-" + DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss'Z'")
        .withZone(ZoneOffset.UTC).format(t0));
    Files.createDirectories(dir);
    double load0 = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    Pinning pin = Pinning.start(o.pin());
    out.println("loadtest cost: " + (pin.on() ? "pinned, " : "not pinned, ") + pin.why()
        + "; report in " + dir.toAbsolutePath());
    JsonArray runs = new JsonArray();
    JsonArray capacity = null;
    try {
      VariantRunner runner = new VariantRunner(o, pin, bots, dir, out);
      List<String> order = o.roundVariants();
      long deadline = System.nanoTime() + MAX_RUN_SECONDS * 1_000_000_000L;
      for (int round = 1; round <= o.rounds() && System.nanoTime() - deadline < 0; round++) {
        for (String v : rotate(order, round - 1)) {
          runs.add(runner.run(v, round));
        }
      }
      if (o.capacity()) {
        capacity = new CapacitySearch(o, pin, bots, dir, out).run();
      }
    } finally {
      pin.restore();
    }
    JsonObject report = build(runs, capacity, pin, load0, t0);
    Files.writeString(dir.resolve("cost.json"), report.encodePrettily());
    Files.writeString(dir.resolve("cost.html"), CostHtml.page(report));
    boolean allRan = report.getBoolean("all_ran");
    return new Result(report, dir, allRan);
  }

  /** {@code list} rotated left by {@code by}. */
  static List<String> rotate(List<String> list, int by) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < list.size(); i++) {
      out.add(list.get((i + by) % list.size()));
    }
    return out;
  }

  private JsonObject build(JsonArray runs, JsonArray capacity, Pinning pin, double load0,
      Instant t0) {
    JsonObject variants = new JsonObject();
    Map<String, Double> us = new LinkedHashMap<>();
    Map<String, Double> idle = new LinkedHashMap<>();
    boolean allRan = true;
    for (String v : o.roundVariants()) {
      JsonArray mine = new JsonArray();
      int failed = 0;
      for (int i = 0; i < runs.size(); i++) {
        JsonObject r = runs.getJsonObject(i);
        if (r.getString("variant").equals(v)) {
          if (r.getString("error") != null) {
            failed++;
          } else {
            mine.add(r);
          }
        }
      }
      allRan &= failed == 0;
      JsonObject s = summary(v, mine, pin).put("runs_failed", failed);
      variants.put(v, s);
      if (s.getDouble("us_per_player_per_tick") != null) {
        us.put(v, s.getDouble("us_per_player_per_tick"));
      }
      if (s.getDouble("server_cpu_pct_per_node") != null) {
        idle.put(v, s.getDouble("server_cpu_pct_per_node"));
      }
    }
    return new JsonObject()
        .put("command", "loadtest cost")
        .put("started_at", t0.toString())
        .put("finished_at", Instant.now().toString())
        .put("all_ran", allRan)
        .put("options", new JsonObject().put("bots", o.bots()).put("pair_bots", o.pairBots())
            .put("node_bots", o.nodeBots())
            .put("duration_s", o.durationS()).put("ramp_s", o.rampS())
            .put("warmup_s", o.warmupS()).put("settle_s", o.settleS()).put("rounds", o.rounds())
            .put("variants", new JsonArray(o.roundVariants())).put("tick_hz", o.tickHz())
            .put("jar", o.jar() == null ? "this build" : o.jar().toString())
            .put("baseline_jar", o.baselineJar() == null ? null : o.baselineJar().toString())
            .put("capacity", o.capacity()))
        .put("machine", new JsonObject().put("cores", pin.cores())
            .put("pinned", pin.on()).put("pinning", pin.why())
            .put("server_cores", pin.serverCores()).put("bot_cores", pin.botCores())
            .put("load_average_1m_before", CostFigures.round(load0, 2))
            .put("load_average_1m_after", CostFigures.round(
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(), 2))
            .put("java", System.getProperty("java.vm.name") + " "
                + System.getProperty("java.version")))
        .put("notes", "server CPU: utime+stime of every server process of the variant from"
            + " /proc over the measured window (after ramp and warm-up); us per player per tick"
            + " = cpu_s * 1e6 / (players * tick_hz * window_s); bots: this JVM's process CPU"
            + " (colyseus and node-ws: the Node bots' process) over the same window; percent of"
            + " one core; medians over rounds")
        .put("variants", variants)
        .put("ratios", CostFigures.ratios(us, idle))
        .put("ratio_targets", new JsonObject(new LinkedHashMap<>(CostFigures.TARGETS)))
        .put("capacity", capacity)
        .put("runs", runs);
  }

  /** Medians over a variant's successful runs, and the side that limited at the medians. */
  private JsonObject summary(String v, JsonArray mine, Pinning pin) {
    JsonObject s = new JsonObject().put("players", o.playersOf(v)).put("runs_ok", mine.size());
    for (String k : List.of("us_per_player_per_tick", "server_cpu_pct", "bots_cpu_pct",
        "server_cpu_pct_per_node", "latency_p50_ms", "latency_p99_ms",
        "bytes_per_client_per_s", "frames_received")) {
      Double m = CostFigures.median(CostFigures.values(mine, k));
      s.put(k, CostFigures.round(m, k.startsWith("us_") ? 3 : 2));
    }
    if (o.playersOf(v) > 0 && s.getDouble("server_cpu_pct") != null) {
      s.put("limit", CostFigures.limit(s.getDouble("server_cpu_pct"), pin.serverCores(),
          s.getDouble("bots_cpu_pct"), pin.botCores()));
    }
    if (mine.size() > 0 && mine.getJsonObject(0).containsKey("slo_pass")) {
      boolean pass = true;
      for (int i = 0; i < mine.size(); i++) {
        pass &= mine.getJsonObject(i).getBoolean("slo_pass", false);
      }
      s.put("slo_pass", pass);
    }
    return s;
  }
}
