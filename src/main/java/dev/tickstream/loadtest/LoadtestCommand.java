package dev.tickstream.loadtest;

import dev.tickstream.loadtest.cost.CostCommand;
import io.vertx.core.json.JsonObject;
import java.util.Locale;

/**
 * {@code tickstream.jar loadtest}: bots against a server (by default one it starts on this
 * machine), a live line a second, a report in {@code loadtest/reports/<timestamp>/}, and an
 * exit status that gates CI: 0 when the SLO held, 1 when it did not, 2 for bad usage.
 */
public final class LoadtestCommand {
  private LoadtestCommand() {}

  /**
   * Runs the command and returns the process exit status; {@code inProcess} starts the node of
   * a {@code --in-process} run.
   */
  public static int run(String[] args, InProcessServer inProcess) throws Exception {
    if (args.length > 0 && args[0].equals("nodeloss")) {
      return NodeLossCommand.run(java.util.Arrays.copyOfRange(args, 1, args.length));
    }
    if (args.length > 0 && args[0].equals("cost")) {
      return CostCommand.run(java.util.Arrays.copyOfRange(args, 1, args.length),
          new CostBotDriver());
    }
    for (String a : args) {
      if (a.equals("--help") || a.equals("-h")) {
        System.out.print(LoadtestOptions.USAGE);
        return 0;
      }
    }
    LoadtestOptions o;
    try {
      o = LoadtestOptions.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.print("loadtest: " + e.getMessage() + "\n" + LoadtestOptions.USAGE);
      return 2;
    }
    LoadRun.Result r = new LoadRun(o, Progress.console(), inProcess).run();
    System.out.println(summary(r.report()));
    System.out.println("report: " + r.dir().resolve("report.html").toAbsolutePath());
    return r.pass() ? 0 : 1;
  }

  /** The verdict in a few lines, for the terminal and CI logs. */
  static String summary(JsonObject r) {
    JsonObject lat = r.getJsonObject("latency_ms");
    JsonObject tick = r.getJsonObject("server_tick_ms");
    StringBuilder s = new StringBuilder();
    if (r.getJsonObject("capacity") != null) {
      JsonObject c = r.getJsonObject("capacity");
      s.append(String.format(Locale.ROOT, "capacity: %s bots held within the SLO%s%n",
          c.getValue("last_passing_bots") == null ? "no" : c.getValue("last_passing_bots"),
          c.getBoolean("limit_reached") ? " (" + c.getValue("first_failing_bots")
              + " missed it)" : " (the search's last step still met it)"));
    }
    s.append(String.format(Locale.ROOT,
        "%s: %d/%d bots, %.0f s at %d Hz | latency p50 %s p95 %s p99 %s max %s ms"
            + " (limit %s) | %.2f kB/s/bot | server tick p50 %s p99 %s ms"
            + " | CPU server %s%% bots %s%% machine %s%% of %d%% | disconnects %d errors %d",
        r.getBoolean("slo_pass") ? "SLO met" : "SLO missed", r.getInteger("bots_connected"),
        r.getInteger("bots_target"), r.getDouble("duration_s"), r.getInteger("tick_hz"),
        lat.getValue("p50"), lat.getValue("p95"), lat.getValue("p99"), lat.getValue("max"),
        r.getJsonObject("slo").getValue("latency_p99_ms"),
        r.getDouble("bytes_per_bot_per_s") == null ? 0 : r.getDouble("bytes_per_bot_per_s") / 1000,
        tick == null ? "-" : tick.getValue("p50"), tick == null ? "-" : tick.getValue("p99"),
        r.getValue("server_cpu_pct"), r.getValue("bots_cpu_pct"), r.getValue("machine_cpu_pct"),
        r.getJsonObject("machine").getInteger("cores") * 100, r.getLong("disconnects"),
        r.getLong("errors")));
    if (r.getString("last_error") != null) {
      s.append(System.lineSeparator()).append("last error: ").append(r.getString("last_error"));
    }
    return s.toString();
  }
}
