package dev.tickstream.loadtest.cost;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.vertx.core.json.JsonObject;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CostFiguresTest {
  @Test
  void microsecondsPerPlayerPerTick() {
    // 3 s of CPU for 1000 players at 20 Hz over 30 s: 3e6 us / 600,000 player-ticks = 5 us.
    assertEquals(5.0, CostFigures.usPerPlayerPerTick(3, 1000, 20, 30), 1e-9);
    assertEquals(0.5, CostFigures.usPerPlayerPerTick(0.3, 1000, 20, 30), 1e-9);
    assertNull(CostFigures.usPerPlayerPerTick(3, 0, 20, 30));
    assertNull(CostFigures.usPerPlayerPerTick(3, 10, 20, 0));
    assertEquals(25.0, CostFigures.pctOfCore(7.5, 30), 1e-9);
  }

  @Test
  void theLimitIsTheSideNearerAFullCore() {
    assertEquals("server", CostFigures.limit(90, 1, 60, 1));
    assertEquals("bots", CostFigures.limit(60, 1, 90, 1));
    // 150 % over three players' cores is 50 % of each: the server's 60 % of its one is nearer.
    assertEquals("server", CostFigures.limit(60, 1, 150, 3));
    assertEquals("bots", CostFigures.limit(60, 1, 195, 3));
    assertEquals("server", CostFigures.limit(50, 1, 50, 1));
  }

  @Test
  void medians() {
    assertEquals(2.0, CostFigures.median(List.of(3.0, 1.0, 2.0)));
    assertEquals(2.5, CostFigures.median(List.of(4.0, 1.0, 2.0, 3.0)));
    assertEquals(7.0, CostFigures.median(Arrays.asList(null, 7.0, Double.NaN)));
    assertNull(CostFigures.median(Arrays.asList((Double) null)));
  }

  @Test
  void ratiosOfTheTable() {
    Map<String, Double> us = new LinkedHashMap<>();
    us.put("floor", 2.0);
    us.put("ws-tick", 8.0);
    us.put("ws", 6.0);
    us.put("wss", 9.0);
    us.put("plain-pair", 5.0);
    us.put("cluster-pair", 5.5);
    us.put("baseline-ws", 12.0);
    us.put("colyseus", 40.0);
    us.put("node-ws", 14.0);
    Map<String, Double> idle = Map.of("idle-plain", 0.5, "idle-cluster", 2.0,
        "idle-hazelcast", 1.25);
    JsonObject r = CostFigures.ratios(us, idle);
    JsonObject f = r.getJsonObject("over_floor");
    assertFalse(f.containsKey("floor"));
    assertEquals(4.0, f.getDouble("ws-tick"));
    assertEquals(3.0, f.getDouble("ws"));
    assertEquals(4.5, f.getDouble("wss"));
    assertEquals(1.5, r.getDouble("wss_over_ws"));
    assertEquals(1.333, r.getDouble("ws_tick_over_ws"));
    assertEquals(1.1, r.getDouble("cluster_pair_over_plain_pair"));
    assertEquals(2.0, r.getDouble("baseline_ws_over_ws"));
    assertEquals(0.35, r.getDouble("node_ws_over_colyseus"));
    assertEquals(20.0, f.getDouble("colyseus"));
    assertFalse(r.containsKey("baseline_ws_tick_over_ws_tick"));
    assertEquals(4.0, r.getDouble("idle_cluster_over_idle_plain"));
    assertEquals(1.5, r.getDouble("idle_cluster_minus_idle_plain_pct"));
    assertEquals(0.75, r.getDouble("idle_cluster_minus_idle_hazelcast_pct"));
    // Without a floor, no "over floor" figures; without a denominator, no ratio.
    JsonObject none = CostFigures.ratios(Map.of("ws", 6.0), Map.of());
    assertEquals(0, none.getJsonObject("over_floor").size());
    assertFalse(none.containsKey("wss_over_ws"));
    assertFalse(none.containsKey("node_ws_over_colyseus"));
  }

  @Test
  void theRatiosHaveTheirTargets() {
    assertEquals(0.4, CostFigures.TARGETS.get("node_ws_over_colyseus"));
    assertEquals(true, CostFigures.meets("node_ws_over_colyseus", 0.35));
    assertEquals(true, CostFigures.meets("node_ws_over_colyseus", 0.4));
    assertEquals(false, CostFigures.meets("node_ws_over_colyseus", 0.41));
    assertNull(CostFigures.meets("node_ws_over_colyseus", null));
    assertEquals(false, CostFigures.meets("wss_over_ws", 1.2));
    assertEquals(true, CostFigures.meets("cluster_pair_over_plain_pair", 1.1));
    assertNull(CostFigures.meets("ws_tick_over_ws", 1.2), "a ratio without a target");
  }

  @Test
  void roundsRotate() {
    List<String> v = List.of("a", "b", "c");
    assertEquals(List.of("a", "b", "c"), CostRun.rotate(v, 0));
    assertEquals(List.of("b", "c", "a"), CostRun.rotate(v, 1));
    assertEquals(List.of("a", "b", "c"), CostRun.rotate(v, 3));
  }

  @Test
  void procStatOfThisProcess() {
    // This JVM has run for a while: its utime+stime is more than nothing.
    long ticks = Meter.procTicks(ProcessHandle.current().pid());
    assertEquals(true, ticks > 0);
    assertEquals(0, Meter.procTicks(Long.MAX_VALUE));
  }

  @Test
  void thePlayersSideCanBeAnotherProcess() throws Exception {
    // The Node bots' CPU is read from /proc like the servers': a busy child plays that part
    // while this JVM sleeps, so its own CPU cannot stand in for the child's.
    Process busy = new ProcessBuilder("sh", "-c", "while :; do :; done").start();
    try {
      Thread.sleep(100);
      Meter m = new Meter(List.of(), 1, List.of(busy.pid()));
      m.begin();
      Thread.sleep(600);
      m.end();
      assertEquals(true, m.botsCpuS() > 0.1, "bots CPU " + m.botsCpuS());
      assertEquals(0.0, m.serverCpuS());
    } finally {
      busy.destroyForcibly().waitFor();
    }
  }
}
