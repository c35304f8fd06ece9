package dev.tickstream.loadtest.cost;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tickstream.loadtest.LoadtestCommand;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Node bots' verdicts and the missing-install path. The bots themselves run in the web
 * build's integration test (pom.xml, {@code colyseus-cost}), which has their node_modules.
 */
class NodeBotsTest {
  @TempDir
  Path tmp;

  private static JsonObject summary(int connected, long states, int silent) {
    return new JsonObject().put("bots", 16).put("bots_connected", connected)
        .put("states_received", states).put("bots_silent_in_window", silent)
        .put("decode_errors", 0).put("hard_stop", false).put("last_error", "x");
  }

  @Test
  void aRunCountsOnlyWhenEveryBotPlayed() {
    assertNull(NodeBots.failure(summary(16, 960, 0), 0));
    assertTrue(NodeBots.failure(summary(16, 0, 16), 1).contains("received nothing"));
    assertTrue(NodeBots.failure(summary(16, 900, 1), 1).contains("1 of 16"));
    assertTrue(NodeBots.failure(summary(12, 900, 0), 1).contains("only 12 of 16"));
    assertTrue(NodeBots.failure(summary(16, 960, 0).put("decode_errors", 2), 1)
        .contains("could not apply"));
    assertTrue(NodeBots.failure(summary(16, 960, 0).put("hard_stop", true), 3)
        .contains("hard stop"));
    assertTrue(NodeBots.failure(summary(16, 960, 0), 1).contains("exited 1"));
  }

  @Test
  void theBotsCommandPlaysEveryTickForTheWindow() {
    CostOptions o = CostOptions.parse("--ramp", "2", "--warmup", "3", "--duration", "4");
    List<String> cmd = NodeBots.command(Path.of("d"), "colyseus", "ws://h:1", 7, o,
        Path.of("s.json"));
    String line = String.join(" ", cmd);
    assertEquals("node", cmd.get(0));
    assertTrue(line.contains("--target colyseus --url ws://h:1 --bots 7 --ramp 2.0 --warmup 3.0"
        + " --duration 4.0 --tick-hz 20 --inputs per-tick"), line);
  }

  @Test
  void withoutNodeModulesTheVariantsFailWithWhatToDo() throws Exception {
    Path pkg = Files.createDirectories(tmp.resolve("loadtest").resolve("colyseus"));
    Files.writeString(pkg.resolve("bots.mjs"), "");
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> NodeBots.requireInstalled(pkg, "colyseus"));
    assertTrue(e.getMessage().contains("run npm ci in"), e.getMessage());
    Files.createDirectories(pkg.resolve("node_modules").resolve("@colyseus"));
    NodeBots.requireInstalled(pkg, "colyseus");
    // Tickstream's side plays through the web SDK's Node bundle, built in client-web.
    e = assertThrows(IllegalStateException.class, () -> NodeBots.requireInstalled(pkg, "node-ws"));
    assertTrue(e.getMessage().contains("npm run build in " + tmp.resolve("client-web")),
        e.getMessage());
    Path sdk = NodeBots.sdk(pkg);
    Files.createDirectories(sdk.getParent());
    Files.writeString(sdk, "");
    NodeBots.requireInstalled(pkg, "node-ws");

    // Through the command: both variants recorded as failed, the command not crashed.
    Path empty = Files.createDirectories(tmp.resolve("empty"));
    Files.writeString(empty.resolve("bots.mjs"), "");
    Path reports = tmp.resolve("reports");
    int status = LoadtestCommand.run(new String[] {"cost", "--variants", "colyseus,node-ws",
        "--node-bots", "4", "--duration", "1", "--ramp", "0", "--warmup", "0", "--rounds", "1",
        "--no-pin", "--node-dir", empty.toString(), "--report-dir", reports.toString()}, null);
    assertEquals(1, status);
    Path dir;
    try (Stream<Path> s = Files.list(reports)) {
      dir = s.findFirst().orElseThrow();
    }
    JsonObject r = new JsonObject(Files.readString(dir.resolve("cost.json")));
    assertEquals(2, r.getJsonArray("runs").size());
    for (int i = 0; i < 2; i++) {
      assertTrue(r.getJsonArray("runs").getJsonObject(i).getString("error")
          .contains("run npm ci in"), r.encodePrettily());
    }
    assertEquals(false, r.getBoolean("all_ran"));
  }
}
