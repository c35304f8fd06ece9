package dev.tickstream.loadtest;

import dev.tickstream.client.GameSession;
import dev.tickstream.client.TickstreamClient;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.UnaryOperator;

/**
 * The bots of one event loop: one timer drives all of them (no thread or timer per bot), in
 * {@code groups} phases spread over the input period so their inputs do not all leave at the
 * same instant, as real players' would not. Its counters are touched only on its own thread;
 * the runner reads them once a second through {@link #collect}, which copies and resets them
 * on the loop.
 */
final class BotLoop {
  /** What a loop saw since the previous collect, plus its current gauges. */
  record Window(Histogram latency, Histogram interval, long snapshots, long bytesIn,
      long inputsSent, int playing, int connecting, long errors, long disconnects,
      Map<String, Long> closeCodes, String lastError, int tickRate, Histogram lateness,
      long framesOut, long bytesOut, int fullDecoders) {}

  private record Pending(long at, Bot bot) {}

  private final Vertx vertx;
  private final Context context;
  private final TickstreamClient client;
  private final String baseUrl;
  private final long periodNanos;
  private final int groups;
  private final List<List<Bot>> byGroup = new ArrayList<>();
  /** Bots waiting for their connect time, in order of it. */
  private final ArrayDeque<Pending> pending = new ArrayDeque<>();
  private final List<Bot> bots = new ArrayList<>();
  /** Where a bot's WebSocket goes: the seat's URL, or rewritten to a link relay's port. */
  UnaryOperator<String> route = UnaryOperator.identity();
  /** Snapshot gaps and prediction corrections; shared by the run's loops. */
  LinkFigures figures = new LinkFigures();
  private long start;
  private long slot;
  private long timerId = -1;
  private boolean stopped;

  private Histogram latency = new Histogram();
  private Histogram interval = new Histogram();
  /** How late the loop's timer fired: a busy or starved bot loop shows here, not in the server. */
  private Histogram lateness = new Histogram();
  private long due;
  private long snapshots;
  private long bytesIn;
  private long inputsSent;
  private long framesOut;
  private long bytesOut;
  private int fullDecoders;
  private int playing;
  private int connecting;
  private long errors;
  private long disconnects;
  private Map<String, Long> closeCodes = new TreeMap<>();
  private String lastError;
  private int tickRate;

  /** {@code context} must be an event-loop context of {@code vertx}; the loop's bots live there. */
  BotLoop(Vertx vertx, Context context, TickstreamClient client, String baseUrl, int inputHz) {
    this.vertx = vertx;
    this.context = context;
    this.client = client;
    this.baseUrl = baseUrl;
    this.periodNanos = 1_000_000_000L / inputHz;
    // About one group per 5 ms of the period: fine enough to spread, few timers a second.
    this.groups = (int) Math.max(1, Math.min(50, periodNanos / 5_000_000L));
    for (int g = 0; g < groups; g++) {
      byGroup.add(new ArrayList<>());
    }
  }

  /** Starts the loop's timer; resolves to its thread, for CPU accounting. */
  Future<Thread> start() {
    Promise<Thread> p = Promise.promise();
    context.runOnContext(v -> {
      start = System.nanoTime();
      arm();
      p.complete(Thread.currentThread());
    });
    return p.future();
  }

  /** Adds a bot that connects {@code startNanos} (System.nanoTime) or later. */
  void add(Bot bot, long startNanos) {
    context.runOnContext(v -> {
      bots.add(bot);
      pending.add(new Pending(startNanos, bot));
    });
  }

  private void arm() {
    if (stopped) {
      return;
    }
    // Drift-free: the next slot is at start + k * period / groups, not "a slot after now".
    due = start + (slot + 1) * periodNanos / groups;
    long delayMs = Math.max(1, (due - System.nanoTime() + 999_999) / 1_000_000);
    timerId = vertx.setTimer(delayMs, id -> onSlot());
  }

  private void onSlot() {
    long now = System.nanoTime();
    lateness.recordNanos(now - due);
    // Catch up at most one period of missed slots, then skip ahead rather than burst.
    long target = (now - start) * groups / periodNanos;
    if (target - slot > groups) {
      slot = target - groups;
    }
    while (slot < target) {
      slot++;
      for (Bot b : byGroup.get((int) (slot % groups))) {
        b.beat(now);
      }
    }
    while (!pending.isEmpty() && pending.peek().at() - now <= 0) {
      Bot b = pending.poll().bot();
      connecting++;
      b.connect(client, baseUrl);
    }
    arm();
  }

  void connected(Bot bot, int tickRate) {
    this.tickRate = tickRate;
    connecting--;
    // Chaos bots beat with the others but count only in the chaos tally.
    playing += bot.chaos == null ? 1 : 0;
    fullDecoders += bot.chaos == null && bot.fullDecode() ? 1 : 0;
    byGroup.get(bot.index % groups).add(bot);
  }

  /** A reconnector is back in its seat. */
  void rejoined(Bot bot) {
    byGroup.get(bot.index % groups).add(bot);
  }

  /** A chaos bot's connection ended: it stops beating; the tally has its outcome. */
  void left(Bot bot) {
    byGroup.get(bot.index % groups).remove(bot);
  }

  void error(String what, Throwable cause) {
    connecting--;
    errors++;
    lastError = what + ": " + cause.getMessage();
  }

  void disconnected(Bot bot, boolean planned, GameSession.CloseInfo info) {
    playing--;
    fullDecoders -= bot.fullDecode() ? 1 : 0;
    byGroup.get(bot.index % groups).remove(bot);
    if (!planned) {
      disconnects++;
      closeCodes.merge(String.valueOf(info.code()), 1L, Long::sum);
      lastError = "bot" + bot.index + " closed " + info.code() + " " + info.reason();
    }
  }

  /** Inputs per second of each bot. */
  int inputHz() {
    return (int) Math.round(1e9 / periodNanos);
  }

  void inputSent() {
    inputsSent++;
  }

  /** Frames and bytes a bot wrote since its last snapshot (inputs, acks, pings). */
  void sent(long frames, long bytes) {
    framesOut += frames;
    bytesOut += bytes;
  }

  void latency(long nanos) {
    latency.recordNanos(nanos);
  }

  void snapshotInterval(long nanos) {
    interval.recordNanos(nanos);
  }

  void snapshot(long bytes) {
    snapshots++;
    bytesIn += bytes;
  }

  /** Copies and resets the window on the loop's thread. */
  Future<Window> collect() {
    Promise<Window> p = Promise.promise();
    context.runOnContext(v -> {
      Window w = new Window(latency, interval, snapshots, bytesIn, inputsSent, playing,
          connecting + pending.size(), errors, disconnects, closeCodes, lastError, tickRate,
          lateness, framesOut, bytesOut, fullDecoders);
      latency = new Histogram();
      lateness = new Histogram();
      interval = new Histogram();
      snapshots = 0;
      bytesIn = 0;
      inputsSent = 0;
      framesOut = 0;
      bytesOut = 0;
      errors = 0;
      disconnects = 0;
      closeCodes = new TreeMap<>();
      p.complete(w);
    });
    return p.future();
  }

  /** Stops the beats and closes every session; resolves once they are closed. */
  Future<Void> stop() {
    Promise<Void> p = Promise.promise();
    context.runOnContext(v -> {
      stopped = true;
      vertx.cancelTimer(timerId);
      pending.clear();
      for (Bot b : bots) {
        b.close();
      }
      p.complete();
    });
    return p.future();
  }
}
