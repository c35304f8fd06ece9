package dev.tickstream.loadtest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tickstream.cli.InProcessNode;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The load test end to end: real servers, real bots over real sockets, real reports. */
class LoadRunTest {
  @TempDir
  Path reports;

  private LoadRun.Result run(String... args) throws Exception {
    String[] all = new String[args.length + 4];
    System.arraycopy(args, 0, all, 0, args.length);
    all[args.length] = "--report-dir";
    all[args.length + 1] = reports.toString();
    all[args.length + 2] = "--warmup";
    all[args.length + 3] = "0";
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    LoadRun.Result r = new LoadRun(LoadtestOptions.parse(all),
        new Progress(new PrintStream(out, true, StandardCharsets.UTF_8), false),
        InProcessNode::start).run();
    String lines = out.toString(StandardCharsets.UTF_8);
    // Not a terminal: plain lines, one per second, with the live figures.
    assertFalse(lines.contains("\r"));
    assertTrue(lines.contains("bots ") && lines.contains("kB/s/bot") && lines.contains("p99"),
        lines);
    return r;
  }

  @Test
  void dozensOfBotsAgainstAnInProcessServerReportMeasuredFigures() throws Exception {
    LoadRun.Result r = run("--in-process", "--bots", "36", "--ramp", "1", "--duration", "4",
        "--bot-threads", "2", "--mix", "wander=0.5,chase=0.25,fire=0.25");
    ReportChecks.assertMeasured(r.report(), 36);
    ReportChecks.assertWritten(r.dir());
    assertEquals("in-process", r.report().getJsonObject("server_target").getString("mode"));
    assertTrue(r.report().getJsonObject("server_target").getBoolean("same_jvm_as_bots"));
  }

  @Test
  void botsPlayTheSecondGame() throws Exception {
    LoadRun.Result r = run("--in-process", "--game", "football", "--bots", "12", "--ramp", "1",
        "--duration", "3");
    ReportChecks.assertMeasured(r.report(), 12);
  }

  @Test
  void defaultChildServerOverWssWithItsCertificateTrusted() throws Exception {
    LoadRun.Result r = run("--tls", "--bots", "24", "--ramp", "1", "--duration", "3");
    ReportChecks.assertMeasured(r.report(), 24);
    JsonObject target = r.report().getJsonObject("server_target");
    assertEquals("child", target.getString("mode"));
    assertTrue(target.getString("url").startsWith("https://localhost:"));
    assertFalse(target.getBoolean("same_jvm_as_bots"));
    // The long-run figures come from the server's own process, sampled every second.
    JsonObject soak = r.report().getJsonObject("soak");
    assertTrue(soak.getJsonObject("rss_mb").getInteger("points") > 1, soak.encode());
    assertTrue(soak.getJsonObject("rss_mb").getDouble("max") > 10, soak.encode());
    assertTrue(soak.getJsonObject("open_fds").getDouble("max") >= 24, "a socket per bot at least: "
        + soak.encode());
    assertTrue(soak.getJsonObject("threads").getDouble("max") > 2, soak.encode());
    assertNotNull(soak.getJsonObject("targets").getBoolean("pass"));
  }

  @Test
  void capacitySearchRaisesBotsStepByStep() throws Exception {
    LoadRun.Result r = run("--in-process", "--capacity", "--start", "4", "--step", "4",
        "--max-steps", "2", "--ramp", "0.5", "--duration", "1.5");
    JsonObject c = r.report().getJsonObject("capacity");
    JsonArray steps = c.getJsonArray("steps");
    assertTrue(steps.size() >= 1 && steps.size() <= 2);
    assertEquals(4, steps.getJsonObject(0).getInteger("bots"));
    if (steps.size() == 2) {
      assertEquals(8, steps.getJsonObject(1).getInteger("bots"));
    }
    Object last = c.getValue("last_passing_bots");
    assertEquals(last != null, r.report().getBoolean("slo_pass"));
    assertTrue(last == null || (Integer) last == 4 || (Integer) last == 8);
    ReportChecks.assertWritten(r.dir());
  }

  @Test
  void missedSloExitsWithStatusOne() throws Exception {
    // No input is acknowledged within a microsecond: the verdict is certain, not timed.
    int status = LoadtestCommand.run(new String[] {"--in-process", "--bots", "4", "--ramp",
        "0.5", "--warmup", "0", "--duration", "1.5", "--slo-p99-ms", "0.001", "--report-dir",
        reports.toString()}, InProcessNode::start);
    assertEquals(1, status);
    assertEquals(2, LoadtestCommand.run(new String[] {"--bots", "nope"}, null));
  }
}
