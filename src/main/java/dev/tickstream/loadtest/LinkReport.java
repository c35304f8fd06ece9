package dev.tickstream.loadtest;

import dev.tickstream.loadtest.link.LinkPath;
import io.vertx.core.json.JsonObject;

/**
 * The report's {@code link} object: the link's settings and relay counters (with
 * {@code --link}), snapshot gaps, prediction corrections, bytes per client, disconnects by code,
 * and the impaired-link target: input-to-state p99 within the link's worst round trip, its
 * longest stall, 2 ticks and 20 ms.
 */
final class LinkReport {
  private LinkReport() {}

  static JsonObject json(LoadtestOptions o, LinkPath link, LinkFigures figures,
      JsonObject report, int tickHz) {
    JsonObject j = link == null ? new JsonObject().put("spec", "direct")
        : link.json(report.getInteger("bots_well_behaved", 0));
    j.mergeIn(figures.json());
    JsonObject latency = report.getJsonObject("latency_ms");
    j.put("input_to_state_ms", new JsonObject()
        .put("p50", latency.getValue("p50")).put("p99", latency.getValue("p99")));
    j.put("bytes_per_client_per_s", report.getValue("bytes_per_bot_per_s"));
    j.put("disconnects_by_code", report.getValue("close_codes"));
    if (o.link() != null) {
      double limit = o.link().worstRttMs() + (o.link().lossPct() > 0 ? o.link().rtoMaxMs() : 0)
          + 2000.0 / tickHz + 20;
      Double p99 = latency.getDouble("p99");
      long disconnects = report.getLong("disconnects", 0L);
      j.put("target", new JsonObject()
          .put("p99_limit_ms", Stage.round(limit))
          .put("p99_ms", p99)
          .put("disconnects", disconnects)
          .put("pass", p99 != null && p99 <= limit && disconnects == 0));
    }
    return j;
  }
}
