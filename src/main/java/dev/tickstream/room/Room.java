package dev.tickstream.room;

import com.google.protobuf.Message;
import dev.tickstream.proto.v1.GameSchema;
import dev.tickstream.proto.v1.RoomCheckpoint;
import dev.tickstream.wire.EntityTable;
import dev.tickstream.sim.Game;
import dev.tickstream.sim.GameSpec;
import dev.tickstream.sim.LeaveReason;
import dev.tickstream.wire.SnapshotRing;
import io.reactivex.rxjava3.core.Flowable;
import io.reactivex.rxjava3.disposables.Disposable;
import io.reactivex.rxjava3.processors.FlowableProcessor;
import io.reactivex.rxjava3.processors.PublishProcessor;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.rxjava3.core.RxHelper;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * One room: a game world, its members and its tick loop, all confined to one Vert.x context.
 *
 * <p>The thread-safe door is small: seat counting ({@link #tryReserve}), {@link #attach}, and
 * read-only figures. Everything else runs on the room's context: inputs arrive through the
 * merged RxJava stream observed there, and the tick drains them once per tick.
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
  private final Function<Seat, String> resumeTokens;
  private final Runnable onClose;

  // Thread-safe part: matchmaking on any event loop reserves seats here.
  private final Seats seats;
  private final AtomicLong droppedInputs = new AtomicLong();
  private volatile boolean closed;
  private volatile int currentTick;
  private final RoomMetrics metrics;
  private final TickStats stats;

  // Confined to the context.
  private final SnapshotRing ring;
  private final EntityTable scratch;
  private final SnapshotFanout fanout;
  private final Roster roster;
  private final ArrayDeque<MemberMessage> batch = new ArrayDeque<>();
  /** The code a private room is joined with; null for a room open to matchmaking. */
  private volatile String privateCode;
  private boolean failed;
  private final FlowableProcessor<Flowable<MemberMessage>> sources =
      PublishProcessor.<Flowable<MemberMessage>>create().toSerialized();
  private final int batchLimit;
  private TickLoop loop;
  private Disposable inputSubscription;
  private RoomObserver observer = RoomObserver.NONE;
  private long emptySinceNanos;
  private int tick;
  private long lastFanoutNanos;

  private record MemberMessage(Member member, ClientLink link, Inbound message) {}

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
    this.resumeTokens = resumeTokens;
    this.onClose = onClose;
    this.seats = new Seats(id, options);
    this.events = new RoomEvents(spec, options.eventBuffer());
    this.host = new GameHost(this, spec, seed, roomOptions, events);
    this.game = host.create();
    int fields = spec.schema().fieldCount();
    this.ring = new SnapshotRing(options.snapshotHistory(), fields);
    this.scratch = new EntityTable(fields);
    this.fanout = new SnapshotFanout(spec, game, options, ring, metrics, events);
    this.roster = new Roster(this, seats, host, options, spec, schema, resumeTokens);
    // A few inputs per member per tick is generous; beyond it the room is being flooded.
    this.batchLimit = (options.maxPlayers() + options.maxSpectators()) * 8;
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
      // Merge every member's input stream and observe it on this room's thread. The bounded
      // buffers upstream (per connection) drop the oldest input when this falls behind.
      inputSubscription = Flowable.merge(sources, Integer.MAX_VALUE)
          .observeOn(RxHelper.scheduler(io.vertx.rxjava3.core.Context.newInstance(context)),
              false, Math.max(64, options.inputBuffer() * 4))
          .subscribe(this::enqueue, e -> LOG.log(System.Logger.Level.ERROR,
              "room " + id + " input stream failed at tick " + tick, e));
      loop = new TickLoop("room " + id, context, options.tickRate(), this::tick, stats);
      if (clocked) {
        loop.start();
      }
      LOG.log(System.Logger.Level.INFO, "room " + id + " created (" + options.tickRate()
          + " Hz, up to " + options.maxPlayers() + " players)");
    });
  }

  /**
   * Reserves a seat if one is free; any thread. Returns the seat id, or null when full or
   * closed. The reservation lapses after the seat token's lifetime unless a client claims it.
   */
  public Seat tryReserve(Role role) {
    return seats.tryReserve(role, () -> !closed && (role != Role.PLAYER || host.open));
  }

  /**
   * Attaches a connection to its seat, on the room's context: a new seat creates the player's
   * entity; a seat whose member is still in the room (reconnect grace) resumes it. Fails when
   * the seat is unknown, expired or the room has closed; the gateway then closes with 1008.
   */
  public Future<Void> attach(Seat seat, ClientLink link, String name, byte[] joinData) {
    Promise<Void> promise = Promise.promise();
    context.runOnContext(v -> {
      if (closed) {
        promise.fail("room " + id + " has closed");
        return;
      }
      try {
        roster.attach(seat, link, name, joinData);
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
    sources.onNext(link.messages().map(msg -> new MemberMessage(m, link, msg)));
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

  private void enqueue(MemberMessage m) {
    if (batch.size() >= batchLimit) {
      // The whole room is flooded beyond its per-tick budget: drop rather than grow.
      droppedInputs.incrementAndGet();
      metrics.inputsDropped.increment();
      return;
    }
    batch.add(m);
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
      for (MemberMessage m; (m = batch.poll()) != null; ) {
        apply(m);
      }
      game.step(tick);
      game.writeState(scratch);
      EntityTable state = ring.store(tick, scratch);
      observer.ticked(id, tick, state);
      if (tick % options.ticksPerSend() == 0) {
        long t0 = System.nanoTime();
        fanout.send(tick, state, roster.connected(), t0); // calls the game's positions()
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

  private void apply(MemberMessage m) {
    Member member = m.member();
    if (member.link != m.link()) {
      return; // sent on a connection that has since been replaced
    }
    Inbound in = m.message();
    member.acknowledge(in.ackTick());
    switch (in.kind()) {
      case INPUT -> {
        // Unsigned: a client may count past 2^31; an older or repeated input is not applied.
        if (member.isPlayer() && Integer.compareUnsigned(in.seq(), member.lastInputSeq) > 0) {
          member.lastInputSeq = in.seq();
          game.onInput(member, (Message) in.payload());
        }
      }
      case MESSAGE -> {
        if (member.isPlayer()) { // spectators steer nothing and say nothing to the game
          game.onMessage(member, (Message) in.payload());
        }
      }
      case ACK -> { }
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
    long now = System.nanoTime();
    for (var s : cp.getSeatsList()) {
      if (s.getRole() != dev.tickstream.proto.v1.Role.ROLE_PLAYER) {
        continue; // spectators just matchmake again
      }
      roster.restored(new Seat(id, s.getSeatId(), Role.PLAYER), s.getName(),
          s.getPlayerNumber(), s.getEntityId(), now);
    }
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
      roster.closeAll((short) 1001, wsBaseUrl == null ? "server shutting down"
          : "room moved to another node", m -> wsBaseUrl == null ? null : wsBaseUrl + "?token="
          + URLEncoder.encode(resumeTokens.apply(m.seat), StandardCharsets.UTF_8));
      inputSubscription.dispose();
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
    if (inputSubscription != null) {
      inputSubscription.dispose();
    }
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
    return droppedInputs.get();
  }

  public TickStats.Summary tickStats() {
    return stats.summary();
  }
}
