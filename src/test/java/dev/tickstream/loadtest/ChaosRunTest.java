package dev.tickstream.loadtest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tickstream.cli.InProcessNode;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A short chaos scenario against the started child server: a third of three dozen bots
 * misbehave, every kind at least twice, and each must have met its expected outcome while the
 * well-behaved bots in the same rooms kept their connections. One room (--world) at 60 Hz with
 * every bot firing makes snapshots large, so a reader that stops fills its 64 KiB write queue
 * within seconds instead of minutes. Outcomes are awaited by the runner (bounded), never timed.
 */
class ChaosRunTest {
  @TempDir
  Path reports;

  @Test
  void everyKindOfMisbehaviourGetsItsCloseCodeAndWellBehavedBotsStay() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    LoadRun.Result r = new LoadRun(LoadtestOptions.parse("--bots", "36", "--chaos", "0.34",
        "--world", "--tick-hz", "60", "--mix", "fire=1", "--ramp", "1", "--warmup", "0",
        "--duration", "6", "--stall-timeout-ms", "1000", "--report-dir", reports.toString()),
        new Progress(new PrintStream(out, true, StandardCharsets.UTF_8), false),
        InProcessNode::start).run();
    String lines = out.toString(StandardCharsets.UTF_8);
    JsonObject chaos = r.report().getJsonObject("chaos");
    assertTrue(chaos != null, lines);

    JsonObject well = chaos.getJsonObject("well_behaved");
    assertEquals(36 - 12, well.getInteger("bots"));
    assertEquals(0L, well.getLong("disconnects"), lines);
    assertTrue(well.getJsonObject("latency_ms").getLong("count") > 0, "latency measured");

    JsonArray kinds = chaos.getJsonArray("kinds");
    Set<String> names = new HashSet<>();
    for (int i = 0; i < kinds.size(); i++) {
      JsonObject k = kinds.getJsonObject(i);
      String kind = k.getString("kind");
      names.add(kind);
      int bots = k.getInteger("bots");
      assertEquals(2, bots, kind);
      assertEquals(bots, k.getInteger("misbehaved"), kind + " misbehaved: " + k);
      assertEquals(bots, k.getInteger("got_expected"), kind + ": " + k + "\n" + lines);
      // The outcome is the real one seen on the socket: the expected code (or "resumed") only.
      assertEquals(new JsonObject().put(k.getString("expected"), bots), k.getJsonObject("seen"),
          kind);
      if (kind.equals("reconnect")) {
        assertEquals(bots, k.getInteger("resumed"));
        assertEquals(bots, k.getInteger("same_entity"));
      }
    }
    assertEquals(Set.of("garbage", "oversize", "flood", "stall", "text", "reconnect"), names);
    assertTrue(chaos.getBoolean("pass"), chaos.encodePrettily());
    // The server counted the closes too (its closes in the measured window are a lower bound).
    assertTrue(chaos.getDouble("server_closes_in_window") >= 1, chaos.encodePrettily());

    JsonObject heap = r.report().getJsonObject("server_heap");
    assertTrue(heap.getDouble("max_mb") > 0 && heap.getDouble("end_mb") > 0, heap.encode());
    assertTrue(r.report().getJsonArray("timeline").getJsonObject(0)
        .getValue("server_heap_mb") != null);
    assertTrue(lines.contains("chaos: every misbehaving bot got its expected close"), lines);
    String html = Files.readString(r.dir().resolve("report.html"));
    assertTrue(html.contains("\"chaos\""), "the html report carries the chaos figures");
  }
}
