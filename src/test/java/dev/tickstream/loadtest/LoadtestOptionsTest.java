package dev.tickstream.loadtest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LoadtestOptionsTest {
  @Test
  void readmeCommandParses() {
    LoadtestOptions o = LoadtestOptions.parse("--bots", "500", "--duration", "60s");
    assertEquals(500, o.bots());
    assertEquals(60, o.durationS());
    assertNull(o.url(), "no url: the load test starts its own server");
    assertEquals(2000.0 / 20 + 20, o.sloP99MsFor(20), "default SLO: 2 ticks + 20 ms");
    assertEquals(2000.0 / 60 + 20, o.sloP99MsFor(60));
  }

  @Test
  void inputsAreSentOnChangeAndASampleDecodesFullyByDefault() {
    LoadtestOptions o = LoadtestOptions.parse();
    assertEquals(LoadtestOptions.InputMode.ON_CHANGE, o.inputs());
    assertEquals(16, o.decodeEvery());
    o = LoadtestOptions.parse("--inputs", "per-tick", "--decode-every", "1");
    assertEquals(LoadtestOptions.InputMode.PER_TICK, o.inputs());
    assertEquals("per-tick", o.inputs().wire());
    assertEquals(1, o.decodeEvery());
    assertThrows(IllegalArgumentException.class, () -> LoadtestOptions.parse("--inputs", "x"));
    assertThrows(IllegalArgumentException.class,
        () -> LoadtestOptions.parse("--decode-every", "0"));
  }

  @Test
  void everyOptionIsRead() {
    LoadtestOptions o = LoadtestOptions.parse("--url", "https://example.test:8443/", "--bots",
        "7", "--ramp", "2m", "--duration", "1500ms", "--input-hz", "30", "--mix",
        "wander=3,chase=1", "--insecure", "--proxy", "127.0.0.1:3128", "--seed", "9",
        "--bot-threads", "2", "--slo-p99-ms", "80", "--slo-disconnects", "3", "--capacity",
        "--start", "10", "--step", "5", "--max-steps", "4");
    assertEquals("https://example.test:8443", o.url());
    assertEquals(120, o.rampS());
    assertEquals(1.5, o.durationS());
    assertEquals(30, o.inputHz());
    assertEquals(0.75, o.mix().weights().get(Behaviour.WANDER));
    assertTrue(o.insecure());
    assertEquals("127.0.0.1", o.proxyHost());
    assertEquals(3128, o.proxyPort());
    assertEquals(80, o.sloP99MsFor(20));
    assertEquals(3, o.sloMaxDisconnects());
    assertEquals(new LoadtestOptions.Capacity(10, 5, 4), o.capacity());
  }

  @Test
  void badOptionsAreRefusedWithTheReason() {
    assertThrows(IllegalArgumentException.class, () -> LoadtestOptions.parse("--bots", "0"));
    assertThrows(IllegalArgumentException.class, () -> LoadtestOptions.parse("--proxy", "x"));
    assertThrows(IllegalArgumentException.class, () -> LoadtestOptions.parse("--url", "ws://x"));
    assertThrows(IllegalArgumentException.class,
        () -> LoadtestOptions.parse("--url", "http://x", "--world"));
    assertThrows(IllegalArgumentException.class, () -> LoadtestOptions.parse("--frobnicate"));
    assertThrows(IllegalArgumentException.class, () -> LoadtestOptions.parse("--duration"));
  }

  @Test
  void chaosGivesTheStartedNodeAShortStallTimeout() {
    LoadtestOptions o = LoadtestOptions.parse("--chaos", "0.2");
    assertEquals(0.2, o.chaos());
    assertEquals(2000, o.stallTimeoutMs(), "stopped readers are closed within the run");
    assertEquals(1000, LoadtestOptions.parse("--chaos", "0", "--stall-timeout-ms", "1000")
        .stallTimeoutMs());
    assertTrue(LoadtestOptions.parse("--chaos", "0").chaosOn(), "--chaos 0 is the clean run");
    assertTrue(!LoadtestOptions.parse().chaosOn());
    assertEquals(0, LoadtestOptions.parse().stallTimeoutMs(), "no chaos: the node's default");
    assertThrows(IllegalArgumentException.class, () -> LoadtestOptions.parse("--chaos", "1.5"));
    assertThrows(IllegalArgumentException.class,
        () -> LoadtestOptions.parse("--chaos", "0.2", "--capacity"));
  }

  @Test
  void chaosPlanSpreadsTheKindsAndLeavesTheRestWellBehaved() {
    ChaosPlan p = new ChaosPlan(300, 0.2, 1, 2000, null);
    assertEquals(60, p.misbehaving());
    java.util.Map<ChaosKind, Integer> n = new java.util.EnumMap<>(ChaosKind.class);
    for (int i = 0; i < 300; i++) {
      if (p.kindOf(i) != null) {
        n.merge(p.kindOf(i), 1, Integer::sum);
      }
    }
    for (ChaosKind k : ChaosKind.values()) {
      assertEquals(10, n.get(k), k.wire());
    }
    assertEquals(Long.MAX_VALUE, p.misbehaveAt(0), "nobody misbehaves before measuring");
    assertEquals(0, new ChaosPlan(300, 0, 1, 2000, null).misbehaving());
  }
}
