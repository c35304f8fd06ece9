package dev.tickstream.loadtest;

import java.util.HashMap;
import java.util.Map;

/**
 * One scrape of a node's {@code /metrics} (Prometheus text format), reduced to the figures the
 * load test reports. Series with labels are summed by name (e.g. closes of every code).
 */
record ServerMetrics(long atNanos, Map<String, Double> series) {

  static ServerMetrics parse(String text, long atNanos) {
    Map<String, Double> m = new HashMap<>();
    for (String line : text.split("\n")) {
      if (line.isEmpty() || line.charAt(0) == '#') {
        continue;
      }
      int space = line.lastIndexOf(' ');
      if (space <= 0) {
        continue;
      }
      try {
        m.put(line.substring(0, space).trim(), Double.parseDouble(line.substring(space + 1)));
      } catch (NumberFormatException e) {
        // NaN and +Inf parse; anything else is not a sample line we need.
      }
    }
    return new ServerMetrics(atNanos, m);
  }

  /** The value of exactly {@code series} (with its labels), or NaN when absent. */
  double get(String series) {
    Double v = this.series.get(series);
    return v == null ? Double.NaN : v;
  }

  /** The sum over every series named {@code name} whatever its labels; 0 when absent. */
  double sum(String name) {
    double s = 0;
    for (Map.Entry<String, Double> e : series.entrySet()) {
      String k = e.getKey();
      int brace = k.indexOf('{');
      if ((brace < 0 ? k : k.substring(0, brace)).equals(name)) {
        s += e.getValue();
      }
    }
    return s;
  }

  /**
   * The value of label {@code label} on a series named {@code name} (e.g. the transport on
   * {@code tickstream_node_info}), or null when the server has no such series.
   */
  String label(String name, String label) {
    for (String k : series.keySet()) {
      if (k.startsWith(name + "{")) {
        int at = Math.max(k.indexOf("{" + label + "=\""), k.indexOf("," + label + "=\""));
        if (at >= 0) {
          int from = at + label.length() + 3;
          int to = k.indexOf('"', from);
          return to < 0 ? null : k.substring(from, to);
        }
      }
    }
    return null;
  }

  /** The sum over the series named {@code name} whose labels contain {@code label}. */
  double sum(String name, String label) {
    double s = 0;
    for (Map.Entry<String, Double> e : series.entrySet()) {
      String k = e.getKey();
      if (k.startsWith(name + "{") && k.contains(label)) {
        s += e.getValue();
      }
    }
    return s;
  }

  /** The server JVM's heap in use: jvm_memory_used_bytes of every heap pool. */
  double heapUsedBytes() {
    return sum("jvm_memory_used_bytes", "area=\"heap\"");
  }

  /** A quantile of a summary in milliseconds (the metric is in seconds), NaN when absent. */
  double quantileMs(String summary, String q) {
    return get(summary + "{quantile=\"" + q + "\"}") * 1000;
  }

  double tickP50Ms() {
    return quantileMs("tickstream_tick_duration_seconds", "0.5");
  }

  double tickP99Ms() {
    return quantileMs("tickstream_tick_duration_seconds", "0.99");
  }

  double latenessP99Ms() {
    return quantileMs("tickstream_tick_lateness_seconds", "0.99");
  }

  /** Mean tick duration in ms between an earlier scrape and this one, NaN without ticks. */
  double meanTickMsSince(ServerMetrics before) {
    double n = sum("tickstream_tick_duration_seconds_count")
        - before.sum("tickstream_tick_duration_seconds_count");
    double s = sum("tickstream_tick_duration_seconds_sum")
        - before.sum("tickstream_tick_duration_seconds_sum");
    return n > 0 ? s / n * 1000 : Double.NaN;
  }

  /** The node's whole-process CPU time in ns (Micrometer's process.cpu.time), NaN if absent. */
  double cpuNanos() {
    return get("process_cpu_time_ns_total");
  }

  /** Change of a counter (summed over labels) since an earlier scrape. */
  double delta(ServerMetrics before, String name) {
    return sum(name) - before.sum(name);
  }
}
