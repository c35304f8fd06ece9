package dev.tickstream.loadtest.cost;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tickstream.loadtest.LoadtestCommand;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The cost command end to end, tiny: the floor (a bare Vert.x server child and bare clients),
 * one Tickstream node with bots, a clustered pair (two child JVMs with Hazelcast) and an idle
 * node, one round of a few seconds each, over real sockets on loopback, through
 * {@code loadtest cost} as a user runs it. Asserts the figures exist, never their size.
 */
class CostRunTest {
  @Test
  void everyVariantRunsAndIsReported() throws Exception {
    Path reports = Path.of("target", "cost-test");
    List<String> variants = List.of("floor", "ws", "cluster-pair", "idle-plain",
        "idle-hazelcast");
    int status = LoadtestCommand.run(new String[] {"cost", "--bots", "20", "--pair-bots", "20",
        "--duration", "3", "--ramp", "1", "--warmup", "1", "--settle", "0", "--rounds", "1",
        "--variants",
        String.join(",", variants), "--report-dir", reports.toString()}, null);
    Path dir;
    try (Stream<Path> s = Files.list(reports)) {
      dir = s.filter(p -> p.getFileName().toString().startsWith("cost-"))
          .max(Path::compareTo).orElseThrow();
    }
    JsonObject r = new JsonObject(Files.readString(dir.resolve("cost.json")));
    String why = "see " + dir.toAbsolutePath() + "\n" + r.getJsonArray("runs").encodePrettily();
    assertEquals(0, status, why);
    assertTrue(r.getBoolean("all_ran"), why);

    JsonArray runs = r.getJsonArray("runs");
    assertEquals(variants.size(), runs.size(), why);
    for (int i = 0; i < runs.size(); i++) {
      JsonObject run = runs.getJsonObject(i);
      String v = run.getString("variant");
      assertNull(run.getString("error"), v + ": " + why);
      assertTrue(run.getDouble("window_s") > 0, why);
      if (v.startsWith("idle")) {
        assertTrue(run.getDouble("server_cpu_s") >= 0, why);
        assertNotNull(run.getValue("server_cpu_pct_per_node"), why);
        continue;
      }
      assertTrue(run.getDouble("server_cpu_s") > 0, v + " server CPU; " + why);
      assertTrue(run.getDouble("us_per_player_per_tick") > 0, v + " us; " + why);
      assertTrue(run.getDouble("bots_cpu_pct") > 0, v + " players' side CPU; " + why);
      assertTrue(List.of("server", "bots").contains(run.getString("limit")), why);
    }
    JsonObject floor = runs.getJsonObject(0);
    assertEquals("floor", floor.getString("variant"), why);
    assertEquals(20, floor.getInteger("clients_connected"), why);
    assertTrue(floor.getLong("frames_received") > 0, "the floor clients got frames; " + why);
    assertTrue(floor.getLong("frames_sent") > 0, "the floor clients sent inputs; " + why);
    JsonObject ws = runs.getJsonObject(1);
    assertNotNull(ws.getValue("latency_p99_ms"), why);
    assertTrue(ws.getDouble("bytes_per_client_per_s") > 0, why);
    assertEquals(2, runs.getJsonObject(2).getInteger("server_processes"), why);
    // The library's idle floor: two members that found each other (or the run would fail).
    assertEquals(2, runs.getJsonObject(4).getInteger("server_processes"), why);

    JsonObject summary = r.getJsonObject("variants");
    assertEquals(variants, List.copyOf(summary.fieldNames()), why);
    assertTrue(r.getJsonObject("ratios").getJsonObject("over_floor").getDouble("ws") > 0, why);
    assertNotNull(r.getJsonObject("machine").getBoolean("pinned"), why);

    String html = Files.readString(dir.resolve("cost.html"));
    for (String v : variants) {
      assertTrue(html.contains(">" + v + "<"), v + " in the page");
    }
    assertTrue(html.contains("<svg") && html.contains("frame-I/O floor"), "chart with floor");
    try (Stream<Path> logs = Files.list(dir.resolve("logs"))) {
      assertTrue(logs.count() >= 4, "the servers' logs are beside the report");
    }
  }
}
