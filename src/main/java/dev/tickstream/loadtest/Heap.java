package dev.tickstream.loadtest;

import io.vertx.core.json.JsonObject;

/** The server's heap in use over a run, from its /metrics: the peak and the last sample. */
final class Heap {
  private double maxBytes;
  private double maxAtS;
  private double lastBytes;
  private double firstBytes = Double.NaN;

  void sample(ServerMetrics m, double atS) {
    if (m == null) {
      return;
    }
    double b = m.heapUsedBytes();
    if (b <= 0) {
      return; // a server without JVM metrics
    }
    if (Double.isNaN(firstBytes)) {
      firstBytes = b;
    }
    if (b > maxBytes) {
      maxBytes = b;
      maxAtS = atS;
    }
    lastBytes = b;
  }

  JsonObject json(boolean sameJvm) {
    return new JsonObject()
        .put("first_mb", Stage.round(firstBytes / 1e6))
        .put("max_mb", Stage.round(maxBytes / 1e6))
        .put("max_at_s", Stage.round(maxAtS))
        .put("end_mb", Stage.round(lastBytes / 1e6))
        .put("note", "jvm_memory_used_bytes{area=\"heap\"} summed over pools, sampled once a"
            + " second; garbage not yet collected counts"
            + (sameJvm ? "; the server shares this JVM with the bots" : ""));
  }
}
