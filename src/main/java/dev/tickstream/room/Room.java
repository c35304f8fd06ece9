package dev.tickstream.room;

import com.google.protobuf.Message;
import dev.tickstream.proto.v1.GameSchema;
import dev.tickstream.proto.v1.RoomCheckpoint;
import dev.tickstream.replay.Recordings;
import dev.tickstream.wire.EntityTable;
import dev.tickstream.sim.Game;
import dev.tickstream.sim.GameSpec;
import dev.tickstream.sim.LeaveReason;
import dev.tickstream.wire.SnapshotRing;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.Map;
import java.util.function.Function;

/**
 * One room: a game world's tick and life (start, tick, checkpoint, hand-over, failure, close),
 * all confined to one Vert.x context. Its parts do the rest: {@link Seats} counts seats (any
 * thread), {@link Roster} seats members and sees them in and out, {@link Inbox} merges their
 * inputs and hands them to the game each tick, {@link GameHost} is the game's door to the room,
 * {@link SnapshotFanout} sends each member its frame.
 *
 * <p>The thread-safe door is small: seat counting ({@link #tryReserve}), {@link #attach}, and
 * read-only figures. Everything else runs on the room's context.
 *
 * <p>About 440 lines, on purpose: the life stages share the closed and failed flags, the
 * loop and the tick, and splitting them further would pass those between classes.
 */
public final class Room {
  private static final System.Logger LOG = System.getLogger(Room.class.getName());

  private final String id;
  private final Context context;
  private final RoomOptions options;
  private final GameSpec<?> spec;
  private final GameSchema schema;
  private final GameHost host;
  private final RoomEvents events;
  private final Game<Message> game;
  private final Runnable onClose;

  // Thread-safe part: matchmaking on any event loop reserves seats here.
  private final Seats seats;
  private volatile boolean closed;
  private volatile int currentTick;
  private final RoomMetrics metrics;
  private final TickStats stats;

  // Confined to the context.
  private final SnapshotRing ring;
  private final EntityTable scratch;
  private final SnapshotFanout fanout;
  private final Roster roster;
  private final Inbox inbox;
  /** The code a private room is joined with; null for a room open to matchmaking. */
  private volatile String privateCode;
  private boolean failed;
  private TickLoop loop;
  private RoomObserver observer = RoomObserver.NONE;
  /** Where the room is recorded, or null (set before it starts). */
  private Recordings recordings;
  private long emptySinceNanos;
  private int tick;
  private long lastFanoutNanos;

  /**
   * A room of {@code spec}'s game; constructing it runs the game's constructor (the "room
   * created" hook), which may throw.
   *
   * @param roomOptions what matchmaking created the room with (the game reads them)
   */
  Room(String id, Context context, RoomOptions options, GameSpec<?> spec, GameSchema schema,
      long seed, Map<String, String> roomOptions, RoomMetrics metrics,
      Function<Seat, String> resumeTokens, Runnable onClose) {
    this.id = id;
    this.metrics = metrics;
    this.stats = new TickStats(1200, metrics.tickDuration, metrics.tickLateness);
    this.context = context;
    this.options = options;
    this.spec = spec;
    this.schema = schema;
    this.onClose = onClose;
    this.seats = new Seats(id, options);
    this.events = new RoomEvents(spec, options.eventBuffer());
    this.host = new GameHost(this, spec, seed, roomOptions, events, options.rewindTicks());
    this.game = host.create();
    int fields = spec.schema().fieldCount();
    this.ring = new SnapshotRing(options.snapshotHistory(), fields);
    this.scratch = new EntityTable(fields);
    this.fanout = new SnapshotFanout(spec, game, host.history, options, ring, metrics,
        events);
    this.roster = new Roster(this, seats, host, options, spec, schema, resumeTokens);
    this.inbox = new Inbox(options, metrics);
  }

  public String id() {
    return id;
  }

  /** The game this room runs. */
  public GameSpec<?> spec() {
    return spec;
  }

  /** A private room's join code, or null: private rooms are never matched or joined by id. */
  public String privateCode() {
    return privateCode;
  }

  void makePrivate(String code) {
    this.privateCode = code;
  }

  /** The options matchmaking created the room with. */
  public Map<String, String> roomOptions() {
    return host.options();
  }

  public Context context() {
    return context;
  }

  /** Starts the tick loop and the input stream; runs on the room's context. */
  void start() {
    start(true);
  }

  /**
   * Starts the input stream and, with {@code clocked}, the tick loop. Without it the room
   * ticks only when {@link #tickNow} is called: tools that replay a workload faster than real
   * time (the bandwidth report, benchmarks) drive it so.
   */
  void start(boolean clocked) {
    context.runOnContext(v -> {
      emptySinceNanos = System.nanoTime();
      inbox.open(context, id, () -> tick);
      loop = new TickLoop("room " + id, context, options.tickRate(), this::tick, stats);
      if (recordings != null && recordings.records(spec.name())) {
        fanout.tape.record(recordings.open(id, spec.name(), Welcomes.base(id, spec, schema,
            options).setRole(dev.tickstream.proto.v1.Role.ROLE_SPECTATOR).setTick(tick).build(),
            options.keyframeTicks()));
      }
      if (clocked) {
        loop.start();
      }
      LOG.log(System.Logger.Level.INFO, "room " + id + " created (" + options.tickRate()
          + " Hz, up to " + options.maxPlayers() + " players)");
    });
  }

  /** Records this room in {@code recordings} if its game is recorded; before {@link #start}. */
  void recordTo(Recordings recordings) {
    this.recordings = recordings;
  }

  /** A delayed spectator joined: the room keeps its spectator stream from now on. */
  void startDelay() {
    fanout.tape.delay();
  }

  /**
   * Reserves a seat if one is free; any thread. Returns the seat id, or null when full or
   * closed. The reservation lapses after the seat token's lifetime unless a client claims it.
   */
  public Seat tryReserve(Role role) {
    return seats.tryReserve(role, () -> !closed && (role != Role.PLAYER || host.open));
  }

  /** Whether {@code seatId} is reserved and not yet claimed by a connection; any thread. */
  public boolean unclaimed(String seatId) {
    return seats.reserved(seatId);
  }

  /**
   * Attaches a connection to its seat, on the room's context: a new seat creates the player's
   * entity; a seat whose member is still in the room (reconnect grace) resumes it, with a
   * resume token ({@code resume}) only. Fails when the seat is unknown, expired, already taken
   * and not resumed, or the room has closed; the gateway then closes with 1008.
   */
  public Future<Void> attach(Seat seat, boolean resume, ClientLink link, String name,
      byte[] joinData) {
    Promise<Void> promise = Promise.promise();
    context.runOnContext(v -> {
      if (closed) {
        promise.fail("room " + id + " has closed");
        return;
      }
      try {
        roster.attach(seat, resume, link, name, joinData);
        afterHooks();
        promise.complete();
      } catch (IllegalStateException e) {
        promise.fail(e); // the seat, not the game
      } catch (RuntimeException e) {
        fail(e, "joining " + name);
        promise.complete(); // the room closed the session with 1011
      }
    });
    return promise.future();
  }

  /** A member's connection joins the merged input stream, and its end is heard here. */
  void listen(Member m, ClientLink link) {
    inbox.listen(m, link);
    link.closed().onComplete(x -> context.runOnContext(y -> guarded("a leave", () -> {
      roster.disconnected(m, link, x.result());
      afterHooks();
    })));
  }

  /** Runs a hook outside a tick; a game that throws there fails its room. */
  private void guarded(String what, Runnable hook) {
    if (failed) {
      return;
    }
    try {
      hook.run();
    } catch (RuntimeException e) {
      fail(e, what);
    }
  }

  /** Carries out what the game asked for during a hook: kicks, then closing the room. */
  private void afterHooks() {
    roster.carryOutKicks();
    if (host.closeReason != null && !closed) {
      String reason = host.closeReason;
      host.closeReason = null;
      shutDown((short) 1000, "room closed by the game: " + reason, reason);
    }
  }

  /**
   * The game threw: log it once with the room and tick, close every session with 1011, and take
   * the room out of the directory. Other rooms are not touched.
   */
  private void fail(RuntimeException e, String during) {
    if (failed) {
      return;
    }
    failed = true;
    metrics.gameFailures.increment();
    LOG.log(System.Logger.Level.ERROR, "room " + id + " (game " + spec.name() + ") failed at tick "
        + tick + " during " + during + "; closing it", e);
    shutDown((short) 1011, "game error in room " + id + " at tick " + tick, "game failed");
  }

  /** Runs one tick now; only on the room's context, and only for a room without a clock. */
  public void tickNow() {
    if (Vertx.currentContext() != context) {
      throw new IllegalStateException("room " + id + " ticks on its own context only");
    }
    tick();
  }

  private void tick() {
    if (failed || closed) {
      return;
    }
    tick++;
    currentTick = tick;
    try {
      inbox.deliver(game, tick);
      game.step(tick);
      game.writeState(scratch);
      EntityTable state = ring.store(tick, scratch);
      host.history.record(tick, state, game); // calls the game's positions()
      observer.ticked(id, tick, state);
      if (tick % options.ticksPerSend() == 0) {
        long t0 = System.nanoTime();
        fanout.send(tick, state, roster.connected(), t0);
        lastFanoutNanos = System.nanoTime() - t0;
      }
    } catch (RuntimeException e) {
      fail(e, "the tick");
      return;
    }
    afterHooks();
    if (tick % options.tickRate() == 0 && !closed) {
      guarded("housekeeping", this::housekeeping);
    }
  }

  private void housekeeping() {
    long now = System.nanoTime();
    seats.expire(now);
    roster.expireDropped(now);
    if (!seats.empty()) {
      emptySinceNanos = now;
    } else if (now - emptySinceNanos > options.idleCloseMs() * 1_000_000L) {
      close("empty");
    }
  }

  /**
   * The room's world and seats now, as a checkpoint another node can restore; runs on the
   * room's context. Fails for a room that has not ticked yet.
   */
  public Future<RoomCheckpoint> checkpoint() {
    Promise<RoomCheckpoint> p = Promise.promise();
    context.runOnContext(v -> checkpointNow(p));
    return p.future();
  }

  /**
   * Stops the room where it is (no more ticks, no new seats) and returns its final
   * checkpoint, for a hand-over; on the room's context.
   */
  public Future<RoomCheckpoint> freeze() {
    Promise<RoomCheckpoint> p = Promise.promise();
    context.runOnContext(v -> {
      closed = true;
      loop.stop();
      checkpointNow(p);
    });
    return p.future();
  }

  private void checkpointNow(Promise<RoomCheckpoint> p) {
    EntityTable state = ring.get(tick);
    if (state == null) {
      p.fail("room " + id + " has no state yet");
    } else {
      p.complete(Checkpoints.of(id, spec.name(), host.options(), privateCode, tick, state,
          roster.members(), options));
    }
  }

  /** Before {@link #start}: continue from a checkpoint, its players waiting to resume. */
  void restore(RoomCheckpoint cp) {
    EntityTable state = Checkpoints.state(cp, spec.schema().fieldCount());
    game.restore(state, cp.getTick());
    tick = cp.getTick();
    currentTick = tick;
    ring.store(tick, state);
    host.history.record(tick, state, game);
    roster.restore(id, cp.getSeatsList(), System.nanoTime());
  }

  /**
   * Hands the room over: stops ticking, and closes every session with 1001 and a redirect to
   * {@code wsBaseUrl} carrying that seat's resume token (null: no redirect, the node is going
   * away). On the room's context.
   */
  public Future<Void> handOver(String wsBaseUrl) {
    Promise<Void> p = Promise.promise();
    context.runOnContext(v -> {
      closed = true;
      loop.stop();
      roster.handOver(wsBaseUrl);
      fanout.tape.finish("handed over");
      inbox.close();
      LOG.log(System.Logger.Level.INFO, "room " + id + " handed over at tick " + tick);
      onClose.run();
      p.complete();
    });
    return p.future();
  }

  /** Closes the room on its context: members are told why, the loop stops. */
  void close(String reason) {
    closed = true;
    if (!seats.empty() && reason.equals("empty")) {
      closed = false; // a seat was reserved while we decided: stay open
      return;
    }
    shutDown((short) 1001, "room closed: " + reason, reason);
  }

  /**
   * Stops the room for good: every session closes with {@code code}, every player leaves with
   * {@link LeaveReason#ROOM_CLOSED} and the game is disposed (unless it failed), after the room
   * has left the directory.
   */
  private void shutDown(short code, String message, String why) {
    closed = true;
    onClose.run(); // out of the directory first: nobody is matched into a closing room
    if (loop != null) {
      loop.stop();
    }
    inbox.close();
    fanout.tape.finish(why);
    roster.closeAll(code, message, m -> null);
    if (!failed) {
      try {
        roster.leaveAll();
        game.onDispose();
      } catch (RuntimeException e) {
        LOG.log(System.Logger.Level.WARNING, "room " + id + ": game threw while closing", e);
      }
    }
    LOG.log(System.Logger.Level.INFO, "room " + id + " closed (" + why + ") after "
        + tick + " ticks");
  }

  /** Time the last tick spent encoding and writing snapshots; on the room's context. */
  public long lastFanoutNanos() {
    return lastFanoutNanos;
  }

  /**
   * Sets the tools' observer of this room (null: none); call it on the room's context or before
   * the room starts.
   */
  public void observer(RoomObserver observer) {
    this.observer = observer == null ? RoomObserver.NONE : observer;
    fanout.observer(this.observer);
  }

  public boolean isClosed() {
    return closed;
  }

  /** Whether matchmaking may seat new players here (the game may lock its room). */
  public boolean isOpen() {
    return host.open && !closed;
  }

  public int players() {
    return seats.players();
  }

  public int spectators() {
    return seats.spectators();
  }

  /** Player seats: the node's {@code maxPlayers}, or less when the game says so. */
  public int maxPlayers() {
    return seats.maxPlayers();
  }

  void limitPlayers(int max) {
    seats.limitPlayers(max);
  }

  public int tickRate() {
    return options.tickRate();
  }

  public int currentTick() {
    return currentTick;
  }

  /** Snapshot bytes written so far (read from other threads: approximate). */
  public long bytesOut() {
    return fanout.bytesOut;
  }

  public long skippedSnapshots() {
    return fanout.skipped;
  }

  public long droppedInputs() {
    return inbox.dropped();
  }

  public TickStats.Summary tickStats() {
    return stats.summary();
  }
}
