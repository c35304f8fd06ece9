package dev.tickstream.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tickstream.loadtest.Samples;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The scaling report: its fit and medians on known figures, and one small real run. */
class BandwidthScalingTest {

  @Test
  void exponentIsTheLogLogSlope() {
    assertEquals(1.0, BandwidthScaling.exponent(series(100, 2.0, 200, 4.0, 400, 8.0)), 1e-9);
    assertEquals(2.0, BandwidthScaling.exponent(series(100, 1.0, 200, 4.0, 400, 16.0)), 1e-9);
    assertEquals(0.0, BandwidthScaling.exponent(series(250, 3.0, 1000, 3.0)), 1e-9);
    assertEquals(2.0, BandwidthScaling.median(new double[] {5, 1, 2}));
    assertEquals(2.5, BandwidthScaling.median(new double[] {4, 1, 2, 3}));
  }

  @Test
  void smallWorldsRunInChildJvmsAndReportTheirGrowth(@TempDir Path out) throws Exception {
    JsonObject r = BandwidthScaling.run(new int[] {20, 60}, 2,
        List.of("--ticks", "20", "--seed", "3"), out);
    JsonArray series = r.getJsonArray("series");
    assertEquals(2, series.size());
    for (int i = 0; i < 2; i++) {
      JsonObject s = series.getJsonObject(i);
      assertEquals(i == 0 ? 20 : 60, s.getInteger("players"));
      assertTrue(s.getDouble("server_cpu_ms_per_tick_p50") > 0, s.encode());
      assertTrue(s.getDouble("bytes_per_client_per_s_p50") > 0, s.encode());
      assertTrue(s.getDouble("entities_in_view_mean") > 1, s.encode());
      // The cost of a byte delivered: CPU per tick over what every client got in a tick.
      double bytesPerTick = s.getInteger("players") * s.getDouble("bytes_per_client_per_s_mean")
          / s.getInteger("tick_hz");
      assertEquals(Samples.round(s.getDouble("server_cpu_ms_per_tick_p50") * 1e6 / bytesPerTick),
          s.getDouble("cpu_ns_per_byte_sent"), 0.05 * s.getDouble("cpu_ns_per_byte_sent"));
    }
    JsonObject g = r.getJsonObject("growth");
    assertEquals(3.0, g.getDouble("players"));
    assertEquals(Samples.round(series.getJsonObject(1).getDouble("server_cpu_ms_per_tick_p50")
        / series.getJsonObject(0).getDouble("server_cpu_ms_per_tick_p50")),
        g.getDouble("server_cpu_per_tick"));
    // Within each round, the larger world's run over the smaller's; then their median.
    JsonArray byRound = g.getJsonArray("server_cpu_per_tick_by_round");
    assertEquals(2, byRound.size());
    double[] expected = new double[2];
    for (int round = 0; round < 2; round++) {
      expected[round] = series.getJsonObject(1).getJsonArray("server_cpu_ms_per_tick_p50_runs")
          .getDouble(round) / series.getJsonObject(0)
          .getJsonArray("server_cpu_ms_per_tick_p50_runs").getDouble(round);
      assertEquals(Samples.round(expected[round]), byRound.getDouble(round), 1e-9);
    }
    assertEquals(Samples.round((expected[0] + expected[1]) / 2),
        g.getDouble("server_cpu_per_tick_round_median"), 1e-9);
    assertEquals(Samples.round(series.getJsonObject(1).getDouble("cpu_ns_per_byte_sent")
        / series.getJsonObject(0).getDouble("cpu_ns_per_byte_sent")),
        g.getDouble("cpu_per_byte_sent"));
    assertEquals(new JsonObject(Files.readString(out.resolve("scaling.json"))), r);
    String html = Files.readString(out.resolve("scaling.html"));
    assertEquals(3, html.split("<svg").length - 1, "three charts");
    assertTrue(html.contains("<td>60</td>"), html);
  }

  @Test
  void worldsSideBySideTimeEachRoomApart() throws Exception {
    JsonObject r = new BandwidthRun(new BandwidthRun.Options(16, 20, true, 3, 1000, 2, 10, 64,
        true, new int[] {20, 60})).run();
    assertEquals("world-together", r.getString("mode"));
    JsonArray sizes = r.getJsonArray("sizes");
    assertEquals(2, sizes.size());
    for (int i = 0; i < 2; i++) {
      JsonObject s = sizes.getJsonObject(i);
      assertEquals(i == 0 ? 20 : 60, s.getInteger("players"));
      JsonObject cpu = s.getJsonObject("server_cpu_ms_per_tick");
      assertEquals(20, cpu.getInteger("count"), "one sample per timed tick");
      assertTrue(cpu.getDouble("p50") > 0, s.encode());
      // The fan-out is part of the room's tick, never more.
      assertTrue(s.getJsonObject("fanout_cpu_ms_per_tick").getDouble("p50")
          <= cpu.getDouble("p50"), s.encode());
      double view = s.getDouble("entities_in_view_mean");
      assertTrue(view > 1 && view <= 3 * s.getInteger("players"), s.encode());
      assertTrue(s.getDouble("bytes_per_client_per_s_mean") > 0, s.encode());
      double perEntity = cpu.getDouble("p50") * 1e6 / s.getInteger("players") / view;
      assertEquals(perEntity, s.getDouble("cpu_ns_per_client_per_entity_in_view"),
          0.02 * perEntity);
    }
    // The bigger world's map holds three times the players at the same density.
    assertEquals(Math.sqrt(3), sizes.getJsonObject(1).getInteger("map_size")
        / (double) sizes.getJsonObject(0).getInteger("map_size"), 0.02);
    JsonObject g = r.getJsonObject("growth");
    assertEquals(3.0, g.getDouble("players"));
    assertEquals(Samples.round(sizes.getJsonObject(1).getJsonObject("server_cpu_ms_per_tick")
        .getDouble("p50") / sizes.getJsonObject(0).getJsonObject("server_cpu_ms_per_tick")
        .getDouble("p50")), g.getDouble("server_cpu_per_tick"),
        0.02 * g.getDouble("server_cpu_per_tick"));
    assertEquals(sizes.getJsonObject(1).getDouble("entities_in_view_mean")
        / sizes.getJsonObject(0).getDouble("entities_in_view_mean"),
        g.getDouble("entities_in_view"), 0.01 * g.getDouble("entities_in_view"));
  }

  private static JsonArray series(double... playersAndCpu) {
    JsonArray a = new JsonArray();
    for (int i = 0; i < playersAndCpu.length; i += 2) {
      a.add(new JsonObject().put("players", (int) playersAndCpu[i])
          .put("server_cpu_ms_per_tick_p50", playersAndCpu[i + 1]));
    }
    return a;
  }
}
