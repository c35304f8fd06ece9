package dev.tickstream.loadtest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SoakTest {
  /** A timeline of one sample a second: heap after GC rising by {@code mbPerMinute}. */
  private static List<JsonObject> timeline(int seconds, double mbPerMinute, int fds) {
    List<JsonObject> t = new ArrayList<>();
    for (int s = 0; s < seconds; s++) {
      t.add(new JsonObject().put("t_s", (double) s).put("measuring", s >= 10)
          .put("server_heap_after_gc_mb", 100 + mbPerMinute * s / 60.0)
          .put("server_open_fds", fds).put("server_rss_mb", 400.0)
          .put("server_threads", 30).put("server_tick_p99_ms", 2.0));
    }
    return t;
  }

  @Test
  void aFlatRunPassesAndALeakIsItsSlope() {
    JsonObject flat = Soak.json(timeline(600, 0, 80));
    assertEquals(0.0, flat.getJsonObject("heap_after_gc_mb").getDouble("per_10min"), 1e-9);
    assertTrue(flat.getJsonObject("targets").getBoolean("pass"));
    JsonObject leak = Soak.json(timeline(600, 0.5, 80)); // 5 MB per 10 minutes
    assertEquals(5.0, leak.getJsonObject("heap_after_gc_mb").getDouble("per_10min"), 1e-6);
    assertFalse(leak.getJsonObject("targets").getBoolean("pass"));
  }

  @Test
  void theFirstFifthOfTheMeasuredWindowIsLeftOut() {
    List<JsonObject> t = timeline(110, 0, 80);
    // A warm-up climb in the first fifth of the measured samples must not count as a trend.
    for (int s = 10; s < 30; s++) {
      t.get(s).put("server_open_fds", 10 + s);
    }
    JsonObject j = Soak.json(t);
    assertEquals(80, j.getInteger("samples"));
    assertEquals(0.0, j.getJsonObject("open_fds").getDouble("per_10min"), 1e-9);
  }

  @Test
  void aFigureTheServerDoesNotServeIsNull() {
    List<JsonObject> t = timeline(60, 0, 80);
    t.forEach(p -> p.putNull("server_heap_after_gc_mb"));
    JsonObject j = Soak.json(t);
    assertNull(j.getJsonObject("heap_after_gc_mb").getValue("per_10min"));
    assertFalse(j.getJsonObject("targets").getBoolean("pass"));
  }
}
