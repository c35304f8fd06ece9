package dev.tickstream.loadtest;

import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * The long-run figures of a load run's timeline: how the server's memory after collection,
 * resident memory, open descriptors and threads trend while the load holds, and whether its
 * tick p99 stayed where it began. Trends are least-squares slopes over the measured samples
 * after the first fifth (the JIT, the pools and the rooms settle there), per 10 minutes.
 */
final class Soak {
  /** A leak this slow still fits the soak's target: the heap after GC, MB per 10 minutes. */
  static final double MAX_HEAP_MB_PER_10MIN = 1.0;
  /** Descriptors may wander by a few (log rotation, a scrape in flight), not climb. */
  static final double MAX_FDS_PER_10MIN = 1.0;

  private Soak() {}

  static JsonObject json(List<JsonObject> timeline) {
    List<JsonObject> measured = new ArrayList<>();
    for (JsonObject p : timeline) {
      if (Boolean.TRUE.equals(p.getBoolean("measuring"))) {
        measured.add(p);
      }
    }
    List<JsonObject> settled = measured.subList(measured.size() / 5, measured.size());
    JsonObject heap = trend(settled, "server_heap_after_gc_mb");
    JsonObject fds = trend(settled, "server_open_fds");
    JsonObject out = new JsonObject()
        .put("samples", settled.size())
        .put("minutes", settled.size() < 2 ? 0 : Stage.round(
            (settled.get(settled.size() - 1).getDouble("t_s")
                - settled.get(0).getDouble("t_s")) / 60))
        .put("heap_after_gc_mb", heap)
        .put("rss_mb", trend(settled, "server_rss_mb"))
        .put("open_fds", fds)
        .put("threads", trend(settled, "server_threads"))
        .put("tick_p99_ms", trend(settled, "server_tick_p99_ms"));
    Double heapSlope = heap.getDouble("per_10min");
    Double fdSlope = fds.getDouble("per_10min");
    out.put("targets", new JsonObject()
        .put("heap_after_gc_mb_per_10min_max", MAX_HEAP_MB_PER_10MIN)
        .put("open_fds_per_10min_max", MAX_FDS_PER_10MIN)
        .put("pass", heapSlope != null && fdSlope != null
            && heapSlope < MAX_HEAP_MB_PER_10MIN && fdSlope < MAX_FDS_PER_10MIN));
    return out;
  }

  /** First and last tenth's medians, the maximum and the slope per 10 minutes; nulls if absent. */
  static JsonObject trend(List<JsonObject> points, String key) {
    List<double[]> xy = new ArrayList<>();
    for (JsonObject p : points) {
      Object v = p.getValue(key);
      if (v instanceof Number n && !Double.isNaN(n.doubleValue())) {
        xy.add(new double[] {p.getDouble("t_s"), n.doubleValue()});
      }
    }
    JsonObject j = new JsonObject().put("points", xy.size());
    if (xy.size() < 2) {
      return j.putNull("first").putNull("last").putNull("max").putNull("per_10min");
    }
    int tenth = Math.max(1, xy.size() / 10);
    double sx = 0;
    double sy = 0;
    double max = Double.NEGATIVE_INFINITY;
    for (double[] p : xy) {
      sx += p[0];
      sy += p[1];
      max = Math.max(max, p[1]);
    }
    double mx = sx / xy.size();
    double my = sy / xy.size();
    double num = 0;
    double den = 0;
    for (double[] p : xy) {
      num += (p[0] - mx) * (p[1] - my);
      den += (p[0] - mx) * (p[0] - mx);
    }
    double perSecond = den == 0 ? 0 : num / den;
    return j.put("first", Stage.round(median(xy.subList(0, tenth))))
        .put("last", Stage.round(median(xy.subList(xy.size() - tenth, xy.size()))))
        .put("max", Stage.round(max))
        .put("per_10min", Stage.round(perSecond * 600));
  }

  private static double median(List<double[]> xy) {
    double[] v = xy.stream().mapToDouble(p -> p[1]).sorted().toArray();
    return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
  }
}
