package dev.tickstream.loadtest;

import io.vertx.core.json.JsonObject;
import java.io.PrintStream;
import java.util.Locale;

/**
 * The live view: one line a second, rewritten in place on a terminal (carriage return) and
 * printed as plain lines otherwise (a CI log, a pipe), so both stay readable.
 */
final class Progress {
  private final PrintStream out;
  private final boolean tty;
  private int lastWidth;

  Progress(PrintStream out, boolean tty) {
    this.out = out;
    this.tty = tty;
  }

  /** Live lines on the console: in place only when stdout is a terminal. */
  static Progress console() {
    return new Progress(System.out, System.console() != null);
  }

  void begin(String url, String mode) {
    out.println("loadtest: server " + url + " (" + mode + ")");
  }

  void line(JsonObject p) {
    String s = String.format(Locale.ROOT,
        "[%5.0fs] bots %d/%d%s | snap/s %.0f | %.2f kB/s/bot | lat p50 %s p99 %s ms"
            + " | tick p99 %s ms | cpu srv %s%% bots %s%% | err %d disc %d",
        p.getDouble("t_s"), p.getInteger("bots_connected"), p.getInteger("bots_target"),
        p.getInteger("bots_connecting") > 0 ? " (+" + p.getInteger("bots_connecting") + ")" : "",
        p.getDouble("snapshots_per_s"), p.getDouble("kb_per_s_per_bot"),
        num(p.getDouble("latency_p50_ms")), num(p.getDouble("latency_p99_ms")),
        num(p.getDouble("server_tick_p99_ms")), pct(p.getDouble("server_cpu_pct")),
        pct(p.getDouble("bots_cpu_pct")), p.getLong("errors"), p.getLong("disconnects"));
    if (tty) {
      // Pad over the rest of a longer previous line.
      out.print("\r" + s + " ".repeat(Math.max(0, lastWidth - s.length())));
      lastWidth = s.length();
    } else {
      out.println(s);
    }
    out.flush();
  }

  void stage(Stage stage, boolean pass, int tickHz) {
    if (tty) {
      out.println();
      lastWidth = 0;
    }
    out.printf(Locale.ROOT, "stage %d bots: %s (latency p99 %s ms, %d disconnects, %d errors)%n",
        stage.bots, pass ? "SLO met" : "SLO missed", num(stage.latencyP99Ms()),
        stage.disconnects(), stage.errors());
  }

  /** The chaos verdict and one line per misbehaving kind. */
  void chaos(JsonObject c) {
    JsonObject w = c.getJsonObject("well_behaved");
    out.printf(Locale.ROOT, "chaos: %s (%d well-behaved bots: p99 %s ms, %d disconnects)%n",
        c.getBoolean("pass") ? "every misbehaving bot got its expected close" : "FAILED",
        w.getInteger("bots"), w.getJsonObject("latency_ms").getValue("p99"),
        w.getLong("disconnects"));
    var kinds = c.getJsonArray("kinds");
    for (int i = 0; i < kinds.size(); i++) {
      JsonObject k = kinds.getJsonObject(i);
      out.printf(Locale.ROOT, "  %-9s %3d bots, expected %-7s got it %3d, seen %s%n",
          k.getString("kind"), k.getInteger("bots"), k.getString("expected"),
          k.getInteger("got_expected"), k.getJsonObject("seen").encode());
    }
  }

  private static String num(Double v) {
    return v == null || v.isNaN() ? "-" : String.format(Locale.ROOT, "%.1f", v);
  }

  private static String pct(Double v) {
    return v == null || v.isNaN() ? "-" : String.format(Locale.ROOT, "%.0f", v);
  }
}
