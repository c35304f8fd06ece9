package dev.tickstream.loadtest.cost;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CostOptionsTest {
  @TempDir
  Path tmp;

  @Test
  void defaultsAreTheFullRun() {
    CostOptions o = CostOptions.parse();
    assertEquals(1000, o.bots());
    assertEquals(600, o.pairBots());
    assertEquals(30, o.durationS());
    assertEquals(15, o.rampS());
    assertEquals(10, o.warmupS());
    assertEquals(60, o.settleS());
    // The pairs and the idle variants settle longer; the single-node ones do not.
    assertEquals(70, o.warmupOf("cluster-pair"));
    assertEquals(70, o.warmupOf("plain-pair"));
    assertEquals(70, o.warmupOf("idle-cluster"));
    assertEquals(10, o.warmupOf("ws"));
    assertEquals(10, o.warmupOf("baseline-ws-tick"));
    assertEquals(2, o.rounds());
    assertEquals(20, o.tickHz());
    assertEquals(CostOptions.ALL, o.variants());
    assertEquals(CostOptions.ALL, o.roundVariants());
    assertNull(o.jar());
    assertNull(o.baselineJar());
    assertFalse(o.capacity());
    assertTrue(o.pin());
    assertEquals(Path.of("loadtest", "reports"), o.reportDir());
    assertEquals(256, o.nodeBots());
    assertEquals(Path.of("loadtest", "colyseus"), o.nodeDir());
    assertTrue(o.variants().containsAll(List.of("colyseus", "node-ws")));
  }

  @Test
  void nodeBotVariants() {
    CostOptions o = CostOptions.parse("--variants", "colyseus,node-ws", "--node-bots", "48",
        "--node-dir", "elsewhere", "--bots", "100");
    assertEquals(List.of("colyseus", "node-ws"), o.variants());
    assertEquals(48, o.playersOf("colyseus"));
    assertEquals(48, o.playersOf("node-ws"));
    assertEquals(100, o.playersOf("ws"));
    assertEquals(Path.of("elsewhere"), o.nodeDir());
    assertThrows(IllegalArgumentException.class, () -> CostOptions.parse("--node-bots", "0"));
    assertThrows(IllegalArgumentException.class, () -> CostOptions.parse("--node-dir"));
  }

  @Test
  void parsesEveryOption() throws Exception {
    Path jar = Files.createFile(tmp.resolve("old.jar"));
    CostOptions o = CostOptions.parse("--bots", "20", "--pair-bots", "30", "--duration", "3s",
        "--ramp", "1", "--warmup", "0", "--settle", "5", "--rounds", "1",
        "--variants", "ws,floor,ws-tick",
        "--tick-hz", "30", "--baseline-jar", jar.toString(), "--capacity",
        "--capacity-start", "50", "--capacity-step", "25", "--capacity-max-steps", "3",
        "--no-pin", "--report-dir", "x");
    assertEquals(20, o.bots());
    assertEquals(30, o.pairBots());
    assertEquals(3, o.durationS());
    assertEquals(0, o.warmupS());
    assertEquals(5, o.warmupOf("idle-plain"));
    assertEquals(List.of("ws", "floor", "ws-tick"), o.variants());
    // A baseline jar adds its run right after each of ws-tick and ws.
    assertEquals(List.of("ws", "baseline-ws", "floor", "ws-tick", "baseline-ws-tick"),
        o.roundVariants());
    assertEquals(30, o.tickHz());
    assertTrue(o.capacity());
    assertEquals(50, o.capacityStart());
    assertEquals(25, o.capacityStep());
    assertEquals(3, o.capacityMaxSteps());
    assertFalse(o.pin());
    assertEquals(Path.of("x"), o.reportDir());
    assertEquals(2, CostOptions.parse("--duration", "2").durationS());
    assertEquals(120, CostOptions.parse("--duration", "2m").durationS());
  }

  @Test
  void playersPerVariant() {
    CostOptions o = CostOptions.parse("--bots", "100", "--pair-bots", "60");
    assertEquals(100, o.playersOf("floor"));
    assertEquals(100, o.playersOf("wss"));
    assertEquals(100, o.playersOf("baseline-ws"));
    assertEquals(60, o.playersOf("plain-pair"));
    assertEquals(60, o.playersOf("cluster-pair"));
    assertEquals(0, o.playersOf("idle-plain"));
    assertEquals(0, o.playersOf("idle-cluster"));
  }

  @Test
  void badUsageIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> CostOptions.parse("--bots"));
    assertThrows(IllegalArgumentException.class, () -> CostOptions.parse("--bots", "0"));
    assertThrows(IllegalArgumentException.class, () -> CostOptions.parse("--bots", "x"));
    assertThrows(IllegalArgumentException.class, () -> CostOptions.parse("--pair-bots", "1"));
    assertThrows(IllegalArgumentException.class, () -> CostOptions.parse("--duration", "0.5"));
    assertThrows(IllegalArgumentException.class, () -> CostOptions.parse("--rounds", "0"));
    assertThrows(IllegalArgumentException.class, () -> CostOptions.parse("--tick-hz", "5"));
    assertThrows(IllegalArgumentException.class, () -> CostOptions.parse("--variants", "wx"));
    assertThrows(IllegalArgumentException.class, () -> CostOptions.parse("--variants", ","));
    assertThrows(IllegalArgumentException.class,
        () -> CostOptions.parse("--jar", tmp.resolve("missing.jar").toString()));
    assertThrows(IllegalArgumentException.class, () -> CostOptions.parse("--frobnicate"));
  }

  @Test
  void helpAndBadUsageExitStatuses() throws Exception {
    assertEquals(0, CostCommand.run(new String[] {"--help"}, null));
    assertEquals(2, CostCommand.run(new String[] {"--rounds", "0"}, null));
  }
}
