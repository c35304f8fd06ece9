package dev.tickstream.loadtest;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the bots and the server did during one stage: the whole run, or one step of a
 * capacity search. Errors and disconnects count from the stage's start (ramp-up included);
 * latency, bandwidth, snapshot intervals and CPU count only while measuring (after the ramp),
 * so they describe the load held, not the load arriving.
 */
final class Stage {
  final int bots;
  /** Bots expected to stay connected: all but the chaos bots. */
  final int wellBehaved;
  private final Histogram latency = new Histogram();
  private final Histogram interval = new Histogram();
  private final Histogram loopLateness = new Histogram();
  private final Map<String, Long> closeCodes = new TreeMap<>();
  private long snapshots;
  private long bytes;
  private double botSeconds;
  private long inputsSent;
  private long framesOut;
  private long bytesOut;
  private int fullDecoders;
  private long errors;
  private long disconnects;
  private int playing;
  private int peakPlaying;
  private double machineCpuSum;
  private int machineCpuSamples;
  private String lastError;
  private ServerMetrics m0;
  private ServerMetrics m1;
  private long t0;
  private long t1;
  private double botCpu0;
  private double botCpu1;
  private double serverCpu0;
  private double serverCpu1;

  Stage(int bots, int wellBehaved) {
    this.bots = bots;
    this.wellBehaved = wellBehaved;
  }

  /** Measurement starts: the figures at this moment are the baseline. */
  void beginMeasuring(ServerMetrics m, double botCpuNanos, double serverCpuNanos, long now) {
    m0 = m;
    t0 = now;
    botCpu0 = botCpuNanos;
    serverCpu0 = serverCpuNanos;
  }

  void endMeasuring(ServerMetrics m, double botCpuNanos, double serverCpuNanos, long now) {
    m1 = m;
    t1 = now;
    botCpu1 = botCpuNanos;
    serverCpu1 = serverCpuNanos;
  }

  boolean measuring() {
    return m0 != null && m1 == null;
  }

  /** One loop's window; {@code seconds} is how long that window was. */
  void add(BotLoop.Window w, double seconds) {
    errors += w.errors();
    disconnects += w.disconnects();
    w.closeCodes().forEach((k, v) -> closeCodes.merge(k, v, Long::sum));
    if (w.lastError() != null) {
      lastError = w.lastError();
    }
    if (measuring()) {
      latency.add(w.latency());
      interval.add(w.interval());
      loopLateness.add(w.lateness());
      snapshots += w.snapshots();
      bytes += w.bytesIn();
      inputsSent += w.inputsSent();
      framesOut += w.framesOut();
      bytesOut += w.bytesOut();
      botSeconds += w.playing() * seconds;
    }
  }

  /** The whole machine's CPU over the last second, percent of one core (NaN: unknown). */
  void machineCpu(double pct) {
    if (measuring() && !Double.isNaN(pct)) {
      machineCpuSum += pct;
      machineCpuSamples++;
    }
  }

  /** Playing bots that keep a full mirror, summed over loops by the caller. */
  void fullDecoders(int n) {
    fullDecoders = n;
  }

  /** Bots playing now, summed over loops by the caller. */
  void playing(int n) {
    playing = n;
    peakPlaying = Math.max(peakPlaying, n);
  }

  double latencyP99Ms() {
    return latency.count() == 0 ? Double.NaN : latency.percentileMs(0.99);
  }

  long errors() {
    return errors;
  }

  long disconnects() {
    return disconnects;
  }

  int playing() {
    return playing;
  }

  /** The SLO's checks, each with its limit, value and verdict. */
  JsonArray checks(LoadtestOptions o, int tickHz) {
    double limit = o.sloP99MsFor(tickHz);
    double p99 = latencyP99Ms();
    return new JsonArray()
        .add(check("latency_p99_ms", limit, round(p99), !Double.isNaN(p99) && p99 <= limit))
        .add(check("disconnects", o.sloMaxDisconnects(), disconnects,
            disconnects <= o.sloMaxDisconnects()))
        .add(check("errors", o.sloMaxErrors(), errors, errors <= o.sloMaxErrors()))
        .add(check("bots_connected", wellBehaved, playing, playing >= wellBehaved));
  }

  static boolean pass(JsonArray checks) {
    for (int i = 0; i < checks.size(); i++) {
      if (!checks.getJsonObject(i).getBoolean("pass")) {
        return false;
      }
    }
    return true;
  }

  private static JsonObject check(String name, Object limit, Object value, boolean pass) {
    return new JsonObject().put("name", name).put("limit", limit).put("value", value)
        .put("pass", pass);
  }

  /** The report's fields for this stage. */
  JsonObject json(LoadtestOptions o, int tickHz) {
    double seconds = (t1 - t0) / 1e9;
    JsonArray checks = checks(o, tickHz);
    JsonObject j = new JsonObject()
        .put("bots_target", bots)
        .put("bots_connected", playing)
        .put("bots_well_behaved", wellBehaved)
        .put("bots_connected_peak", peakPlaying)
        .put("duration_s", round(seconds))
        .put("tick_hz", tickHz)
        .put("latency_ms", new JsonObject()
            .put("p50", round(latency.percentileMs(0.5)))
            .put("p95", round(latency.percentileMs(0.95)))
            .put("p99", round(latency.percentileMs(0.99)))
            .put("max", round(latency.maxMicros() / 1000.0))
            .put("count", latency.count()))
        .put("snapshot_interval_ms", new JsonObject()
            .put("p50", round(interval.percentileMs(0.5)))
            .put("p99", round(interval.percentileMs(0.99)))
            .put("count", interval.count()))
        .put("bot_loop_lateness_ms", new JsonObject()
            .put("p50", round(loopLateness.percentileMs(0.5)))
            .put("p99", round(loopLateness.percentileMs(0.99)))
            .put("max", round(loopLateness.maxMicros() / 1000.0)))
        .put("snapshots_per_s", round(snapshots / Math.max(1e-9, seconds)))
        .put("bytes_per_bot_per_s", round(bytes / Math.max(1e-9, botSeconds)))
        .put("inputs_sent", inputsSent)
        // Everything the bots wrote (inputs, acks, keep-alives, pings): the server's inbound.
        .put("frames_to_server_per_s", round(framesOut / Math.max(1e-9, seconds)))
        .put("frames_per_bot_per_s", round(framesOut / Math.max(1e-9, botSeconds)))
        .put("bytes_sent_per_bot_per_s", round(bytesOut / Math.max(1e-9, botSeconds)))
        .put("bots_full_decode", fullDecoders)
        .put("inputs_acked", latency.count())
        .put("disconnects", disconnects)
        .put("close_codes", new JsonObject(new TreeMap<>(closeCodes)))
        .put("errors", errors)
        .put("last_error", lastError)
        .put("bots_cpu_pct", round((botCpu1 - botCpu0) / 1e9 / seconds * 100))
        .put("server_cpu_pct", round((serverCpu1 - serverCpu0) / 1e9 / seconds * 100))
        .put("machine_cpu_pct", machineCpuSamples == 0 ? null
            : round(machineCpuSum / machineCpuSamples))
        // Per player (bot) and tick: comparable across bot counts and with DESIGN's budget.
        .put("server_cpu_us_per_player_tick",
            round((serverCpu1 - serverCpu0) / 1e3 / Math.max(1e-9, botSeconds * tickHz)))
        .put("bots_cpu_us_per_bot_tick",
            round((botCpu1 - botCpu0) / 1e3 / Math.max(1e-9, botSeconds * tickHz)));
    if (m1 != null) {
      j.put("server_tick_ms", new JsonObject()
              .put("p50", round(m1.tickP50Ms()))
              .put("p99", round(m1.tickP99Ms()))
              .put("mean", round(m1.meanTickMsSince(m0))))
          .put("server_tick_lateness_ms_p99", round(m1.latenessP99Ms()))
          .put("server", new JsonObject()
              .put("players", m1.sum("tickstream_players"))
              .put("rooms", m1.sum("tickstream_rooms"))
              .put("connections", m1.sum("tickstream_connections"))
              .put("bytes_out_per_s", round(m1.delta(m0, "tickstream_bytes_out_total") / seconds))
              .put("snapshots_skipped", m1.delta(m0, "tickstream_snapshots_skipped_total"))
              .put("inputs_dropped", m1.delta(m0, "tickstream_inputs_dropped_total")
                  + m1.delta(m0, "tickstream_connection_inputs_dropped_total"))
              .put("decode_errors", m1.delta(m0, "tickstream_decode_errors_total"))
              .put("closes", m1.delta(m0, "tickstream_closes_total")));
    }
    j.put("limit", limit(o, tickHz, j));
    return j.put("slo_checks", checks).put("slo_pass", pass(checks));
  }

  /**
   * Which side held the run back: the bots when their timer fell behind by half a tick or
   * their event loops were nearly full; the server when its ticks ran late by half a tick or
   * took more than half the period; else neither. The ratio of the bots' CPU to the server's
   * says how far a bots' core can push a server's.
   */
  static JsonObject limit(LoadtestOptions o, int tickHz, JsonObject j) {
    double halfTick = 500.0 / Math.max(1, tickHz);
    Double bots = j.getDouble("bots_cpu_pct");
    Double server = j.getDouble("server_cpu_pct");
    Double botLate = j.getJsonObject("bot_loop_lateness_ms").getDouble("p99");
    Double serverLate = j.getDouble("server_tick_lateness_ms_p99");
    JsonObject tick = j.getJsonObject("server_tick_ms");
    Double serverTick = tick == null ? null : tick.getDouble("p99");
    double botsBusy = bots == null ? Double.NaN : bots / (100.0 * o.botThreads());
    String side;
    String why;
    if (botLate != null && botLate > halfTick || botsBusy >= 0.9) {
      side = "bots";
      why = "bot loop lateness p99 " + botLate + " ms (limit " + round(halfTick)
          + "), bots' loops " + round(botsBusy * 100) + " % busy";
    } else if (serverLate != null && serverLate > halfTick
        || serverTick != null && serverTick > halfTick) {
      side = "server";
      why = "server tick lateness p99 " + serverLate + " ms, tick p99 " + serverTick
          + " ms (limit " + round(halfTick) + ")";
    } else {
      side = "neither";
      why = "both kept time: bot loop lateness p99 " + botLate + " ms, server tick lateness"
          + " p99 " + serverLate + " ms (limit " + round(halfTick) + " each)";
    }
    return new JsonObject().put("side", side).put("why", why)
        .put("bots_cpu_per_server_cpu", bots == null || server == null || server <= 0 ? null
            : round(bots / server));
  }

  /** Three decimals; null (JSON null) for a figure that could not be measured. */
  static Double round(double v) {
    return Double.isNaN(v) || Double.isInfinite(v) ? null : Math.round(v * 1000) / 1000.0;
  }
}
