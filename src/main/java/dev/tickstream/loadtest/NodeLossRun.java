package dev.tickstream.loadtest;

import dev.tickstream.client.ClientOptions;
import dev.tickstream.client.TickstreamClient;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * The node-loss scenario: a cluster of child JVMs, bots joined through all of them, one node
 * killed with {@code kill -9} (its players resume on the survivors), that node started again,
 * then every node restarted in turn by SIGTERM (each drains its rooms to the others). Every
 * wait is bounded; the report says, for the kill, the share of the node's players that
 * resumed, the time from each drop to its first snapshot on the new node and the play each
 * room lost, and for the rolling restart, the players lost. Runs on the calling thread, which
 * only starts processes, waits and reads; the bots live on their own event loops.
 */
final class NodeLossRun {
  record Result(JsonObject report, Path dir, boolean pass) {}

  /** Hard stop of a whole run, whatever the options ask. */
  private static final long MAX_RUN_NANOS = TimeUnit.HOURS.toNanos(2);
  private static final Duration READY = Duration.ofSeconds(180);
  private static final int BOTS_PER_CLIENT = 8;

  private final NodeLossOptions o;
  private final PrintStream out;
  /** Added to by the runner while the sampler reads it. */
  private final List<ResumingBot> bots = new java.util.concurrent.CopyOnWriteArrayList<>();
  private final List<JsonObject> timeline = new ArrayList<>();
  private final JsonArray events = new JsonArray();
  private final Set<Integer> live = java.util.concurrent.ConcurrentHashMap.newKeySet();
  private volatile String phase = "start";
  private volatile NodeCluster cluster;
  private long start;

  NodeLossRun(NodeLossOptions o, PrintStream out) {
    this.o = o;
    this.out = out;
  }

  Result run() throws Exception {
    start = System.nanoTime();
    Path dir = o.reportDir().resolve(LocalDateTime.now()
        .format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")) + "-nodeloss");
    Files.createDirectories(dir);
    double loadBefore = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    JsonObject report = new JsonObject().put("scenario", "nodeloss")
        .put("options", options());
    Vertx vertx = Vertx.vertx();
    // One SDK client per few bots, as players each have their own: one client's HTTP pool
    // (5 connections a node) would queue hundreds of locates after a kill, and the run would
    // measure that queue rather than the cluster.
    List<TickstreamClient> clients = new ArrayList<>();
    for (int i = 0; i < (o.bots() + BOTS_PER_CLIENT - 1) / BOTS_PER_CLIENT; i++) {
      clients.add(new TickstreamClient(vertx, ClientOptions.defaults()));
    }
    // Samples once a second on their own thread, also while the runner waits for a node.
    java.util.concurrent.ScheduledExecutorService sampler =
        java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
          Thread t = new Thread(r, "nodeloss-sampler");
          t.setDaemon(true);
          return t;
        });
    try (NodeCluster c = new NodeCluster(o, dir.resolve("logs"))) {
      cluster = c;
      startCluster();
      sampler.scheduleAtFixedRate(() -> {
        try {
          sample();
        } catch (RuntimeException e) {
          out.println("nodeloss: sample failed: " + e); // and the next one is tried
        }
      }, 0, 1, TimeUnit.SECONDS);
      List<Context> loops = LoadRun.eventLoops(vertx, o.botThreads());
      joinBots(vertx, clients, loops);
      startBeats(vertx, loops);
      phase = "play";
      waitFor(o.playS(), () -> false);

      report.put("kill", kill());
      report.put("restart", restartKilled(report.getJsonObject("kill").getInteger("node")));
      waitFor(o.playS() / 2, () -> false);
      JsonArray rolling = new JsonArray();
      for (int i = 0; i < cluster.size(); i++) {
        rolling.add(roll(i));
        phase = "play";
        waitFor(o.playS() / 2, () -> false);
      }
      phase = "settle";
      waitFor(5, () -> false);
      report.put("rolling", rolling);
      report.put("end", end(rolling));
      report.put("restores_logged", cluster.restores().size());
      report.put("lost_reasons", new JsonArray(bots.stream().filter(b -> b.lost != null)
          .map(b -> b.lost).distinct().limit(20).toList()));
      report.put("node_errors", new JsonArray(cluster.grep("ERROR", 20)));
      bots.forEach(ResumingBot::stop);
      Thread.sleep(500);
    } finally {
      sampler.shutdownNow();
      sampler.awaitTermination(5, TimeUnit.SECONDS);
      clients.forEach(TickstreamClient::close);
      vertx.close().await(10, TimeUnit.SECONDS);
    }
    report.put("bots", o.bots()).put("joined", bots.stream().filter(b -> b.joined).count())
        .put("join_retries", bots.stream().mapToInt(b -> b.joinRetries).sum())
        .put("rooms", bots.stream().map(b -> b.roomId).filter(r -> r != null).distinct().count())
        .put("machine", new JsonObject()
            .put("cores", Runtime.getRuntime().availableProcessors())
            .put("load_avg_before", loadBefore)
            .put("load_avg_after",
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage()))
        .put("duration_s", seconds(System.nanoTime() - start))
        .put("timeline", timeline())
        .put("events", events);
    JsonArray targets = targets(report);
    boolean pass = targets.stream().allMatch(t -> ((JsonObject) t).getBoolean("pass"));
    report.put("targets", targets).put("pass", pass);
    NodeLossReport.write(dir, report);
    return new Result(report, dir, pass);
  }

  private JsonObject options() {
    return new JsonObject().put("nodes", o.nodes()).put("bots", o.bots())
        .put("room_size", o.roomSize()).put("ramp_s", o.rampS()).put("play_s", o.playS())
        .put("input_hz", o.inputHz()).put("tick_hz", o.tickHz())
        .put("checkpoint_ms", o.checkpointMs()).put("resume_deadline_ms", o.resumeDeadlineMs())
        .put("bot_threads", o.botThreads()).put("heap_mb", o.heapMb()).put("seed", o.seed());
  }

  private void startCluster() throws Exception {
    out.println("nodeloss: starting " + o.nodes() + " nodes (logs in child JVMs' files)");
    for (int i = 0; i < cluster.size(); i++) {
      cluster.start(i);
    }
    for (int i = 0; i < cluster.size(); i++) {
      if (!cluster.awaitReady(i, cluster.size(), READY)) {
        throw new IllegalStateException("node " + i + " not ready within " + READY);
      }
      live.add(i);
    }
    event("cluster of " + cluster.size() + " ready");
  }

  private void joinBots(Vertx vertx, List<TickstreamClient> clients, List<Context> loops)
      throws InterruptedException {
    ResumingBot.Run run = new ResumingBot.Run() {
      @Override
      public String liveNode(int attempt) {
        List<Integer> up = new ArrayList<>(live);
        up.sort(null);
        return cluster.http(up.isEmpty() ? 0 : up.get(Math.floorMod(attempt, up.size())));
      }

      @Override
      public int nodeOf(String url) {
        return cluster.nodeOf(url);
      }

      @Override
      public String phase() {
        return phase;
      }
    };
    for (int i = 0; i < o.bots(); i++) {
      bots.add(new ResumingBot(i, loops.get(i % loops.size()), vertx,
          clients.get(i / BOTS_PER_CLIENT), run,
          o.resumeDeadlineMs(), o.seed()));
    }
    phase = "join";
    long t0 = System.nanoTime();
    long rampNanos = (long) (o.rampS() * 1e9);
    for (ResumingBot b : bots) {
      long at = t0 + rampNanos * b.index / Math.max(1, o.bots());
      while (System.nanoTime() - at < 0) {
        Thread.sleep(Math.min(50, Math.max(1, (at - System.nanoTime()) / 1_000_000)));
      }
      b.join(cluster.http(b.index % cluster.size())); // matchmaking through every node
    }
    waitFor(o.rampS() + 60, () -> bots.stream().allMatch(b -> b.playing || b.lost != null));
    event(bots.stream().filter(b -> b.playing).count() + " of " + o.bots() + " bots playing");
  }

  /** One timer per bot loop beats all of that loop's bots. */
  private void startBeats(Vertx vertx, List<Context> loops) {
    long period = Math.max(1, 1000 / o.inputHz());
    for (Context ctx : loops) {
      List<ResumingBot> mine = bots.stream().filter(b -> b.context == ctx).toList();
      long[] last = new long[1];
      ctx.runOnContext(v -> vertx.setPeriodic(period, id -> {
        // A loop that was starved must not send the beats it missed in a burst: the node
        // would close its bots for exceeding the input rate.
        long now = System.nanoTime();
        if (now - last[0] >= period * 500_000L) {
          last[0] = now;
          mine.forEach(ResumingBot::beat);
        }
      }));
    }
  }

  /** kill -9 of the node with the most players; waits for them to resume or give up. */
  private JsonObject kill() throws Exception {
    int[] perNode = perNode();
    int victim = 0;
    for (int i = 1; i < perNode.length; i++) {
      victim = perNode[i] >= perNode[victim] ? i : victim;
    }
    int node = victim;
    List<ResumingBot> on = bots.stream().filter(b -> b.playing && b.node == node).toList();
    Set<String> rooms = new HashSet<>();
    on.forEach(b -> rooms.add(b.roomId));
    // The last tick each of its rooms showed its players before the kill.
    java.util.Map<String, Integer> lastTick = new java.util.HashMap<>();
    phase = "kill";
    live.remove(node);
    long killedAt = System.nanoTime();
    cluster.kill(node);
    event("kill -9 node " + node + " (" + on.size() + " players, " + rooms.size() + " rooms)");
    waitFor(o.resumeDeadlineMs() / 1000.0 + 10,
        () -> on.stream().allMatch(b -> b.lost != null || b.playing && !b.resumes.isEmpty()));
    List<ResumingBot.Resume> rs = new ArrayList<>();
    for (ResumingBot b : on) {
      b.resumes.stream().filter(r -> r.phase().equals("kill")).findFirst().ifPresent(r -> {
        rs.add(r);
        lastTick.merge(r.roomId(), r.tickBefore(), Math::max);
      });
    }
    // Play lost: the ticks a room had played past the checkpoint it came back from.
    List<Double> playLost = new ArrayList<>();
    List<Double> checkpointAge = new ArrayList<>();
    for (var r : cluster.restores()) {
      Integer seen = lastTick.get(r.roomId());
      if (seen != null && r.tick() <= seen && !r.log().startsWith("node" + node + "-")) {
        playLost.add(Math.max(0, seen - r.tick()) / (double) o.tickHz());
        checkpointAge.add(r.ageMs() / 1000.0);
        lastTick.remove(r.roomId()); // the first matching restore of each room
      }
    }
    long resumed = rs.size();
    JsonObject j = new JsonObject().put("node", node).put("players_on_node", on.size())
        .put("rooms_on_node", rooms.size()).put("resumed", resumed)
        .put("resumed_share", on.isEmpty() ? 1.0 : resumed / (double) on.size())
        .put("same_entity", rs.stream().filter(ResumingBot.Resume::sameEntity).count())
        .put("lost", on.stream().filter(b -> b.lost != null).count())
        .put("lost_reasons", new JsonArray(on.stream().filter(b -> b.lost != null)
            .map(b -> b.lost).distinct().limit(10).toList()))
        .put("time_to_resume_s", stats(rs.stream()
            .map(r -> seconds(r.resumedNanos() - r.dropNanos())).toList()))
        .put("kill_to_resume_s", stats(rs.stream()
            .map(r -> seconds(r.resumedNanos() - killedAt)).toList()))
        .put("play_lost_s", stats(playLost).put("rooms_measured", playLost.size()))
        .put("checkpoint_age_at_restore_s", stats(checkpointAge))
        .put("resume_attempts", stats(rs.stream().map(r -> (double) r.attempts()).toList()))
        .put("samples_s", new JsonArray(rs.stream()
            .map(r -> Samples.round(seconds(r.resumedNanos() - r.dropNanos()))).toList()));
    out.printf(Locale.ROOT, "kill: %d/%d players of node %d resumed (%.1f%%), resume p50 %s"
            + " p99 %s s, play lost max %s s over %d rooms%n", resumed, on.size(), node,
        100.0 * j.getDouble("resumed_share"),
        j.getJsonObject("time_to_resume_s").getValue("p50"),
        j.getJsonObject("time_to_resume_s").getValue("p99"),
        j.getJsonObject("play_lost_s").getValue("max"), playLost.size());
    return j;
  }

  private JsonObject restartKilled(int node) throws Exception {
    phase = "restart";
    long t0 = System.nanoTime();
    cluster.start(node);
    boolean ready = cluster.awaitReady(node, cluster.size(), READY);
    if (ready) {
      live.add(node);
    }
    event("node " + node + " started again" + (ready ? "" : " but not ready"));
    return new JsonObject().put("node", node).put("ready", ready)
        .put("ready_s", Samples.round(seconds(System.nanoTime() - t0)));
  }

  /** SIGTERM node {@code i}: it drains; its players follow the redirect; then it restarts. */
  private JsonObject roll(int i) throws Exception {
    phase = "roll-" + i;
    List<ResumingBot> on = bots.stream().filter(b -> b.playing && b.node == i).toList();
    long lostBefore = bots.stream().filter(b -> b.lost != null).count();
    live.remove(i);
    event("SIGTERM node " + i + " (" + on.size() + " players)");
    long t0 = System.nanoTime();
    boolean clean = cluster.terminate(i, Duration.ofSeconds(90));
    double exitS = seconds(System.nanoTime() - t0);
    event("node " + i + (clean ? " drained and exited" : " did not exit; killed"));
    String p = phase;
    waitFor(o.resumeDeadlineMs() / 1000.0 + 10, () -> on.stream().allMatch(b -> b.lost != null
        || b.playing && b.resumes.stream().anyMatch(r -> r.phase().equals(p))));
    List<ResumingBot.Resume> rs = new ArrayList<>();
    for (ResumingBot b : on) {
      b.resumes.stream().filter(r -> r.phase().equals(p)).findFirst().ifPresent(rs::add);
    }
    long lost = bots.stream().filter(b -> b.lost != null).count() - lostBefore;
    long t1 = System.nanoTime();
    cluster.start(i);
    boolean ready = cluster.awaitReady(i, cluster.size(), READY);
    if (ready) {
      live.add(i);
    }
    event("node " + i + " started again" + (ready ? "" : " but not ready"));
    JsonObject j = new JsonObject().put("node", i).put("players_on_node", on.size())
        .put("exited_cleanly", clean).put("sigterm_to_exit_s", Samples.round(exitS))
        .put("resumed", rs.size())
        .put("via_redirect", rs.stream().filter(r -> "redirect".equals(r.via())).count())
        .put("same_entity", rs.stream().filter(ResumingBot.Resume::sameEntity).count())
        .put("ticks_gone_back_max", rs.stream()
            .mapToInt(r -> Math.max(0, r.tickBefore() - r.tickAfter())).max().orElse(0))
        .put("players_lost", lost)
        .put("time_to_resume_s", stats(rs.stream()
            .map(r -> seconds(r.resumedNanos() - r.dropNanos())).toList()))
        .put("restart_ready_s", Samples.round(seconds(System.nanoTime() - t1)));
    out.printf(Locale.ROOT, "roll node %d: %d/%d players resumed (%d by redirect), %d lost,"
            + " exit after %.1f s%n", i, rs.size(), on.size(), j.getLong("via_redirect"), lost,
        exitS);
    return j;
  }

  private JsonObject end(JsonArray rolling) {
    long lostInRolling = rolling.stream()
        .mapToLong(r -> ((JsonObject) r).getLong("players_lost")).sum();
    return new JsonObject()
        .put("playing", bots.stream().filter(b -> b.playing).count())
        .put("lost_total", bots.stream().filter(b -> b.lost != null).count())
        .put("rolling_players_lost", lostInRolling)
        .put("joined_not_playing", bots.stream()
            .filter(b -> b.joined && !b.playing && b.lost == null).count());
  }

  private JsonArray targets(JsonObject r) {
    JsonObject k = r.getJsonObject("kill");
    JsonObject end = r.getJsonObject("end");
    Double p99 = k.getJsonObject("time_to_resume_s").getDouble("p99");
    Double lost = k.getJsonObject("play_lost_s").getDouble("max");
    long rollLost = end.getLong("rolling_players_lost") + end.getLong("joined_not_playing");
    return new JsonArray()
        .add(target("kill_resumed_share", 0.99, k.getDouble("resumed_share"),
            k.getDouble("resumed_share") >= 0.99))
        .add(target("kill_resume_p99_s", 5.0, p99, p99 != null && p99 <= 5.0))
        .add(target("kill_play_lost_max_s", 1.0, lost, lost == null || lost <= 1.0))
        .add(target("rolling_players_lost", 0, rollLost, rollLost == 0));
  }

  private static JsonObject target(String name, Object limit, Object value, boolean pass) {
    return new JsonObject().put("name", name).put("limit", limit).put("value", value)
        .put("pass", pass);
  }

  /** Waits up to {@code seconds} or until {@code done}, sampling once a second. */
  private void waitFor(double seconds, BooleanSupplier done) throws InterruptedException {
    long until = System.nanoTime() + (long) (seconds * 1e9);
    while (System.nanoTime() - until < 0 && !done.getAsBoolean()) {
      if (System.nanoTime() - start > MAX_RUN_NANOS) {
        throw new IllegalStateException("the run passed its hard limit");
      }
      Thread.sleep(100);
    }
  }

  private int[] perNode() {
    int[] n = new int[cluster.size()];
    for (ResumingBot b : bots) {
      int node = b.node;
      if (b.playing && node >= 0) {
        n[node]++;
      }
    }
    return n;
  }

  /** A timeline point and a progress line; once a second, on the sampler's thread. */
  private synchronized void sample() {
    long now = System.nanoTime();
    int[] per = perNode();
    long playing = bots.stream().filter(b -> b.playing).count();
    long resuming = bots.stream().filter(ResumingBot::resuming).count();
    long lost = bots.stream().filter(b -> b.lost != null).count();
    JsonObject p = new JsonObject().put("t_s", Samples.round(seconds(now - start))).put("phase", phase)
        .put("playing", playing).put("resuming", resuming).put("lost", lost)
        .put("per_node", new JsonArray(java.util.Arrays.stream(per).boxed().toList()));
    timeline.add(p);
    StringBuilder nodes = new StringBuilder();
    for (int i = 0; i < per.length; i++) {
      nodes.append(i == 0 ? "" : "/").append(live.contains(i) ? String.valueOf(per[i]) : "down");
    }
    out.printf(Locale.ROOT, "[%5.0fs] %-8s playing %d/%d resuming %d lost %d | per node %s%n",
        p.getDouble("t_s"), phase, playing, o.bots(), resuming, lost, nodes);
  }

  private synchronized void event(String what) {
    double t = Samples.round(seconds(System.nanoTime() - start));
    events.add(new JsonObject().put("t_s", t).put("what", what));
    out.printf(Locale.ROOT, "[%5.0fs] %s%n", t, what);
  }

  private synchronized JsonArray timeline() {
    return new JsonArray(new ArrayList<>(timeline));
  }

  static JsonObject stats(List<Double> values) {
    List<Double> v = new ArrayList<>(values);
    v.sort(null);
    JsonObject j = new JsonObject().put("n", v.size());
    if (v.isEmpty()) {
      return j;
    }
    return j.put("p50", Samples.round(pct(v, 0.50))).put("p90", Samples.round(pct(v, 0.90)))
        .put("p99", Samples.round(pct(v, 0.99))).put("max", Samples.round(v.get(v.size() - 1)));
  }

  /** Nearest rank: the smallest value with at least {@code q} of the values at or below it. */
  static double pct(List<Double> sorted, double q) {
    int rank = (int) Math.ceil(q * sorted.size());
    return sorted.get(Math.max(0, Math.min(sorted.size() - 1, rank - 1)));
  }

  private static double seconds(long nanos) {
    return nanos / 1e9;
  }
}
