package dev.tickstream.loadtest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;

/** What every report must show: figures that were measured, not defaults or placeholders. */
final class ReportChecks {
  private ReportChecks() {}

  static void assertMeasured(JsonObject r, int bots) {
    assertEquals(bots, r.getInteger("bots_target"));
    assertEquals(bots, r.getInteger("bots_connected"), () -> "last error: "
        + r.getString("last_error"));
    assertEquals(0, r.getLong("disconnects"), () -> "closes: " + r.getValue("close_codes"));
    assertEquals(0, r.getLong("errors"), () -> "last error: " + r.getString("last_error"));
    assertTrue(r.getDouble("duration_s") > 0);
    assertEquals(20, r.getInteger("tick_hz"), "read from the server's Welcome");
    JsonObject lat = r.getJsonObject("latency_ms");
    assertTrue(lat.getLong("count") > 0, "inputs were acknowledged");
    assertTrue(lat.getDouble("p50") > 0, "latency p50 measured");
    assertTrue(lat.getDouble("p50") <= lat.getDouble("p95"), "p50 <= p95");
    assertTrue(lat.getDouble("p95") <= lat.getDouble("p99"), "p95 <= p99");
    assertTrue(lat.getDouble("p99") <= lat.getDouble("max"), "p99 <= max");
    // Not sent >= acked: inputs sent in the ramp-up may be acknowledged once measuring.
    assertTrue(r.getLong("inputs_sent") > 0);
    JsonObject interval = r.getJsonObject("snapshot_interval_ms");
    assertTrue(interval.getDouble("p50") > 0 && interval.getDouble("p50") <= interval
        .getDouble("p99"));
    assertTrue(r.getDouble("bytes_per_bot_per_s") > 0, "bytes were received");
    JsonObject tick = r.getJsonObject("server_tick_ms");
    assertNotNull(tick, "server metrics were read");
    assertTrue(tick.getDouble("p50") > 0 && tick.getDouble("p50") <= tick.getDouble("p99"));
    assertTrue(tick.getDouble("mean") > 0);
    assertTrue(r.getDouble("server_cpu_pct") > 0, "server CPU measured");
    assertTrue(r.getDouble("bots_cpu_pct") > 0, "bots' CPU measured");
    assertTrue(r.getDouble("machine_cpu_pct") > 0, "machine CPU measured");
    assertTrue(r.getDouble("server_cpu_us_per_player_tick") > 0);
    assertTrue(r.getJsonObject("server").getDouble("players") >= bots);
    assertTrue(r.getJsonObject("server").getDouble("bytes_out_per_s") > 0);
    assertNotNull(r.getBoolean("slo_pass"));
    assertTrue(r.getDouble("frames_to_server_per_s") > 0, "the bots' frames were counted");
    assertTrue(r.getDouble("bytes_sent_per_bot_per_s") > 0);
    JsonObject limit = r.getJsonObject("limit");
    assertTrue(java.util.Set.of("bots", "server", "neither").contains(limit.getString("side")),
        "limit: " + limit);
    assertNotNull(limit.getString("why"));
    assertFalse(r.getJsonArray("timeline").isEmpty());
    JsonObject last = r.getJsonArray("timeline").getJsonObject(
        r.getJsonArray("timeline").size() - 1);
    assertEquals(bots, last.getInteger("bots_connected"));
  }

  /** Both files exist; the HTML carries its data and fetches nothing. */
  static void assertWritten(Path dir) throws Exception {
    JsonObject onDisk = new JsonObject(Files.readString(dir.resolve("report.json")));
    assertNotNull(onDisk.getValue("bots_target"));
    String html = Files.readString(dir.resolve("report.html"));
    assertFalse(html.contains("/*REPORT_JSON*/"), "data inlined");
    assertTrue(html.contains("\"bots_target\""));
    assertFalse(html.matches("(?s).*(src=|href=|@import|fetch\\().*"), "self-contained");
  }
}
