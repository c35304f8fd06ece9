package dev.tickstream.loadtest;

import dev.tickstream.client.GameSession;
import dev.tickstream.client.SessionOptions;
import dev.tickstream.client.TickstreamClient;
import dev.tickstream.proto.arena.v1.ArenaInput;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A player of the node-loss scenario: it plays, and when its connection drops it comes back
 * as a real client would: to the {@code Closing.redirect_url} of a draining node, else by
 * asking a live node where its room is now ({@code POST /api/locate}) every 250 ms until it
 * resumes or its deadline passes (then it is lost). Each comeback is recorded, from the drop
 * to the first snapshot on the new node.
 *
 * <p>Threads: everything runs on the bot's own event loop ({@code context}); the runner reads
 * only the volatile fields and the thread-safe list of comebacks.
 */
final class ResumingBot {
  /** What the bot asks of the run: where to locate, what the run is doing, how long to try. */
  interface Run {
    /** A live node's HTTP URL to ask; {@code attempt} spreads the asks over the nodes. */
    String liveNode(int attempt);

    /** The node a ws URL belongs to, or -1. */
    int nodeOf(String url);

    /** The phase the run is in ("kill", "roll-0", ...), recorded with each comeback. */
    String phase();
  }

  /**
   * One comeback. Times are System.nanoTime; {@code resumedNanos} is the first snapshot on
   * the new session; ticks are the room's ticks last seen before the drop and first after.
   */
  record Resume(String phase, String roomId, int fromNode, int toNode, long dropNanos,
      long resumedNanos, int tickBefore, int tickAfter, String via, int attempts,
      boolean sameEntity) {}

  private static final int HISTORY = 64;
  private static final long RETRY_MS = 250;
  static final int JOIN_TRIES = 3;

  final int index;
  final Context context;
  private final Vertx vertx;
  private final TickstreamClient client;
  private final Run run;
  private final long deadlineNanos;
  private final SplittableRandom random;
  private final String name;
  final List<Resume> resumes = new CopyOnWriteArrayList<>();

  private GameSession session;
  private String token;
  private int entity;
  private int lastTick;
  private boolean closing;
  /** A comeback under way: its drop, until the first snapshot of the new session. */
  private Pending pending;

  volatile String roomId;
  /** The node this bot's session is on, -1 while it has none. */
  volatile int node = -1;
  /** In a session that has had a snapshot since its (re)start. */
  volatile boolean playing;
  /** Dropped and gave up (or never got in): why; null while fine. */
  volatile String lost;
  volatile long lastSnapshotNanos;
  /** Joins tried again after a failure. */
  volatile int joinRetries;
  /** Got a seat and a session once. */
  volatile boolean joined;

  private record Pending(String phase, int fromNode, long dropNanos, int tickBefore, String via,
      int attempts, int toNode, boolean sameEntity, String close) {}

  ResumingBot(int index, Context context, Vertx vertx, TickstreamClient client, Run run,
      long deadlineMs, long seed) {
    this.index = index;
    this.context = context;
    this.vertx = vertx;
    this.client = client;
    this.run = run;
    this.deadlineNanos = deadlineMs * 1_000_000L;
    this.random = new SplittableRandom(seed ^ (index * 0x9E3779B97F4A7C15L));
    this.name = "nl" + index;
  }

  /**
   * Matchmakes through {@code baseUrl} and joins; from any thread. A join that fails (on a
   * loaded machine, a Join that reached the node after its join timeout) is tried again, at
   * most {@link #JOIN_TRIES} times in all, through the next live node.
   */
  void join(String baseUrl) {
    context.runOnContext(v -> join(baseUrl, 1));
  }

  private void join(String baseUrl, int attempt) {
    client.matchmake(baseUrl, name, "player", null)
        .compose(g -> client.connect(g.url(), name, options()).map(s -> {
          roomId = g.roomId();
          token = s.welcome().getResumeToken();
          entity = s.welcome().getEntityId();
          joined = true;
          play(s, g.url());
          return s;
        }))
        .onFailure(e -> {
          if (attempt >= JOIN_TRIES || closing) {
            lost = "join: " + e.getMessage();
          } else {
            joinRetries++;
            vertx.setTimer(1000, id -> join(run.liveNode(index + attempt), attempt + 1));
          }
        });
  }

  private static SessionOptions options() {
    return SessionOptions.defaults().withHistory(HISTORY);
  }

  private void play(GameSession s, String url) {
    session = s;
    node = run.nodeOf(url);
    s.snapshotHandler(snap -> {
      lastTick = snap.getTick();
      lastSnapshotNanos = System.nanoTime();
      playing = true;
      if (pending != null) {
        Pending p = pending;
        pending = null;
        resumes.add(new Resume(p.phase, roomId, p.fromNode, p.toNode, p.dropNanos,
            lastSnapshotNanos, p.tickBefore, lastTick, p.via, p.attempts, p.sameEntity));
      }
    });
    s.closed().onSuccess(info -> {
      if (s != session || closing) {
        return;
      }
      playing = false;
      int from = node;
      node = -1;
      String redirect = info.closing() != null && !info.closing().getRedirectUrl().isEmpty()
          ? info.closing().getRedirectUrl() : null;
      // A session that closed before its first snapshot is part of the same comeback.
      Pending was = pending;
      pending = was != null ? was
          : new Pending(run.phase(), from, System.nanoTime(), lastTick, null, 0, -1, false,
              info.code() + " " + info.reason());
      // Only a lost connection (no close frame) or a room that moved is resumed; after any
      // other close the server has freed the seat (PROTOCOL.md, closing).
      if (was == null && info.code() != 1006 && info.code() != 1001) {
        lost = "closed " + info.code() + " " + info.reason() + " (" + pending.phase + ")";
        pending = null;
        return;
      }
      comeBack(redirect, 0);
    });
  }

  /** One try to resume: the redirect first if there is one, then locate on live nodes. */
  private void comeBack(String redirect, int attempt) {
    if (closing) {
      return;
    }
    if (System.nanoTime() - pending.dropNanos > deadlineNanos) {
      lost = "no resume within the deadline (" + pending.phase + ", closed " + pending.close
          + ", " + attempt + " tries)";
      pending = null;
      return;
    }
    boolean viaRedirect = redirect != null && attempt == 0;
    String[] url = new String[1];
    Future<String> where = viaRedirect ? Future.succeededFuture(redirect)
        : client.locate(run.liveNode(index + attempt), token);
    where.compose(u -> {
      url[0] = u;
      return client.connect(u, name, options());
    }).onComplete(ar -> {
      if (closing) {
        if (ar.succeeded()) {
          ar.result().close();
        }
        return;
      }
      if (ar.failed()) {
        vertx.setTimer(RETRY_MS, id -> comeBack(redirect, attempt + 1));
        return;
      }
      GameSession s = ar.result();
      Pending p = pending;
      pending = new Pending(p.phase, p.fromNode, p.dropNanos, p.tickBefore,
          viaRedirect ? "redirect" : "locate", attempt + 1, run.nodeOf(url[0]),
          s.welcome().getResumed() && s.welcome().getEntityId() == entity, p.close);
      play(s, url[0]);
    });
  }

  /** One input; on the bot's loop. */
  void beat() {
    GameSession s = session;
    if (s != null && playing && !s.socket().isClosed()) {
      s.sendInput(ArenaInput.newBuilder().setMoveX(random.nextInt(-127, 128))
          .setMoveY(random.nextInt(-127, 128)).setAim(random.nextInt(65536))
          .setFire(random.nextInt(5) == 0).build());
    }
  }

  /** Whether a comeback is under way (dropped, not yet resumed nor given up). */
  boolean resuming() {
    return joined && !playing && lost == null;
  }

  /** Ends the session as planned; on any thread. */
  void stop() {
    context.runOnContext(v -> {
      closing = true;
      if (session != null) {
        session.close();
      }
    });
  }
}
