package dev.tickstream.bench;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Arrays;
import java.util.Locale;

/**
 * The scaling report as one self-contained HTML page: a table and inline SVG charts on
 * log-log axes, where linear growth is a line of slope one (drawn dashed from the first size).
 */
final class ScalingHtml {
  private static final int W = 520;
  private static final int H = 300;
  private static final int PAD = 56;

  private ScalingHtml() {}

  static String page(JsonObject report) {
    JsonArray series = report.getJsonArray("series");
    JsonObject g = report.getJsonObject("growth");
    StringBuilder h = new StringBuilder("""
        <!doctype html><html><head><meta charset="utf-8"><title>Tickstream world scaling</title>
        <style>body{font:14px system-ui,sans-serif;margin:2em;color:#222}
        table{border-collapse:collapse}td,th{padding:4px 10px;border-bottom:1px solid #ddd;
        text-align:right}svg{margin:1em 1em 0 0;background:#fafafa}text{font-size:11px}</style>
        </head><body><h1>World scaling</h1>
        """);
    h.append(String.format(Locale.ROOT, "<p>From %,d to %,d players (%.1f&times;): server CPU"
        + " per tick %.2f&times; (within each round: median %.2f&times;, rounds %s),"
        + " bytes per client per second %.2f&times;, entities in view"
        + " %.2f&times;, CPU per client per entity in view %.2f&times;, CPU per byte sent"
        + " %.2f&times;. Fitted exponent of CPU over players: %.2f (1 is linear). Medians of %d"
        + " interleaved rounds, one child JVM per run.</p>", g.getInteger("from_players"),
        g.getInteger("to_players"), g.getDouble("players"), g.getDouble("server_cpu_per_tick"),
        g.getDouble("server_cpu_per_tick_round_median"),
        g.getJsonArray("server_cpu_per_tick_by_round").encode(),
        g.getDouble("bytes_per_client_per_s"), g.getDouble("entities_in_view"),
        g.getDouble("cpu_per_client_per_entity_in_view"), g.getDouble("cpu_per_byte_sent"),
        g.getDouble("cpu_exponent"), report.getInteger("rounds")));
    h.append("<table><tr><th>players</th><th>map</th><th>in view</th><th>B/client/s</th>"
        + "<th>CPU ms/tick</th><th>runs</th><th>fan-out ms/tick</th>"
        + "<th>ns/client/entity</th><th>ns/byte sent</th></tr>");
    for (int i = 0; i < series.size(); i++) {
      JsonObject s = series.getJsonObject(i);
      h.append(String.format(Locale.ROOT, "<tr><td>%,d</td><td>%s</td><td>%.1f</td>"
          + "<td>%,.0f</td><td>%.2f</td><td>%s</td><td>%.2f</td><td>%.1f</td><td>%.1f</td></tr>",
          s.getInteger("players"), s.getValue("map_size"), s.getDouble("entities_in_view_mean"),
          s.getDouble("bytes_per_client_per_s_p50"), s.getDouble("server_cpu_ms_per_tick_p50"),
          s.getJsonArray("server_cpu_ms_per_tick_p50_runs").encode(),
          s.getDouble("fanout_cpu_ms_per_tick_p50"),
          s.getDouble("cpu_ns_per_client_per_entity_in_view"),
          s.getDouble("cpu_ns_per_byte_sent")));
    }
    h.append("</table>");
    h.append(chart(series, "server CPU ms per tick (p50)", "server_cpu_ms_per_tick_p50", true));
    h.append(chart(series, "bytes per client per second (p50)", "bytes_per_client_per_s_p50",
        false));
    h.append(chart(series, "CPU ns per client per entity in view",
        "cpu_ns_per_client_per_entity_in_view", false));
    h.append("<pre>").append(report.encodePrettily().replace("<", "&lt;"))
        .append("</pre></body></html>\n");
    return h.toString();
  }

  /** Log-log chart of {@code key} over players; {@code linear}: the slope-one reference. */
  static String chart(JsonArray series, String title, String key, boolean linear) {
    int n = series.size();
    double[] x = new double[n];
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = Math.log(series.getJsonObject(i).getInteger("players"));
      y[i] = Math.log(series.getJsonObject(i).getDouble(key));
    }
    double x0 = Arrays.stream(x).min().orElseThrow() - 0.1;
    double x1 = Arrays.stream(x).max().orElseThrow() + 0.1;
    double y0 = Arrays.stream(y).min().orElseThrow();
    double y1 = Arrays.stream(y).max().orElseThrow();
    if (linear) {
      y1 = Math.max(y1, y[0] + (x[n - 1] - x[0]));
    }
    // At least a factor of two tall, so a flat line looks flat.
    double mid = (y0 + y1) / 2;
    double half = Math.max((y1 - y0) / 2 + 0.1, Math.log(2) / 2);
    y0 = mid - half;
    y1 = mid + half;
    StringBuilder s = new StringBuilder(String.format(Locale.ROOT,
        "<svg width=\"%d\" height=\"%d\" role=\"img\"><text x=\"%d\" y=\"16\""
            + " font-weight=\"bold\">%s</text>", W, H, PAD, title));
    s.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\""
        + " stroke=\"#999\"/>", PAD, H - PAD, W - 10, H - PAD));
    for (int i = 0; i < n; i++) {
      double px = px(x[i], x0, x1);
      s.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">"
          + "%d</text>", px, H - PAD + 16, series.getJsonObject(i).getInteger("players")));
    }
    s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">"
        + "players (log)</text>", W / 2, H - 12));
    if (linear) {
      s.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\""
          + " y2=\"%.1f\" stroke=\"#c33\" stroke-dasharray=\"5 4\"/><text x=\"%.1f\""
          + " y=\"%.1f\" fill=\"#c33\">linear</text>", px(x[0], x0, x1), py(y[0], y0, y1),
          px(x[n - 1], x0, x1), py(y[0] + x[n - 1] - x[0], y0, y1),
          px(x[n - 1], x0, x1) - 40, py(y[0] + x[n - 1] - x[0], y0, y1) - 6));
    }
    StringBuilder pts = new StringBuilder();
    for (int i = 0; i < n; i++) {
      double px = px(x[i], x0, x1);
      double py = py(y[i], y0, y1);
      pts.append(String.format(Locale.ROOT, "%.1f,%.1f ", px, py));
      s.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3.5\""
          + " fill=\"#1565c0\"/><text x=\"%.1f\" y=\"%.1f\">%s</text>", px, py, px + 6,
          py - 6, fmt(Math.exp(y[i]))));
    }
    s.append("<polyline fill=\"none\" stroke=\"#1565c0\" stroke-width=\"2\" points=\"")
        .append(pts.toString().trim()).append("\"/></svg>");
    return s.toString();
  }

  private static String fmt(double v) {
    return v >= 100 ? String.format(Locale.ROOT, "%,.0f", v)
        : String.format(Locale.ROOT, "%.2f", v);
  }

  private static double px(double v, double lo, double hi) {
    return PAD + (v - lo) / (hi - lo) * (W - PAD - 20);
  }

  private static double py(double v, double lo, double hi) {
    return H - PAD - (v - lo) / (hi - lo) * (H - PAD - 30);
  }
}
