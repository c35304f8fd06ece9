package dev.tickstream.loadtest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The node-loss scenario, small: three nodes as child JVMs on loopback, 60 bots in rooms of
 * 10, one node killed with kill -9, then all three restarted in turn by SIGTERM. Asserts the
 * logic, not the timing: every player of the killed node resumed on its own entity, and no
 * player was lost in the rolling restart. Its waits are generous, for a loaded machine.
 */
class NodeLossTest {

  @Test
  void playersOfAKilledNodeResumeAndARollingRestartLosesNone() throws Exception {
    NodeLossOptions o = NodeLossOptions.parse("--bots", "60", "--room-size", "10", "--ramp",
        "5", "--play", "4", "--input-hz", "5", "--heap-mb", "384", "--bot-threads", "1",
        "--report-dir", Path.of("target", "nodeloss-test").toString());
    ByteArrayOutputStream lines = new ByteArrayOutputStream();
    // The progress lines go to the test's output as they come, and into the failure message.
    PrintStream out = new PrintStream(new java.io.OutputStream() {
      @Override
      public void write(int b) {
        lines.write(b);
        System.out.write(b);
      }
    }, true, StandardCharsets.UTF_8);
    NodeLossRun.Result r = new NodeLossRun(o, out).run();
    JsonObject report = r.report();
    String why = "see " + r.dir() + "\n" + lines.toString(StandardCharsets.UTF_8);

    assertEquals(60L, report.getLong("joined"), why);
    JsonObject kill = report.getJsonObject("kill");
    assertTrue(kill.getInteger("players_on_node") > 0, why);
    assertEquals(kill.getLong("players_on_node"), kill.getLong("resumed"),
        "every player of the killed node resumed; " + why);
    assertEquals(kill.getLong("resumed"), kill.getLong("same_entity"), why);
    JsonObject end = report.getJsonObject("end");
    assertEquals(0L, end.getLong("rolling_players_lost"), "none lost in the rolling restart; "
        + why);
    assertEquals(0L, end.getLong("lost_total"), why);
    assertEquals(60L, end.getLong("playing"), why);
    for (Object roll : report.getJsonArray("rolling")) {
      JsonObject j = (JsonObject) roll;
      assertTrue(j.getBoolean("exited_cleanly"), "node drained and exited; " + why);
      assertEquals(j.getLong("players_on_node"), j.getLong("resumed"), why);
      assertEquals(j.getLong("resumed"), j.getLong("same_entity"), why);
    }
    assertTrue(Files.readString(r.dir().resolve("nodeloss.html")).contains("<svg"), why);
  }

  @Test
  void optionsAreBounded() {
    assertEquals(600, NodeLossOptions.parse().bots());
    assertEquals(2.5, NodeLossOptions.parse("--play", "2.5s").playS());
    assertThrows(IllegalArgumentException.class, () -> NodeLossOptions.parse("--nodes", "1"));
    assertThrows(IllegalArgumentException.class, () -> NodeLossOptions.parse("--bots"));
    assertThrows(IllegalArgumentException.class, () -> NodeLossOptions.parse("--x", "1"));
  }
}
