package dev.tickstream.bench;

import dev.tickstream.loadtest.Samples;
import dev.tickstream.loadtest.ChildJvm;
import dev.tickstream.loadtest.Report;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;

/**
 * {@code bandwidth --world --scale 250,500,1000}: how bytes and server CPU grow with the world.
 * Each size runs as its own child JVM ({@code bandwidth --world --players N}), so no run
 * inherits another's heap, JIT or caches, and the sizes are interleaved over rounds so that a
 * noisy neighbour on a shared machine spreads over all of them; figures are medians of the
 * rounds' p50s. Writes {@code scaling.json} and {@code scaling.html} (charts) and prints the
 * JSON.
 */
final class BandwidthScaling {
  /** A child run that has not finished in this long is killed (a bound, not an estimate). */
  private static final long RUN_TIMEOUT_MIN = 30;

  private BandwidthScaling() {}

  static JsonObject run(int[] sizes, int rounds, List<String> childArgs, Path out)
      throws IOException, InterruptedException {
    List<List<JsonObject>> runs = new ArrayList<>();
    for (int i = 0; i < sizes.length; i++) {
      runs.add(new ArrayList<>());
    }
    for (int round = 1; round <= rounds; round++) {
      for (int i = 0; i < sizes.length; i++) {
        JsonObject r = child(sizes[i], childArgs);
        runs.get(i).add(r);
        System.err.printf(Locale.ROOT,
            "round %d/%d, %,d players: server CPU p50 %.2f ms/tick, %,.0f B/client/s,"
                + " %.0f in view%n", round, rounds, sizes[i], cpu(r), bytes(r), view(r));
      }
    }
    JsonArray series = new JsonArray();
    for (int i = 0; i < sizes.length; i++) {
      List<JsonObject> rs = runs.get(i);
      double cpu = median(rs, BandwidthScaling::cpu);
      double view = median(rs, BandwidthScaling::view);
      // Bytes the room wrote per tick: every client's mean rate over the tick rate.
      double bytesMean = median(rs, r -> stat(r, "bytes_per_client_per_s", "mean"));
      int tickHz = rs.get(0).getInteger("tick_hz");
      double bytesPerTick = sizes[i] * bytesMean / tickHz;
      series.add(new JsonObject().put("players", sizes[i])
          .put("server_cpu_ms_per_tick_p50", Samples.round(cpu))
          .put("server_cpu_ms_per_tick_p50_runs", new JsonArray(
              rs.stream().map(BandwidthScaling::cpu).toList()))
          .put("fanout_cpu_ms_per_tick_p50", Samples.round(
              median(rs, r -> stat(r, "fanout_cpu_ms_per_tick", "p50"))))
          .put("bytes_per_client_per_s_p50", Samples.round(median(rs, BandwidthScaling::bytes)))
          .put("bytes_per_client_per_s_mean", Samples.round(bytesMean))
          .put("tick_hz", tickHz)
          .put("entities_in_view_mean", Samples.round(view))
          .put("map_size", rs.get(0).getValue("map_size"))
          // What each client pays per entity it sees: flat if the cost follows the views.
          .put("cpu_ns_per_client_per_entity_in_view",
              Samples.round(cpu * 1e6 / sizes[i] / view))
          // What a byte delivered costs: flat if the cost follows what the clients receive.
          .put("cpu_ns_per_byte_sent", Samples.round(cpu * 1e6 / bytesPerTick)));
    }
    JsonObject first = series.getJsonObject(0);
    JsonObject last = series.getJsonObject(series.size() - 1);
    // The machine's noise comes in spells that slow a whole round: the ratio within each
    // round pairs runs that met the same spell, which the ratio of the medians does not.
    double[] byRound = new double[rounds];
    for (int r = 0; r < rounds; r++) {
      byRound[r] = cpu(runs.get(sizes.length - 1).get(r)) / cpu(runs.get(0).get(r));
    }
    JsonObject growth = new JsonObject()
        .put("from_players", sizes[0]).put("to_players", sizes[sizes.length - 1])
        .put("players", ratio(last, first, "players"))
        .put("server_cpu_per_tick", ratio(last, first, "server_cpu_ms_per_tick_p50"))
        .put("server_cpu_per_tick_by_round", new JsonArray(
            Arrays.stream(byRound).map(Samples::round).boxed().toList()))
        .put("server_cpu_per_tick_round_median", Samples.round(median(byRound)))
        .put("bytes_per_client_per_s", ratio(last, first, "bytes_per_client_per_s_p50"))
        .put("entities_in_view", ratio(last, first, "entities_in_view_mean"))
        .put("cpu_per_client_per_entity_in_view",
            ratio(last, first, "cpu_ns_per_client_per_entity_in_view"))
        .put("cpu_per_byte_sent", ratio(last, first, "cpu_ns_per_byte_sent"))
        .put("cpu_exponent", Samples.round(exponent(series)));
    JsonObject report = new JsonObject().put("mode", "world").put("rounds", rounds)
        .put("child_args", new JsonArray(childArgs)).put("series", series)
        .put("growth", growth).put("finished", Instant.now().toString())
        .put("load_average", Report.loadAverage());
    Files.createDirectories(out);
    Files.writeString(out.resolve("scaling.json"), report.encodePrettily());
    Files.writeString(out.resolve("scaling.html"), ScalingHtml.page(report));
    System.err.println("wrote " + out.resolve("scaling.html"));
    return report;
  }

  private static JsonObject child(int players, List<String> args)
      throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(List.of("bandwidth", "--world", "--players",
        Integer.toString(players)));
    cmd.addAll(args);
    Path err = Files.createTempFile("tickstream-bandwidth", ".log");
    Path json = Files.createTempFile("tickstream-bandwidth", ".json");
    Process p = new ProcessBuilder(ChildJvm.main(cmd)).redirectError(err.toFile())
        .redirectOutput(json.toFile()).start();
    if (!p.waitFor(RUN_TIMEOUT_MIN, TimeUnit.MINUTES)) {
      p.destroyForcibly();
      throw new IOException(players + " players: no result in " + RUN_TIMEOUT_MIN + " min");
    }
    if (p.exitValue() != 0) {
      throw new IOException(players + " players: exit " + p.exitValue() + ", see " + err);
    }
    String stdout = Files.readString(json, StandardCharsets.UTF_8);
    Files.deleteIfExists(err);
    Files.deleteIfExists(json);
    return new JsonObject(stdout);
  }

  /** One statistic ({@code p50}, {@code mean}) of one of a run's distributions. */
  private static double stat(JsonObject r, String key, String which) {
    return r.getJsonObject(key).getDouble(which);
  }

  private static double cpu(JsonObject r) {
    return stat(r, "server_cpu_ms_per_tick", "p50");
  }

  private static double bytes(JsonObject r) {
    return stat(r, "bytes_per_client_per_s", "p50");
  }

  private static double view(JsonObject r) {
    return stat(r, "entities_in_view", "mean");
  }

  private static double median(List<JsonObject> runs, ToDoubleFunction<JsonObject> figure) {
    return median(runs.stream().mapToDouble(figure).toArray());
  }

  static double median(double[] v) {
    double[] s = v.clone();
    Arrays.sort(s);
    int n = s.length;
    return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
  }

  private static double ratio(JsonObject a, JsonObject b, String key) {
    return Samples.round(a.getDouble(key) / b.getDouble(key));
  }

  /** Least-squares slope of log CPU over log players: 1 is linear growth, 2 quadratic. */
  static double exponent(JsonArray series) {
    int n = series.size();
    double sx = 0;
    double sy = 0;
    double sxx = 0;
    double sxy = 0;
    for (int i = 0; i < n; i++) {
      JsonObject s = series.getJsonObject(i);
      double x = Math.log(s.getInteger("players"));
      double y = Math.log(s.getDouble("server_cpu_ms_per_tick_p50"));
      sx += x;
      sy += y;
      sxx += x * x;
      sxy += x * y;
    }
    return (n * sxy - sx * sy) / (n * sxx - sx * sx);
  }
}
