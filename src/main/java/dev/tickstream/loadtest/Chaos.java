package dev.tickstream.loadtest;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * The chaos section of the report: the well-behaved bots' figures next to each misbehaving
 * kind's outcomes, and the chaos verdict (no well-behaved disconnect, every chaos bot closed
 * with its expected code or resumed on its own entity).
 */
final class Chaos {
  /** How long the runner waits after the measured window for chaos outcomes still pending. */
  static final long MAX_WAIT_NANOS = 150_000_000_000L;

  private Chaos() {}

  static JsonObject json(LoadtestOptions o, ChaosPlan plan, Stage stage, int tickHz) {
    JsonObject s = stage.json(o, tickHz);
    JsonObject well = new JsonObject()
        .put("bots", stage.wellBehaved)
        .put("latency_ms", s.getJsonObject("latency_ms"))
        .put("disconnects", stage.disconnects())
        .put("close_codes", s.getJsonObject("close_codes"))
        .put("snapshot_interval_ms", s.getJsonObject("snapshot_interval_ms"))
        .put("bytes_per_bot_per_s", s.getValue("bytes_per_bot_per_s"));
    JsonArray kinds = plan.tally.json();
    boolean kindsPass = plan.tally.pass() && plan.tally.pending() == 0;
    JsonArray checks = new JsonArray()
        .add(new JsonObject().put("name", "well_behaved_disconnects").put("limit", 0)
            .put("value", stage.disconnects()).put("pass", stage.disconnects() == 0))
        .add(new JsonObject().put("name", "misbehaving_closed_as_expected")
            .put("limit", plan.tally.misbehaving()).put("value", gotExpected(kinds))
            .put("pass", kindsPass));
    JsonObject server = s.getJsonObject("server");
    return new JsonObject()
        .put("share", o.chaos())
        .put("misbehaving", plan.tally.misbehaving())
        .put("stall_timeout_ms", plan.stallTimeoutMs)
        .put("well_behaved", well)
        .put("kinds", kinds)
        .put("server_closes_in_window", server == null ? null : server.getValue("closes"))
        .put("checks", checks)
        .put("pass", stage.disconnects() == 0 && kindsPass);
  }

  private static int gotExpected(JsonArray kinds) {
    int n = 0;
    for (int i = 0; i < kinds.size(); i++) {
      n += kinds.getJsonObject(i).getInteger("got_expected");
    }
    return n;
  }
}
