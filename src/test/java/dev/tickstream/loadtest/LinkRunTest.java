package dev.tickstream.loadtest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tickstream.cli.InProcessNode;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bots playing through an impaired link ({@code --link}): nobody is closed for a link that only
 * jitters and stalls, and the figures show the relay was in the path. No timing is asserted
 * beyond "at least the configured delay".
 */
@Timeout(120)
class LinkRunTest {
  @TempDir
  Path reports;

  private JsonObject run(String... args) throws Exception {
    String[] base = {"--in-process", "--report-dir", reports.toString(), "--warmup", "0",
        "--ramp", "1", "--bot-threads", "2"};
    String[] all = new String[base.length + args.length];
    System.arraycopy(base, 0, all, 0, base.length);
    System.arraycopy(args, 0, all, base.length, args.length);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    return new LoadRun(LoadtestOptions.parse(all),
        new Progress(new PrintStream(out, true, StandardCharsets.UTF_8), false),
        InProcessNode::start).run().report();
  }

  @Test
  void botsPlayThroughA100msLinkWithJitterAndLossStalls() throws Exception {
    // Per-tick inputs: the bots' predictor, whose correction is checked here, steps per input.
    JsonObject r = run("--bots", "20", "--duration", "12", "--link", "100ms±20ms,loss=2%",
        "--inputs", "per-tick");
    assertEquals(0L, r.getLong("disconnects"), r.encodePrettily());
    assertEquals(0L, r.getLong("errors"), r.encodePrettily());
    assertEquals(20, r.getInteger("bots_connected"));
    JsonObject link = r.getJsonObject("link");
    assertEquals("100ms±20ms,loss=2.0%,rto=200-400ms", link.getString("spec"));
    JsonObject relay = link.getJsonObject("relay");
    assertEquals(20L, relay.getLong("connections"), "every bot's WebSocket went through it");
    assertTrue(relay.getLong("stalls_up") + relay.getLong("stalls_down") > 0, relay.encode());
    // An input goes up one way and its state comes down the other: at least the round trip
    // less the jitter, so the relay is in the path.
    double p50 = link.getJsonObject("input_to_state_ms").getDouble("p50");
    assertTrue(p50 >= 80, "input-to-state p50 " + p50);
    JsonObject gaps = link.getJsonObject("snapshot_gaps");
    assertTrue(gaps.getLong("count") > 0);
    assertTrue(gaps.getDouble("max_ms") >= 50, gaps.encode());
    assertNotNull(gaps.getValue("share_over_2_ticks"));
    JsonObject corr = link.getJsonObject("prediction_correction_units");
    assertTrue(corr.getLong("count") > 0, corr.encode());
    assertTrue(link.getLong("relay_bytes_per_client_per_s") > 0);
    assertNotNull(link.getJsonObject("target").getValue("pass"));
    // The SLO for the link adds its worst round trip and stall to 2 ticks + 20 ms.
    assertEquals(120 + 400 + 120.0, r.getJsonObject("slo").getDouble("latency_p99_ms"));
  }

  @Test
  void stallsOfHalfASecondCloseNobody() throws Exception {
    // 5 % loss, each a 500 ms stall: a bot's link stalls every second or two.
    JsonObject r = run("--bots", "12", "--duration", "10", "--link",
        "20ms±10ms,loss=5%,rto=500ms");
    JsonObject relay = r.getJsonObject("link").getJsonObject("relay");
    assertTrue(relay.getLong("stalls_down") > 20, relay.encode());
    assertEquals(0L, r.getLong("disconnects"), r.encodePrettily());
    assertEquals(12, r.getInteger("bots_connected"));
    JsonObject gaps = r.getJsonObject("link").getJsonObject("snapshot_gaps");
    assertTrue(gaps.getDouble("max_ms") >= 450, "a 500 ms stall: " + gaps.encode());
  }
}
