package dev.tickstream.loadtest.cost;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * The players' figures of a variant run from its loadtest report(s): one for a single node
 * or the cluster pair, two for the plain pair (merged: p50 the mean, p99 the worse, bytes
 * weighted by players, the SLO met only when both met it).
 */
final class BotFigures {
  private BotFigures() {}

  static void merge(List<JsonObject> reports, JsonObject r) {
    double p50 = 0;
    double p99 = Double.NaN;
    double bytes = 0;
    long connected = 0;
    long disconnects = 0;
    long errors = 0;
    boolean pass = true;
    int withLatency = 0;
    JsonArray tickP99 = new JsonArray();
    JsonArray ownUs = new JsonArray();
    for (JsonObject rep : reports) {
      JsonObject lat = rep.getJsonObject("latency_ms", new JsonObject());
      Double a = number(lat.getValue("p50"));
      Double b = number(lat.getValue("p99"));
      if (a != null && b != null) {
        p50 += a;
        p99 = Double.isNaN(p99) ? b : Math.max(p99, b);
        withLatency++;
      }
      int n = rep.getInteger("bots_connected", 0);
      Double bps = number(rep.getValue("bytes_per_bot_per_s"));
      bytes += bps == null ? 0 : bps * n;
      connected += n;
      disconnects += rep.getLong("disconnects", 0L);
      errors += rep.getLong("errors", 0L);
      pass &= rep.getBoolean("slo_pass", false);
      JsonObject tick = rep.getJsonObject("server_tick_ms");
      tickP99.add(tick == null ? null : tick.getValue("p99"));
      // The loadtest's own figure: one node's /metrics CPU (node A's alone for a cluster).
      ownUs.add(rep.getValue("server_cpu_us_per_player_tick"));
    }
    r.put("bots_connected", connected)
        .put("latency_p50_ms", withLatency == 0 ? null : CostFigures.round(p50 / withLatency, 2))
        .put("latency_p99_ms", Double.isNaN(p99) ? null : CostFigures.round(p99, 2))
        .put("bytes_per_client_per_s", connected == 0 ? null
            : CostFigures.round(bytes / connected, 1))
        .put("disconnects", disconnects).put("errors", errors)
        .put("slo_pass", pass)
        .put("server_tick_p99_ms", tickP99)
        .put("loadtest_server_us_per_player_tick", ownUs);
    if (reports.size() == 1) {
      r.put("slo_latency_p99_ms", reports.get(0).getJsonObject("slo", new JsonObject())
          .getValue("latency_p99_ms"));
    }
  }

  private static Double number(Object v) {
    return v instanceof Number n ? n.doubleValue() : null;
  }
}
