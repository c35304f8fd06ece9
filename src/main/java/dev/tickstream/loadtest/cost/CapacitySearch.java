package dev.tickstream.loadtest.cost;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code --capacity}: the load tester's capacity search ({@code loadtest --capacity}) against
 * one node pinned like the variants' (one server core), for this build and the baseline's:
 * the players held within the SLO on one core.
 */
final class CapacitySearch {
  private final CostOptions o;
  private final Pinning pin;
  private final BotDriver bots;
  private final Path dir;
  private final PrintStream out;

  CapacitySearch(CostOptions o, Pinning pin, BotDriver bots, Path dir, PrintStream out) {
    this.o = o;
    this.pin = pin;
    this.bots = bots;
    this.dir = dir;
    this.out = out;
  }

  JsonArray run() {
    JsonArray all = new JsonArray();
    List<Path> jars = new ArrayList<>();
    jars.add(o.jar());
    if (o.baselineJar() != null) {
      jars.add(o.baselineJar());
    }
    for (int i = 0; i < jars.size(); i++) {
      String label = i == 0 ? "capacity" : "capacity-baseline";
      Path jar = jars.get(i);
      JsonObject c = new JsonObject().put("label", label)
          .put("jar", jar == null ? "this build" : jar.toString());
      out.println("== " + label + ": capacity search on one pinned node");
      try (Servers s = new Servers(o, pin, dir.resolve("logs"), label)) {
        int port = s.startNodes(jar, 1, false, false).get(0);
        List<String> args = List.of("--url", "http://127.0.0.1:" + port, "--capacity",
            "--start", String.valueOf(o.capacityStart()),
            "--step", String.valueOf(o.capacityStep()),
            "--max-steps", String.valueOf(o.capacityMaxSteps()),
            "--ramp", String.valueOf(o.rampS()), "--warmup", String.valueOf(o.warmupS()),
            "--duration", String.valueOf(o.durationS()),
            "--tick-hz", String.valueOf(o.tickHz()), "--input-hz", String.valueOf(o.tickHz()),
            "--report-dir", dir.resolve("bots").resolve(label).toString());
        JsonObject rep = bots.run(args, "[" + label + "]", () -> { }, () -> { });
        JsonObject cap = rep.getJsonObject("capacity", new JsonObject());
        c.put("last_passing_players", cap.getValue("last_passing_bots"))
            .put("first_failing_players", cap.getValue("first_failing_bots"))
            .put("limit_reached", cap.getValue("limit_reached"))
            .put("steps", cap.getJsonArray("steps"));
      } catch (Exception e) {
        c.put("error", e.getClass().getSimpleName() + ": " + e.getMessage());
      }
      out.println("   " + label + ": " + (c.getString("error") != null ? "FAILED: "
          + c.getString("error") : c.getValue("last_passing_players")
          + " players held within the SLO on one core"));
      all.add(c);
    }
    return all;
  }
}
