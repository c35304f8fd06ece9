package dev.tickstream.loadtest;

import dev.tickstream.config.Transports;
import dev.tickstream.client.ClientOptions;
import dev.tickstream.client.TickstreamClient;
import dev.tickstream.loadtest.link.LinkPath;
import io.vertx.core.Context;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One load test: the server, the bot loops, one stage (or a capacity search's steps), a
 * sample every second for the live line and the charts, and the report. Runs on the calling
 * thread, which only waits and reads; the bots live on their own event loops.
 */
final class LoadRun {
  /** Hard stop of a whole run, whatever the options ask: no run may hang a CI job forever. */
  static final long MAX_RUN_SECONDS = 6 * 3600;

  record Result(JsonObject report, Path dir, boolean pass) {}

  private final LoadtestOptions o;
  private final Progress progress;
  private final List<JsonObject> timeline = new ArrayList<>();
  private final List<BotLoop> loops = new ArrayList<>();
  private final SplittableRandom random;
  private ServerTarget target;
  private TickstreamClient client;
  private TickstreamClient metricsClient;
  private CpuSplit cpu;
  private ServerMetrics lastScrape;
  private ServerMetrics serverInfo;
  private final AtomicLong scrapeErrors = new AtomicLong();
  private long start;
  private long lastSample;
  private double lastBotCpu;
  private double lastServerCpu;
  private long errorsTotal;
  private long disconnectsTotal;
  private int added;
  private int connecting;
  private boolean firstStage = true;
  private int tickHz;
  private ChaosPlan chaos;
  private TickstreamClient stallClient;
  private final Heap heap = new Heap();
  /** The impaired link (--link); null: the bots connect directly. */
  private LinkPath link;
  private final LinkFigures figures = new LinkFigures();

  private final InProcessServer inProcess;
  /** Told on the runner thread as each stage's measured window opens and closes. */
  private Runnable measureBegin = () -> { };
  private Runnable measureEnd = () -> { };

  /** {@code inProcess} starts the node of a {@code --in-process} run (null: none can be). */
  LoadRun(LoadtestOptions o, Progress progress, InProcessServer inProcess) {
    this.o = o;
    this.inProcess = inProcess;
    this.progress = progress;
    this.random = new SplittableRandom(o.seed());
  }

  /**
   * {@code begin} and {@code end} run on the runner thread right as each stage's measured
   * window opens and closes: a tool's own meters (e.g. CPU of several server processes) then
   * cover the same window as the report's figures.
   */
  LoadRun onMeasuring(Runnable begin, Runnable end) {
    measureBegin = begin;
    measureEnd = end;
    return this;
  }

  Result run() throws Exception {
    Path dir = o.reportDir().resolve(
        LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
    double load0 = Report.loadAverage();
    target = ServerTarget.open(o, dir.resolve("server.log"), inProcess);
    Vertx vertx = Transports.vertx("auto",
        new VertxOptions().setEventLoopPoolSize(o.botThreads()));
    String botsTransport = Transports.describe(vertx);
    List<Stage> stages = new ArrayList<>();
    try {
      ClientOptions co = ClientOptions.defaults().withTrust(target.trust);
      co = o.insecure() ? co.withTrustAll() : co;
      co = o.proxyHost() == null ? co : co.withProxy(o.proxyHost(), o.proxyPort());
      client = new TickstreamClient(vertx, co);
      metricsClient = new TickstreamClient(vertx, co);
      if (o.chaosOn()) {
        // 4 KiB: a reader that stops fills its socket in seconds, not minutes (autotuning).
        stallClient = new TickstreamClient(vertx, co.withReceiveBuffer(4096));
        chaos = new ChaosPlan(o.bots(), o.chaos(), o.seed(),
            o.stallTimeoutMs() > 0 ? o.stallTimeoutMs() : 5000, stallClient);
      }
      if (o.link() != null) {
        link = LinkPath.open(vertx, o.link(), o.seed(), target.baseUrl);
      }
      List<Thread> threads = new ArrayList<>();
      for (Context ctx : eventLoops(vertx, o.botThreads())) {
        BotLoop loop = new BotLoop(vertx, ctx, client, target.baseUrl, o.inputHz());
        loops.add(loop);
        loop.figures = figures;
        if (link != null) {
          loop.route = link::route;
        }
        threads.add(loop.start().await(10, TimeUnit.SECONDS));
      }
      cpu = new CpuSplit(target.sameJvm, threads);
      lastScrape = scrape();
      // A started node's first answer can take seconds on a loaded machine: ask a few times.
      for (int i = 0; i < 4 && lastScrape == null; i++) {
        lastScrape = scrape();
      }
      serverInfo = lastScrape;
      if (lastScrape == null) {
        throw new IllegalStateException("cannot read " + target.baseUrl + "/metrics");
      }
      start = System.nanoTime();
      lastSample = start;
      lastBotCpu = cpu.botsNanos();
      lastServerCpu = cpu.serverNanos(lastScrape, lastBotCpu);
      progress.begin(target.baseUrl, target.mode);
      for (int bots : steps()) {
        Stage stage = new Stage(bots, chaos == null ? bots : bots - chaos.misbehaving());
        stages.add(stage);
        runStage(stage);
        boolean pass = Stage.pass(stage.checks(o, tickHz()));
        progress.stage(stage, pass, tickHz());
        if (o.capacity() != null && !pass || elapsedS() > MAX_RUN_SECONDS) {
          break;
        }
      }
      for (BotLoop l : loops) {
        l.stop().await(10, TimeUnit.SECONDS);
      }
      // Let the close frames go out before the loops stop.
      Thread.sleep(300);
    } finally {
      if (link != null) {
        link.close();
      }
      if (client != null) {
        client.close();
        metricsClient.close();
      }
      if (stallClient != null) {
        stallClient.close();
      }
      vertx.close().await(30, TimeUnit.SECONDS);
      target.close();
    }
    JsonObject report = Report.build(o, target, stages, timeline, tickHz(), load0,
        Report.loadAverage(), scrapeErrors.get());
    report.put("server_heap", heap.json(target.sameJvm));
    report.put("soak", Soak.json(timeline));
    report.getJsonObject("machine").put("bots_transport", botsTransport);
    report.put("link", LinkReport.json(o, link, figures, report, tickHz()));
    // What the server runs on, from its tickstream_node_info (null: a server without it).
    report.getJsonObject("server_target")
        .put("transport", serverInfo == null ? null
            : serverInfo.label("tickstream_node_info", "transport"))
        .put("tls_engine", serverInfo == null ? null
            : serverInfo.label("tickstream_node_info", "tls_engine"));
    if (chaos != null) {
      JsonObject c = Chaos.json(o, chaos, stages.get(stages.size() - 1), tickHz());
      report.put("chaos", c);
      report.put("slo_pass", report.getBoolean("slo_pass") && c.getBoolean("pass"));
      progress.chaos(c);
    }
    Report.write(dir, report);
    return new Result(report, dir, report.getBoolean("slo_pass"));
  }

  /**
   * {@code n} event-loop contexts, one per loop: the contexts of a verticle deployed {@code n}
   * times, which Vert.x spreads over its event loops round robin.
   */
  static List<Context> eventLoops(Vertx vertx, int n) throws Exception {
    List<Context> contexts = new CopyOnWriteArrayList<>();
    vertx.deployVerticle(() -> new VerticleBase() {
      @Override
      public Future<?> start() {
        contexts.add(context);
        return Future.succeededFuture();
      }
    }, new DeploymentOptions().setInstances(n)).await(10, TimeUnit.SECONDS);
    return contexts;
  }

  /** The bot counts of the stages: one, or the capacity search's rising steps. */
  private List<Integer> steps() {
    List<Integer> s = new ArrayList<>();
    if (o.capacity() == null) {
      s.add(o.bots());
    } else {
      for (int i = 0; i < o.capacity().maxSteps(); i++) {
        s.add(o.capacity().start() + i * o.capacity().step());
      }
    }
    return s;
  }

  private void runStage(Stage stage) throws Exception {
    long now = System.nanoTime();
    int more = stage.bots - added;
    long rampNanos = (long) (o.rampS() * 1e9);
    for (int k = 0; k < more; k++) {
      int index = added++;
      BotLoop loop = loops.get(index % loops.size());
      // The same draws whatever the chaos: well-behaved bots play as in a clean run.
      Behaviour behaviour = o.mix().pick(random);
      SplittableRandom r = random.split();
      ChaosKind kind = chaos == null ? null : chaos.kindOf(index);
      Bot bot = new Bot(index, loop, behaviour, r,
          kind == null ? null : new ChaosAct(kind, chaos, index, r.split()), o.game(),
          o.inputs(), o.decodeEvery());
      loop.add(bot, now + (more <= 1 ? 0 : rampNanos * k / more));
    }
    long rampEnd = now + rampNanos;
    while (System.nanoTime() - rampEnd < 0) {
      sample(stage);
    }
    // Measure the load held, not the load arriving: wait (bounded) for slow handshakes.
    long settleEnd = rampEnd + Math.max(5_000_000_000L, rampNanos);
    while (connecting > 0 && System.nanoTime() - settleEnd < 0) {
      sample(stage);
    }
    if (firstStage) {
      // Both JVMs compile their hot paths in the first seconds under load; on a small machine
      // that stalls event loops for hundreds of ms, which is start-up, not capacity.
      firstStage = false;
      long warmEnd = System.nanoTime() + (long) (o.warmupS() * 1e9);
      while (System.nanoTime() - warmEnd < 0) {
        sample(stage);
      }
    }
    ServerMetrics m = lastScrape;
    double botCpu = cpu.botsNanos();
    stage.beginMeasuring(m, botCpu, cpu.serverNanos(m, botCpu), lastSample);
    measureBegin.run();
    figures.measuring(true);
    if (link != null) {
      link.beginMeasuring();
    }
    long end = System.nanoTime() + (long) (o.durationS() * 1e9);
    if (chaos != null) {
      chaos.measuring(System.nanoTime(), end - System.nanoTime());
    }
    while (System.nanoTime() - end < 0) {
      sample(stage);
    }
    m = lastScrape;
    botCpu = cpu.botsNanos();
    stage.endMeasuring(m, botCpu, cpu.serverNanos(m, botCpu), lastSample);
    measureEnd.run();
    figures.measuring(false);
    if (link != null) {
      link.endMeasuring();
    }
    // Outcomes still under way (a stopped reader's looks) are awaited, bounded, unmeasured;
    // well-behaved disconnects meanwhile still count.
    long chaosEnd = System.nanoTime() + Chaos.MAX_WAIT_NANOS;
    while (chaos != null && chaos.tally.pending() > 0 && System.nanoTime() - chaosEnd < 0) {
      sample(stage);
    }
  }

  /**
   * Waits for the next whole second of the run (or the stage's end), then takes one sample:
   * every loop's window, one scrape of the server's metrics, one line of progress.
   */
  private void sample(Stage stage) throws Exception {
    long next = lastSample + 1_000_000_000L;
    long sleep = next - System.nanoTime();
    if (sleep > 0) {
      TimeUnit.NANOSECONDS.sleep(sleep);
    }
    // The scrape and the loops' windows are taken together, and the sample's time is when
    // both are in, so a slow scrape cannot shift the measured interval's bounds.
    Future<ServerMetrics> scrape = scrapeAsync();
    List<Future<BotLoop.Window>> fs = new ArrayList<>();
    for (BotLoop l : loops) {
      fs.add(l.collect());
    }
    Future.all(fs).await(10, TimeUnit.SECONDS);
    ServerMetrics m = scrape.await(10, TimeUnit.SECONDS);
    long now = System.nanoTime();
    double dt = (now - lastSample) / 1e9;
    ServerMetrics before = lastScrape;
    if (m == null) {
      m = lastScrape;
    }
    Histogram latency = new Histogram();
    Histogram lateness = new Histogram();
    long snapshots = 0;
    long bytes = 0;
    int playing = 0;
    int connecting = 0;
    int fullDecoders = 0;
    long framesOut = 0;
    for (Future<BotLoop.Window> f : fs) {
      BotLoop.Window w = f.result();
      stage.add(w, dt);
      latency.add(w.latency());
      lateness.add(w.lateness());
      snapshots += w.snapshots();
      bytes += w.bytesIn();
      playing += w.playing();
      fullDecoders += w.fullDecoders();
      framesOut += w.framesOut();
      connecting += w.connecting();
      errorsTotal += w.errors();
      disconnectsTotal += w.disconnects();
      tickHz = w.tickRate() > 0 ? w.tickRate() : tickHz;
    }
    stage.playing(playing);
    stage.fullDecoders(fullDecoders);
    double machine = CpuSplit.machinePct();
    stage.machineCpu(machine);
    this.connecting = connecting;
    heap.sample(m, (now - start) / 1e9);
    if (chaos != null) {
      chaos.serverStalled(m.sum("tickstream_clients_stalled_total"));
    }
    double botCpu = cpu.botsNanos();
    double serverCpu = cpu.serverNanos(m, botCpu);
    JsonObject point = new JsonObject()
        .put("t_s", Stage.round((now - start) / 1e9))
        .put("bots_target", added)
        .put("bots_connected", playing)
        .put("bots_connecting", connecting)
        .put("snapshots_per_s", Stage.round(snapshots / dt))
        .put("frames_to_server_per_s", Stage.round(framesOut / dt))
        .put("kb_per_s_per_bot", Stage.round(playing == 0 ? 0 : bytes / 1000.0 / dt / playing))
        .put("latency_p50_ms", latency.count() == 0 ? null : latency.percentileMs(0.5))
        .put("latency_p99_ms", latency.count() == 0 ? null : latency.percentileMs(0.99))
        .put("server_tick_mean_ms", Stage.round(m.meanTickMsSince(before)))
        .put("server_tick_p99_ms", Stage.round(m.tickP99Ms()))
        .put("server_tick_lateness_p99_ms", Stage.round(m.latenessP99Ms()))
        .put("bot_loop_lateness_p99_ms", lateness.percentileMs(0.99))
        .put("server_cpu_pct", Stage.round((serverCpu - lastServerCpu) / 1e7 / dt))
        .put("bots_cpu_pct", Stage.round((botCpu - lastBotCpu) / 1e7 / dt))
        .put("machine_cpu_pct", Stage.round(machine))
        .put("errors", errorsTotal)
        .put("disconnects", disconnectsTotal)
        .put("server_heap_mb", Stage.round(m.heapUsedBytes() / 1e6))
        .put("server_heap_after_gc_mb", Stage.round(m.get("tickstream_heap_after_gc_bytes") / 1e6))
        .put("server_rss_mb", Stage.round(m.get("process_resident_memory_bytes") / 1e6))
        .put("server_open_fds", Stage.round(m.get("process_files_open_files")))
        .put("server_threads", Stage.round(m.get("jvm_threads_live_threads")))
        .put("chaos_pending", chaos == null ? null : chaos.tally.pending())
        .put("measuring", stage.measuring());
    timeline.add(point);
    lastScrape = m;
    lastSample = now;
    lastBotCpu = botCpu;
    lastServerCpu = serverCpu;
    progress.line(point);
  }

  /**
   * One scrape of the server's metrics over its own connection pool (not queued behind the
   * bots' matchmaking); null when it failed or took over 5 s (counted, not fatal).
   */
  private Future<ServerMetrics> scrapeAsync() {
    return metricsClient.get(target.baseUrl, "/metrics")
        .map(b -> ServerMetrics.parse(b.toString(), System.nanoTime()))
        .timeout(5, TimeUnit.SECONDS)
        .otherwise(e -> {
          scrapeErrors.incrementAndGet();
          return null;
        });
  }

  private ServerMetrics scrape() throws Exception {
    return scrapeAsync().await(10, TimeUnit.SECONDS);
  }

  private int tickHz() {
    return tickHz > 0 ? tickHz : o.tickHz();
  }

  private double elapsedS() {
    return (System.nanoTime() - start) / 1e9;
  }
}
