package dev.tickstream.loadtest;

import dev.tickstream.proto.arena.v1.ArenaInput;
import dev.tickstream.proto.football.v1.FootballInput;
import dev.tickstream.client.GameSession;
import dev.tickstream.client.SessionOptions;
import dev.tickstream.client.TickstreamClient;
import dev.tickstream.proto.v1.Snapshot;
import dev.tickstream.proto.v1.Welcome;
import dev.tickstream.wire.EntityTable;
import java.util.SplittableRandom;

/**
 * One bot: a real SDK session on its loop's event loop, a {@link Pilot} that decides each
 * input, and the timing of every input until a snapshot acknowledges it. All of it runs on
 * the owning {@link BotLoop}'s thread, so nothing here is synchronised.
 *
 * <p>So that the bots cost far less than the server per player, a bot does only what its
 * pilot needs: a wandering arena bot reads each snapshot's header and its own row (no mirror);
 * bots that look at others (chase, fire, football), chaos bots and a sample of the rest (one in
 * {@code --decode-every}) keep the full mirror, which also checks every delta. With
 * {@code --inputs on-change} a bot sends an input only when its pilot's intent changed.
 */
final class Bot {
  /** Send times are kept for this many recent inputs; older unacknowledged ones are errors. */
  private static final int SENT_RING = 256;
  /**
   * States kept per session to apply deltas against: as many as the server keeps by default
   * ({@code snapshotHistory} 64), since under load its base can be that old; fewer closed bots
   * with "delta against unknown tick" at 1000 bots. About 4 kB each, 250 kB per bot.
   */
  static final int HISTORY = 64;

  enum State { WAITING, CONNECTING, PLAYING, CLOSED }

  final int index;
  private final BotLoop loop;
  private final Behaviour behaviour;
  private final SplittableRandom random;
  private Pilot pilot;
  private int fieldKind;
  private int playerKind;
  private int fieldX;
  private int fieldY;
  private final long[] sentAt = new long[SENT_RING];
  private GameSession session;
  private State state = State.WAITING;
  private int ackedSeq;
  private long lastSnapshotNanos;
  private long lastBytesIn;
  private long lastFramesSent;
  private long lastBytesSent;
  private final LoadtestOptions.InputMode inputs;
  /** Keeps the whole world (a sample, and pilots that look at others); else own row only. */
  private final boolean fullDecode;
  /** The arena intent last sent (on-change): moveX, moveY, aim, fire; sent: any yet. */
  private int sentMoveX;
  private int sentMoveY;
  private int sentAim;
  private boolean sentFire;
  private boolean sentAny;
  private boolean closing;
  /** The misbehaviour of a chaos bot; null for a well-behaved one. */
  final ChaosAct chaos;
  private TickstreamClient client;
  private String baseUrl;

  /** The football bot's brain (football only; the arena's is the pilot). */
  private FootballPilot footballer;
  private final String game;
  /** Own-position prediction, for the correction figure (arena-like games only). */
  private Prediction prediction;
  private int lastTick = -1;
  private long lastSnapshotAt;

  Bot(int index, BotLoop loop, Behaviour behaviour, SplittableRandom random, ChaosAct chaos,
      String game, LoadtestOptions.InputMode inputs, int decodeEvery) {
    this.game = game;
    this.inputs = inputs;
    this.fullDecode = index % decodeEvery == 0 || behaviour != Behaviour.WANDER
        || !game.equals("arena") || chaos != null;
    this.index = index;
    this.loop = loop;
    this.behaviour = behaviour;
    this.random = random;
    this.chaos = chaos;
  }

  /** Matchmakes and joins; called on the loop's context so the socket lands on its loop. */
  void connect(TickstreamClient client, String baseUrl) {
    state = State.CONNECTING;
    // A reader that will stop gets a small receive buffer, so it fills within seconds.
    this.client = chaos != null && chaos.kind == ChaosKind.STALL ? chaos.plan().stallClient
        : client;
    this.baseUrl = baseUrl;
    String name = "bot" + index;
    this.client.matchmake(baseUrl, game, java.util.Map.of(), name, "player", null)
        .compose(g -> this.client.connect(loop.route.apply(g.url()), name, sessionOptions()))
        .onComplete(ar -> {
          if (ar.failed()) {
            state = State.CLOSED;
            loop.error("connect", ar.cause());
            if (chaos != null) {
              chaos.notConnected(ar.cause());
            }
            return;
          }
          if (chaos != null) {
            chaos.connected();
          }
          playOn(ar.result(), true);
        });
  }

  private SessionOptions sessionOptions() {
    SessionOptions o = SessionOptions.defaults().withHistory(HISTORY);
    return fullDecode ? o : o.withoutMirror();
  }

  boolean fullDecode() {
    return fullDecode;
  }

  /** Plays on {@code s}: the first session, or the one a reconnector resumed. */
  private void playOn(GameSession s, boolean first) {
    session = s;
    ackedSeq = 0;
    sentAny = false;
    lastBytesIn = 0;
    lastFramesSent = 0;
    lastBytesSent = 0;
    lastSnapshotNanos = 0;
    Welcome w = session.welcome();
    if (pilot == null) {
      // The map and the field layout come from the server, so any arena-like game works.
      pilot = new Pilot(behaviour, random, w.getMapWidth(), w.getMapHeight());
    }
    if (game.equals("football")) {
      footballer = FootballPilot.of(w);
    }
    // The predictor steps once per input sent: its figure means something with per-tick inputs.
    prediction = footballer == null && inputs == LoadtestOptions.InputMode.PER_TICK
        ? Prediction.of(w, loop.inputHz()) : null;
    loop.figures.welcome(w);
    lastTick = -1;
    fieldKind = session.schema().index("kind");
    playerKind = session.schema().kind("player");
    fieldX = session.schema().index("x");
    fieldY = session.schema().index("y");
    state = State.PLAYING;
    if (first) {
      loop.connected(this, w.getTickRate());
    } else {
      loop.rejoined(this);
    }
    session.snapshotHandler(this::onSnapshot);
    session.closed().onSuccess(info -> {
      state = State.CLOSED;
      if (chaos == null) {
        loop.disconnected(this, closing, info);
        return;
      }
      loop.left(this);
      String token = closing ? null : chaos.closed(info);
      if (token != null) {
        resume(token);
      }
    });
  }

  /** A reconnector comes back to its seat with its resume token. */
  private void resume(String token) {
    state = State.CONNECTING;
    client.resume(baseUrl, token, "bot" + index, 250, 10_000).onComplete(ar -> {
      if (ar.failed()) {
        state = State.CLOSED;
        chaos.resumeFailed(ar.cause());
        return;
      }
      chaos.resumed(ar.result());
      if (closing) {
        ar.result().close();
        return;
      }
      playOn(ar.result(), false);
    });
  }

  /** One input beat: look at the mirror, let the pilot decide, send with the newest ack. */
  void beat(long now) {
    if (state != State.PLAYING || chaos != null && chaos.beat(this, session, now)) {
      return;
    }
    EntityTable w = session.mirror();
    boolean perTick = inputs == LoadtestOptions.InputMode.PER_TICK;
    int seq;
    if (footballer != null) {
      FootballInput in = w == null ? FootballInput.getDefaultInstance()
          : footballer.next(w, session.welcome().getEntityId());
      seq = perTick ? session.sendInput(in) : session.input(in);
    } else {
      double scale = Math.max(1, session.welcome().getPositionScale());
      if (w != null) {
        int self = fieldX < 0 || fieldY < 0 ? -1 : w.indexOf(session.welcome().getEntityId());
        pilot.step(now, w, self, fieldKind, playerKind, fieldX, fieldY, scale);
      } else {
        // Own row only: enough for wandering, which ignores the others.
        boolean own = fieldX >= 0 && fieldY >= 0 && session.hasOwn();
        pilot.step(now, own ? session.own(fieldX) / scale : Double.NaN,
            own ? session.own(fieldY) / scale : Double.NaN, Double.NaN, Double.NaN);
      }
      if (!perTick && sentAny && pilot.moveX == sentMoveX && pilot.moveY == sentMoveY
          && pilot.aim == sentAim && pilot.fire == sentFire) {
        return; // the server holds the last input; the session keeps the connection alive
      }
      sentAny = true;
      sentMoveX = pilot.moveX;
      sentMoveY = pilot.moveY;
      sentAim = pilot.aim;
      sentFire = pilot.fire;
      seq = session.sendInput(ArenaInput.newBuilder().setMoveX(pilot.moveX)
          .setMoveY(pilot.moveY).setAim(pilot.aim).setFire(pilot.fire).build());
      if (prediction != null) {
        prediction.sent(seq, pilot.moveX, pilot.moveY);
      }
    }
    if (seq == 0) {
      return; // unchanged: nothing sent
    }
    sentAt[seq % SENT_RING] = now;
    loop.inputSent();
  }

  private void onSnapshot(Snapshot s) {
    if (chaos != null) {
      return; // only well-behaved bots' figures count
    }
    long now = System.nanoTime();
    if (lastSnapshotNanos != 0) {
      loop.snapshotInterval(now - lastSnapshotNanos);
    }
    lastSnapshotNanos = now;
    long bytes = session.bytesIn();
    loop.snapshot(bytes - lastBytesIn);
    lastBytesIn = bytes;
    long frames = session.framesSent();
    long out = session.bytesSent();
    loop.sent(frames - lastFramesSent, out - lastBytesSent);
    lastFramesSent = frames;
    lastBytesSent = out;
    int acked = s.getLastInputSeq();
    int sent = session.lastSentInputSeq();
    // Every input up to last_input_seq is acknowledged by this, its first such snapshot.
    for (int seq = Math.max(ackedSeq + 1, sent - SENT_RING + 1); seq <= acked && seq <= sent;
        seq++) {
      loop.latency(now - sentAt[seq % SENT_RING]);
    }
    if (acked > ackedSeq) {
      ackedSeq = acked;
    }
    linkFigures(s, acked);
  }

  /** Snapshot gaps in ticks and the prediction's correction (see {@link LinkFigures}). */
  private void linkFigures(Snapshot s, int acked) {
    long now = System.nanoTime();
    if (lastTick >= 0) {
      loop.figures.gap(s.getTick() - lastTick, now - lastSnapshotAt);
    }
    lastTick = s.getTick();
    lastSnapshotAt = now;
    EntityTable w = session.mirror();
    int self = w == null || fieldX < 0 || fieldY < 0 ? -1
        : w.indexOf(session.welcome().getEntityId());
    if (prediction != null && self >= 0 && acked > 0) {
      double scale = Math.max(1, session.welcome().getPositionScale());
      loop.figures.correction(prediction.acked(acked, w.get(self, fieldX) / scale,
          w.get(self, fieldY) / scale));
    }
  }

  /** Ends the session as planned (end of the run); the close is not counted as a disconnect. */
  void close() {
    closing = true;
    if (session != null && state == State.PLAYING) {
      session.close();
    }
  }
}
