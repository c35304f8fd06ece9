package dev.tickstream.loadtest.cost;

import io.vertx.core.json.JsonObject;
import java.util.Locale;

/**
 * {@code tickstream.jar loadtest cost}: server CPU per player per tick of Tickstream's
 * variants against the frame-I/O floor, in one run on one machine ({@link CostRun}). Exit
 * status 0 when every variant ran, 1 when one failed to run, 2 for bad usage.
 */
public final class CostCommand {
  private CostCommand() {}

  /** Runs the command; {@code bots} plays the Tickstream variants' players in this JVM. */
  public static int run(String[] args, BotDriver bots) throws Exception {
    for (String a : args) {
      if (a.equals("--help") || a.equals("-h")) {
        System.out.print(CostOptions.USAGE);
        return 0;
      }
    }
    CostOptions o;
    try {
      o = CostOptions.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.print("loadtest cost: " + e.getMessage() + "\n" + CostOptions.USAGE);
      return 2;
    }
    CostRun.Result r = new CostRun(o, bots, System.out).run();
    System.out.print(summary(r.report()));
    System.out.println("report: " + r.dir().resolve("cost.html").toAbsolutePath());
    return r.allRan() ? 0 : 1;
  }

  /** The medians table and the ratios, a line each. */
  static String summary(JsonObject r) {
    StringBuilder s = new StringBuilder(String.format(Locale.ROOT,
        "%nplayers per core (%s; medians over %s rounds):%n",
        r.getJsonObject("machine").getBoolean("pinned") ? "servers on core 0, players on the"
            + " others" : "not pinned", r.getJsonObject("options").getValue("rounds")));
    JsonObject v = r.getJsonObject("variants");
    for (String name : v.fieldNames()) {
      JsonObject x = v.getJsonObject(name);
      s.append(String.format(Locale.ROOT, "  %-17s %s%n", name, x.getInteger("players") == 0
          ? "idle: " + CostHtml.num(x.getValue("server_cpu_pct_per_node")) + "% of a core per"
              + " node" + failed(x)
          : CostHtml.num(x.getValue("us_per_player_per_tick")) + " us/player/tick, server "
              + CostHtml.num(x.getValue("server_cpu_pct")) + "%, players' side "
              + CostHtml.num(x.getValue("bots_cpu_pct")) + "%, limit "
              + x.getString("limit", "-") + (x.getValue("slo_pass") == null ? ""
              : x.getBoolean("slo_pass") ? ", SLO met" : ", SLO missed") + failed(x)));
    }
    s.append("  ratios: ").append(r.getJsonObject("ratios").encode()).append('\n');
    return s.toString();
  }

  private static String failed(JsonObject x) {
    return x.getInteger("runs_failed") > 0 ? " (" + x.getInteger("runs_failed")
        + " runs FAILED)" : "";
  }
}
