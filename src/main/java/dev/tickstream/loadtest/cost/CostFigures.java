package dev.tickstream.loadtest.cost;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/** The arithmetic of the cost table: per-player figures, medians, ratios, the limiting side. */
final class CostFigures {
  /**
   * The targets of ratios that have one (the ratio must be at most this): Tickstream under the
   * Node bots at 0.4 of Colyseus's CPU per player under the same bots, wss at 1.15 of ws, a
   * clustered pair at 1.10 of a plain pair with the same players.
   */
  static final Map<String, Double> TARGETS = Map.of("node_ws_over_colyseus", 0.4,
      "wss_over_ws", 1.15, "cluster_pair_over_plain_pair", 1.10);

  private CostFigures() {}

  /** Server CPU in µs per player per tick; null without players or window. */
  static Double usPerPlayerPerTick(double cpuS, int players, int tickHz, double windowS) {
    if (players <= 0 || tickHz <= 0 || windowS <= 0) {
      return null;
    }
    return cpuS * 1e6 / (players * (double) tickHz * windowS);
  }

  /** CPU seconds over a window as percent of one core. */
  static double pctOfCore(double cpuS, double windowS) {
    return windowS <= 0 ? Double.NaN : 100 * cpuS / windowS;
  }

  /**
   * Which side was the limit: the one nearer 100 % of the cores it had ({@code serverPct} and
   * {@code botsPct} are percent of one core; the sides had {@code serverCores} and
   * {@code botCores}). "server" on a tie: the claim is about the server.
   */
  static String limit(double serverPct, int serverCores, double botsPct, int botCores) {
    double s = serverPct / Math.max(1, serverCores);
    double b = botsPct / Math.max(1, botCores);
    return b > s ? "bots" : "server";
  }

  /** Median of the non-null values; null when there are none. */
  static Double median(List<Double> values) {
    List<Double> v = new ArrayList<>();
    for (Double d : values) {
      if (d != null && !d.isNaN()) {
        v.add(d);
      }
    }
    if (v.isEmpty()) {
      return null;
    }
    Collections.sort(v);
    int n = v.size();
    return n % 2 == 1 ? v.get(n / 2) : (v.get(n / 2 - 1) + v.get(n / 2)) / 2;
  }

  /** a ÷ b, null when either is missing or b is not positive. */
  static Double ratio(Double a, Double b) {
    return a == null || b == null || b <= 0 ? null : a / b;
  }

  static Double round(Double v, int places) {
    if (v == null || v.isNaN() || v.isInfinite()) {
      return null;
    }
    double f = Math.pow(10, places);
    return Math.round(v * f) / f;
  }

  /**
   * The ratios of the table from the variants' medians ({@code us}: µs per player per tick by
   * variant, {@code idlePct}: % of a core by idle variant). Absent variants leave their ratios
   * out.
   */
  static JsonObject ratios(Map<String, Double> us, Map<String, Double> idlePct) {
    JsonObject r = new JsonObject();
    Double floor = us.get("floor");
    JsonObject overFloor = new JsonObject();
    for (Map.Entry<String, Double> e : us.entrySet()) {
      if (!e.getKey().equals("floor")) {
        Double x = ratio(e.getValue(), floor);
        if (x != null) {
          overFloor.put(e.getKey(), round(x, 2));
        }
      }
    }
    r.put("over_floor", overFloor);
    putRatio(r, "wss_over_ws", us.get("wss"), us.get("ws"));
    putRatio(r, "ws_tick_over_ws", us.get("ws-tick"), us.get("ws"));
    putRatio(r, "cluster_pair_over_plain_pair", us.get("cluster-pair"), us.get("plain-pair"));
    putRatio(r, "baseline_ws_tick_over_ws_tick", us.get("baseline-ws-tick"), us.get("ws-tick"));
    putRatio(r, "baseline_ws_over_ws", us.get("baseline-ws"), us.get("ws"));
    putRatio(r, "node_ws_over_colyseus", us.get("node-ws"), us.get("colyseus"));
    Double ic = idlePct.get("idle-cluster");
    Double ip = idlePct.get("idle-plain");
    putRatio(r, "idle_cluster_over_idle_plain", ic, ip);
    if (ic != null && ip != null) {
      r.put("idle_cluster_minus_idle_plain_pct", round(ic - ip, 2));
    }
    // What a clustered node adds at rest on top of the clustering library's own idle cost.
    Double ih = idlePct.get("idle-hazelcast");
    if (ic != null && ih != null) {
      r.put("idle_cluster_minus_idle_hazelcast_pct", round(ic - ih, 2));
    }
    return r;
  }

  /** Whether {@code ratio} meets its target (null: it has none, or is missing). */
  static Boolean meets(String ratio, Double value) {
    Double target = TARGETS.get(ratio);
    return target == null || value == null ? null : value <= target;
  }

  private static void putRatio(JsonObject r, String key, Double a, Double b) {
    Double x = ratio(a, b);
    if (x != null) {
      r.put(key, round(x, 3));
    }
  }

  /** The values of {@code key} over {@code runs} (null where absent). */
  static List<Double> values(JsonArray runs, String key) {
    List<Double> out = new ArrayList<>();
    for (int i = 0; i < runs.size(); i++) {
      Object v = runs.getJsonObject(i).getValue(key);
      out.add(v instanceof Number n ? n.doubleValue() : null);
    }
    return out;
  }
}
