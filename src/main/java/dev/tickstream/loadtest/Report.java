package dev.tickstream.loadtest;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * {@code report.json} (the figures, for machines and CI) and {@code report.html} (the same
 * figures and charts over time, one self-contained file: the data and a small drawing script
 * are inline, nothing is fetched).
 */
public final class Report {
  private Report() {}

  static JsonObject build(LoadtestOptions o, ServerTarget target, List<Stage> stages,
      List<JsonObject> timeline, int tickHz, double load0, double load1, long scrapeErrors) {
    Stage chosen = stages.get(stages.size() - 1);
    JsonObject capacity = null;
    if (o.capacity() != null) {
      JsonArray steps = new JsonArray();
      Stage lastPass = null;
      Stage firstFail = null;
      for (Stage s : stages) {
        JsonObject j = s.json(o, tickHz);
        steps.add(new JsonObject().put("bots", s.bots)
            .put("bots_connected", j.getValue("bots_connected"))
            .put("latency_ms", j.getValue("latency_ms"))
            .put("bytes_per_bot_per_s", j.getValue("bytes_per_bot_per_s"))
            .put("server_tick_ms", j.getValue("server_tick_ms"))
            .put("server_cpu_pct", j.getValue("server_cpu_pct"))
            .put("bots_cpu_pct", j.getValue("bots_cpu_pct"))
            .put("disconnects", j.getValue("disconnects"))
            .put("errors", j.getValue("errors"))
            .put("slo_pass", j.getValue("slo_pass")));
        if (j.getBoolean("slo_pass") && firstFail == null) {
          lastPass = s;
        } else if (firstFail == null) {
          firstFail = s;
        }
      }
      chosen = lastPass != null ? lastPass : chosen;
      capacity = new JsonObject()
          .put("start", o.capacity().start()).put("step", o.capacity().step())
          .put("max_steps", o.capacity().maxSteps())
          .put("last_passing_bots", lastPass == null ? null : lastPass.bots)
          .put("first_failing_bots", firstFail == null ? null : firstFail.bots)
          .put("limit_reached", firstFail != null)
          .put("steps", steps);
    }
    JsonObject r = chosen.json(o, tickHz);
    if (capacity != null) {
      // A search passes when some step met the SLO; its figures are that step's.
      r.put("slo_pass", capacity.getValue("last_passing_bots") != null);
      r.put("capacity", capacity);
    }
    return r
        .put("mode", o.capacity() == null ? "run" : "capacity")
        .put("slo", new JsonObject().put("latency_p99_ms", o.sloP99MsFor(tickHz))
            .put("max_disconnects", o.sloMaxDisconnects()).put("max_errors", o.sloMaxErrors()))
        .put("server_target", new JsonObject().put("mode", target.mode)
            .put("url", target.baseUrl).put("same_jvm_as_bots", target.sameJvm))
        .put("options", new JsonObject()
            .put("bots", o.bots()).put("ramp_s", o.rampS()).put("warmup_s", o.warmupS())
            .put("duration_s", o.durationS())
            .put("room_size", o.url() == null ? o.roomSize() : null).put("world", o.world())
            .put("input_hz", o.inputHz()).put("inputs", o.inputs().wire())
            .put("decode_every", o.decodeEvery()).put("mix", o.mix().toString())
            .put("tls", o.tls() || target.baseUrl.startsWith("https"))
            .put("insecure", o.insecure())
            .put("proxy", o.proxyHost() == null ? null : o.proxyHost() + ":" + o.proxyPort())
            .put("seed", o.seed()).put("bot_threads", o.botThreads()))
        .put("machine", new JsonObject()
            .put("cores", Runtime.getRuntime().availableProcessors())
            .put("load_average_1m_before", Stage.round(load0))
            .put("load_average_1m_after", Stage.round(load1))
            .put("java", System.getProperty("java.vm.name") + " "
                + System.getProperty("java.version")))
        .put("cpu_note", "percent of one core; " + (target.sameJvm
            ? "server and bots share a JVM: bots = their event-loop threads, server = the rest"
            : "server = its process (from /metrics), bots = the load test's process"))
        .put("metrics_scrape_errors", scrapeErrors)
        .put("finished_at", Instant.now().toString())
        .put("timeline", new JsonArray(List.copyOf(timeline)));
  }

  public static double loadAverage() {
    return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
  }

  public static void write(Path dir, JsonObject report) throws IOException {
    Files.createDirectories(dir);
    Files.writeString(dir.resolve("report.json"), report.encodePrettily());
    Files.writeString(dir.resolve("report.html"), html(report));
  }

  static String html(JsonObject report) throws IOException {
    String template;
    try (InputStream in = Report.class.getResourceAsStream("report-template.html")) {
      if (in == null) {
        throw new IOException("report-template.html is missing from the jar");
      }
      template = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    // "</" inside a script would end it early; "<\/" is the same string to JavaScript.
    String data = report.encode().replace("</", "<\\/");
    return template.replace("/*REPORT_JSON*/null", data);
  }
}
