package dev.tickstream.loadtest;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The node-loss run's {@code nodeloss.json} and {@code nodeloss.html}: the figures, the
 * targets, and two charts drawn as inline SVG (no script, no network): players playing and
 * resuming over time with the kills and restarts marked, and the distribution of the killed
 * node's players' time to resume.
 */
final class NodeLossReport {
  private static final int W = 860;
  private static final int H = 260;
  private static final int PAD = 40;

  private NodeLossReport() {}

  static void write(Path dir, JsonObject report) throws IOException {
    Files.writeString(dir.resolve("nodeloss.json"), report.encodePrettily());
    Files.writeString(dir.resolve("nodeloss.html"), html(report));
  }

  static String html(JsonObject r) {
    StringBuilder s = new StringBuilder("<!doctype html><meta charset=utf-8>"
        + "<title>Tickstream node loss</title><style>body{font:14px sans-serif;margin:2em}"
        + "td,th{padding:2px 10px;text-align:left}.pass{color:#080}.fail{color:#b00}"
        + "pre{background:#f4f4f4;padding:1em;overflow:auto}</style>");
    s.append("<h1>Node loss: ").append(r.getBoolean("pass") ? "<span class=pass>targets met"
        : "<span class=fail>targets missed").append("</span></h1>");
    JsonObject m = r.getJsonObject("machine", new JsonObject());
    s.append(String.format(Locale.ROOT, "<p>%s bots in %s rooms on %s nodes, %s cores, load"
            + " average %.1f before, %.1f after; %.0f s.</p>", r.getValue("bots"),
        r.getValue("rooms"), r.getJsonObject("options").getValue("nodes"), m.getValue("cores"),
        m.getDouble("load_avg_before", -1.0), m.getDouble("load_avg_after", -1.0),
        r.getDouble("duration_s", 0.0)));
    s.append("<h2>Targets</h2><table><tr><th>target</th><th>limit</th><th>value</th>"
        + "<th></th></tr>");
    for (Object o : r.getJsonArray("targets", new JsonArray())) {
      JsonObject t = (JsonObject) o;
      s.append("<tr><td>").append(t.getString("name")).append("</td><td>")
          .append(t.getValue("limit")).append("</td><td>").append(t.getValue("value"))
          .append("</td><td class='").append(t.getBoolean("pass") ? "pass'>met" : "fail'>missed")
          .append("</td></tr>");
    }
    s.append("</table><h2>Players over time</h2>").append(timeline(r));
    s.append("<h2>kill -9: time from drop to first snapshot on a survivor</h2>")
        .append(histogram(r.getJsonObject("kill").getJsonArray("samples_s", new JsonArray())));
    JsonObject figures = r.copy();
    figures.remove("timeline");
    figures.getJsonObject("kill").remove("samples_s");
    s.append("<h2>Figures</h2><pre>").append(escape(figures.encodePrettily())).append("</pre>");
    return s.toString();
  }

  private static String timeline(JsonObject r) {
    JsonArray points = r.getJsonArray("timeline", new JsonArray());
    if (points.isEmpty()) {
      return "<p>no samples</p>";
    }
    double tMax = points.getJsonObject(points.size() - 1).getDouble("t_s");
    double yMax = r.getInteger("bots", 1);
    StringBuilder s = svgStart();
    s.append(axes(tMax, yMax, "s", "players"));
    for (Object o : r.getJsonArray("events", new JsonArray())) {
      JsonObject e = (JsonObject) o;
      double x = x(e.getDouble("t_s"), tMax);
      s.append(String.format(Locale.ROOT, "<line x1='%.1f' y1='%d' x2='%.1f' y2='%d'"
          + " stroke='#ccc'/>"
          + "<title>%s</title>", x, PAD / 2, x, H - PAD, escape(e.getString("what"))));
    }
    s.append(line(points, "playing", tMax, yMax, "#06c"));
    s.append(line(points, "resuming", tMax, yMax, "#e80"));
    s.append(line(points, "lost", tMax, yMax, "#b00"));
    s.append("<text x='").append(W - 330).append("' y='14' font-size='12'>"
        + "<tspan fill='#06c'>playing</tspan> <tspan fill='#e80'>resuming</tspan> "
        + "<tspan fill='#b00'>lost</tspan> (grey: kill, SIGTERM, restart)</text></svg>");
    return s.toString();
  }

  private static String histogram(JsonArray samples) {
    if (samples.isEmpty()) {
      return "<p>no samples</p>";
    }
    double max = 0;
    for (Object o : samples) {
      max = Math.max(max, ((Number) o).doubleValue());
    }
    double width = Math.max(0.1, Math.ceil(max * 4) / 4 / 20);
    int[] bins = new int[21];
    for (Object o : samples) {
      bins[(int) Math.min(20, ((Number) o).doubleValue() / width)]++;
    }
    int top = 1;
    for (int b : bins) {
      top = Math.max(top, b);
    }
    StringBuilder s = svgStart().append(axes(width * 21, top, "s", "players"));
    for (int i = 0; i < bins.length; i++) {
      double x0 = x(i * width, width * 21);
      double x1 = x((i + 1) * width, width * 21);
      double y = y(bins[i], top);
      s.append(String.format(Locale.ROOT, "<rect x='%.1f' y='%.1f' width='%.1f' height='%.1f'"
          + " fill='#06c'><title>%.2f-%.2f s: %d</title></rect>", x0 + 1, y, x1 - x0 - 2,
          H - PAD - y, i * width, (i + 1) * width, bins[i]));
    }
    return s.append("</svg>").toString();
  }

  private static StringBuilder svgStart() {
    return new StringBuilder("<svg xmlns='http://www.w3.org/2000/svg' width='" + W + "' height='"
        + H + "' font-family='sans-serif'>");
  }

  private static String axes(double xMax, double yMax, String xUnit, String yUnit) {
    return String.format(Locale.ROOT, "<line x1='%d' y1='%d' x2='%d' y2='%d' stroke='#000'/>"
            + "<line x1='%d' y1='%d' x2='%d' y2='%d' stroke='#000'/>"
            + "<text x='%d' y='%d' font-size='11'>0</text><text x='%d' y='%d' font-size='11'"
            + " text-anchor='end'>%.4g %s</text><text x='2' y='%d' font-size='11'>%.4g %s</text>",
        PAD, H - PAD, W - 10, H - PAD, PAD, PAD / 2, PAD, H - PAD, PAD, H - PAD + 14, W - 10,
        H - PAD + 14, xMax, xUnit, PAD / 2 + 4, yMax, yUnit);
  }

  private static String line(JsonArray points, String key, double tMax, double yMax,
      String color) {
    StringBuilder d = new StringBuilder();
    for (int i = 0; i < points.size(); i++) {
      JsonObject p = points.getJsonObject(i);
      d.append(i == 0 ? "M" : "L").append(String.format(Locale.ROOT, "%.1f,%.1f",
          x(p.getDouble("t_s"), tMax), y(p.getLong(key, 0L), yMax)));
    }
    return "<path d='" + d + "' fill='none' stroke='" + color + "' stroke-width='1.5'/>";
  }

  private static double x(double v, double max) {
    return PAD + (W - 10 - PAD) * v / Math.max(1e-9, max);
  }

  private static double y(double v, double max) {
    return H - PAD - (H - PAD - PAD / 2.0) * v / Math.max(1e-9, max);
  }

  private static String escape(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }
}
