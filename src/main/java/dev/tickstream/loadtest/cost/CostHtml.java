package dev.tickstream.loadtest.cost;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Locale;

/**
 * {@code cost.html}: one self-contained page (no script, nothing fetched) with the table of
 * variants, the ratios, a bar chart of µs per player per tick drawn as inline SVG with the
 * floor marked, every run, the capacity search and the JSON; and the one-line summaries the
 * command prints.
 */
final class CostHtml {
  private static final int W = 760;
  private static final int ROW = 26;
  private static final int LEFT = 150;

  private CostHtml() {}

  static String page(JsonObject r) {
    JsonObject m = r.getJsonObject("machine");
    JsonObject v = r.getJsonObject("variants");
    JsonObject ratios = r.getJsonObject("ratios");
    StringBuilder h = new StringBuilder("<!doctype html><meta charset=utf-8>"
        + "<title>Tickstream players per core</title><style>body{font:14px sans-serif;"
        + "margin:2em;color:#222}td,th{padding:3px 10px;text-align:right;border-bottom:1px"
        + " solid #ddd}th:first-child,td:first-child{text-align:left}.fail{color:#b00}"
        + "pre{background:#f4f4f4;padding:1em;overflow:auto}</style>");
    h.append("<h1>Players per core: server CPU per player per tick</h1>");
    h.append(String.format(Locale.ROOT, "<p>%d cores; %s (%s). Load average %s before, %s"
            + " after. %s rounds of %s s measured per variant after %s s ramp and %s s"
            + " warm-up (%s s more for the pairs and idle variants), %s Hz. %s</p>", m.getInteger("cores"),
        m.getBoolean("pinned") ? "pinned" : "<b>not pinned</b>", esc(m.getString("pinning")),
        m.getValue("load_average_1m_before"), m.getValue("load_average_1m_after"),
        r.getJsonObject("options").getValue("rounds"),
        r.getJsonObject("options").getValue("duration_s"),
        r.getJsonObject("options").getValue("ramp_s"),
        r.getJsonObject("options").getValue("warmup_s"),
        r.getJsonObject("options").getValue("settle_s"),
        r.getJsonObject("options").getValue("tick_hz"), esc(r.getString("notes"))));
    h.append("<table><tr><th>variant</th><th>players</th><th>&micro;s/player/tick</th>"
        + "<th>&divide; floor</th><th>server % of a core</th><th>players' side %</th>"
        + "<th>limit</th><th>latency p50/p99 ms</th><th>B/client/s</th><th>SLO</th>"
        + "<th>runs ok/failed</th></tr>");
    JsonObject overFloor = ratios.getJsonObject("over_floor", new JsonObject());
    for (String name : v.fieldNames()) {
      JsonObject s = v.getJsonObject(name);
      boolean idle = s.getInteger("players") == 0;
      h.append("<tr><td>").append(esc(name)).append("</td><td>")
          .append(idle ? "idle" : s.getValue("players")).append("</td><td>")
          .append(num(s.getValue("us_per_player_per_tick"))).append("</td><td>")
          .append(num(overFloor.getValue(name))).append("</td><td>")
          .append(idle ? num(s.getValue("server_cpu_pct_per_node")) + " per node"
              : num(s.getValue("server_cpu_pct"))).append("</td><td>")
          .append(num(s.getValue("bots_cpu_pct"))).append("</td><td>")
          .append(s.getString("limit", "")).append("</td><td>")
          .append(num(s.getValue("latency_p50_ms"))).append(" / ")
          .append(num(s.getValue("latency_p99_ms"))).append("</td><td>")
          .append(num(s.getValue("bytes_per_client_per_s"))).append("</td><td>")
          .append(s.getValue("slo_pass") == null ? "" : s.getBoolean("slo_pass") ? "met"
              : "<span class=fail>missed</span>").append("</td><td>")
          .append(s.getValue("runs_ok")).append(" / ")
          .append(s.getInteger("runs_failed") > 0 ? "<span class=fail>"
              + s.getValue("runs_failed") + "</span>" : "0").append("</td></tr>");
    }
    h.append("</table><h2>&micro;s of server CPU per player per tick</h2>").append(chart(v));
    h.append("<h2>Ratios (of the medians)</h2><table>");
    for (String k : ratios.fieldNames()) {
      if (!k.equals("over_floor")) {
        Boolean met = CostFigures.meets(k, ratios.getDouble(k));
        h.append("<tr><td>").append(esc(k.replace('_', ' '))).append("</td><td>")
            .append(num(ratios.getValue(k))).append("</td><td>")
            .append(met == null ? "" : "target &le; " + num(CostFigures.TARGETS.get(k))
                + (met ? ": met" : ": <span class=fail>missed</span>"))
            .append("</td></tr>");
      }
    }
    h.append("</table><p>Each variant &divide; floor is in the table's column.</p>");
    JsonArray cap = r.getJsonArray("capacity");
    if (cap != null) {
      h.append("<h2>Capacity on one server core</h2><table><tr><th>build</th>"
          + "<th>players within the SLO</th><th>first step that missed</th></tr>");
      for (int i = 0; i < cap.size(); i++) {
        JsonObject c = cap.getJsonObject(i);
        h.append("<tr><td>").append(esc(c.getString("jar"))).append("</td><td>")
            .append(c.getString("error") != null ? "<span class=fail>" + esc(c.getString("error"))
                + "</span>" : num(c.getValue("last_passing_players"))).append("</td><td>")
            .append(num(c.getValue("first_failing_players"))).append("</td></tr>");
      }
      h.append("</table>");
    }
    h.append("<h2>Every run</h2><table><tr><th>run</th><th>&micro;s/player/tick</th>"
        + "<th>server %</th><th>players' side %</th><th>window s</th><th></th></tr>");
    JsonArray runs = r.getJsonArray("runs");
    for (int i = 0; i < runs.size(); i++) {
      JsonObject x = runs.getJsonObject(i);
      h.append("<tr><td>").append(esc(x.getString("variant"))).append(" r")
          .append(x.getValue("round")).append("</td><td>")
          .append(num(x.getValue("us_per_player_per_tick"))).append("</td><td>")
          .append(num(x.getValue("server_cpu_pct"))).append("</td><td>")
          .append(num(x.getValue("bots_cpu_pct"))).append("</td><td>")
          .append(num(x.getValue("window_s"))).append("</td><td class=fail>")
          .append(x.getString("error") == null ? "" : esc(x.getString("error")))
          .append("</td></tr>");
    }
    h.append("</table><h2>Figures</h2><pre>").append(esc(r.encodePrettily()))
        .append("</pre>\n");
    return h.toString();
  }

  /** Horizontal bars, one per variant with players, and a dashed line at the floor. */
  static String chart(JsonObject variants) {
    double max = 0;
    int n = 0;
    for (String name : variants.fieldNames()) {
      Object us = variants.getJsonObject(name).getValue("us_per_player_per_tick");
      if (us instanceof Number x) {
        max = Math.max(max, x.doubleValue());
        n++;
      }
    }
    if (n == 0) {
      return "<p>no figures</p>";
    }
    int height = n * ROW + 30;
    double scale = (W - LEFT - 80) / Math.max(1e-9, max);
    StringBuilder s = new StringBuilder(String.format(Locale.ROOT, "<svg xmlns="
        + "'http://www.w3.org/2000/svg' width='%d' height='%d' font-family='sans-serif'"
        + " font-size='12' role='img'>", W, height));
    int row = 0;
    Double floor = null;
    for (String name : variants.fieldNames()) {
      Object us = variants.getJsonObject(name).getValue("us_per_player_per_tick");
      if (!(us instanceof Number x)) {
        continue;
      }
      double w = x.doubleValue() * scale;
      int y = 10 + row++ * ROW;
      if (name.equals("floor")) {
        floor = x.doubleValue();
      }
      s.append(String.format(Locale.ROOT, "<text x='%d' y='%d' text-anchor='end'>%s</text>"
              + "<rect x='%d' y='%d' width='%.1f' height='%d' fill='%s'><title>%s: %s"
              + " &#181;s</title></rect><text x='%.1f' y='%d'>%s</text>", LEFT - 8, y + 14,
          esc(name), LEFT, y, w, ROW - 8, name.equals("floor") ? "#999" : "#1565c0",
          esc(name), num(x), LEFT + w + 6, y + 14, num(x)));
    }
    if (floor != null) {
      double fx = LEFT + floor * scale;
      s.append(String.format(Locale.ROOT, "<line x1='%.1f' y1='4' x2='%.1f' y2='%d'"
          + " stroke='#c33' stroke-dasharray='5 4'/><text x='%.1f' y='%d' fill='#c33'>"
          + "frame-I/O floor</text>", fx, fx, height - 18, fx + 4, height - 4));
    }
    return s.append("</svg>").toString();
  }

  /** One run in a line, for the terminal. */
  static String line(JsonObject r) {
    if (r.getString("error") != null) {
      return String.format(Locale.ROOT, "%-17s r%s FAILED: %s", r.getString("variant"),
          r.getValue("round"), r.getString("error"));
    }
    String players = r.getInteger("players") == 0 ? "idle"
        : r.getValue("players") + " players";
    return String.format(Locale.ROOT, "%-17s r%s %s: server %s%% of a core%s, %s us/player/tick,"
            + " players' side %s%%%s%s%s", r.getString("variant"), r.getValue("round"), players,
        num(r.getValue("server_cpu_pct")),
        r.getValue("server_cpu_pct_per_node") == null ? ""
            : " (" + num(r.getValue("server_cpu_pct_per_node")) + "% per node)",
        num(r.getValue("us_per_player_per_tick")), num(r.getValue("bots_cpu_pct")),
        r.getString("limit") == null ? "" : ", limit " + r.getString("limit"),
        r.getValue("latency_p99_ms") == null ? "" : ", p50/p99 "
            + num(r.getValue("latency_p50_ms")) + "/" + num(r.getValue("latency_p99_ms")) + " ms",
        r.getValue("slo_pass") == null ? "" : r.getBoolean("slo_pass") ? ", SLO met"
            : ", SLO missed");
  }

  static String num(Object v) {
    if (!(v instanceof Number n)) {
      return "-";
    }
    double d = n.doubleValue();
    return Math.abs(d) >= 100 ? String.format(Locale.ROOT, "%,.0f", d)
        : String.format(Locale.ROOT, "%.2f", d);
  }

  static String esc(String s) {
    return s == null ? "" : s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }
}
