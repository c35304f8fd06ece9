package dev.tickstream.room;

import dev.tickstream.proto.v1.ClientMessage;
import dev.tickstream.proto.v1.RoomCheckpoint;
import dev.tickstream.proto.v1.ServerMessage;
import dev.tickstream.proto.v1.Welcome;
import dev.tickstream.sim.EntityTable;
import dev.tickstream.sim.Game;
import dev.tickstream.games.arena.PlayerInput;
import dev.tickstream.sync.SnapshotRing;
import io.reactivex.rxjava3.core.Flowable;
import io.reactivex.rxjava3.disposables.Disposable;
import io.reactivex.rxjava3.processors.FlowableProcessor;
import io.reactivex.rxjava3.processors.PublishProcessor;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.rxjava3.core.RxHelper;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
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
  private final Game game;
  private final Function<Seat, String> resumeTokens;
  private final Runnable onClose;

  // Thread-safe part: matchmaking on any event loop reserves seats here.
  private final AtomicInteger playerSeats = new AtomicInteger();
  private final AtomicInteger spectatorSeats = new AtomicInteger();
  private final Map<String, Long> reservations = new ConcurrentHashMap<>();
  private final AtomicLong droppedInputs = new AtomicLong();
  private volatile boolean closed;
  private volatile int currentTick;
  private final RoomMetrics metrics;
  private final TickStats stats;

  // Confined to the context.
  private final SnapshotRing ring;
  private final EntityTable scratch;
  private final SnapshotFanout fanout;
  private final Map<String, Member> members = new HashMap<>();
  private final List<Member> connected = new ArrayList<>();
  private final ArrayDeque<MemberMessage> batch = new ArrayDeque<>();
  private final FlowableProcessor<Flowable<MemberMessage>> sources =
      PublishProcessor.<Flowable<MemberMessage>>create().toSerialized();
  private final int batchLimit;
  private TickLoop loop;
  private Disposable inputSubscription;
  private TickListener tickListener;
  private long emptySinceNanos;
  private int tick;
  private long lastFanoutNanos;

  /** Observes each tick's state; the cluster's checkpoints and the tests use it. */
  public interface TickListener {
    void onTick(String roomId, int tick, EntityTable state);
  }

  /**
   * Observes one snapshot encoding: for {@code entityId}'s member at {@code tick}, the view of
   * {@code state} it was sent ({@code rows[0..n)}, null rows: all) against the view of
   * {@code base} it had acknowledged (null: a full snapshot), and the frame's size. The
   * arguments are valid during the call only.
   */
  public interface EncodeListener {
    void encoded(int entityId, int tick, EntityTable state, int[] rows, int n, int baseTick,
        EntityTable base, int[] baseRows, int baseCount, int frameBytes);
  }

  /** Observes what each member was sent: the hash of its view (tests of interest). */
  public interface ViewListener {
    void onView(int entityId, int tick, long viewHash);
  }

  private record MemberMessage(Member member, ClientLink link, ClientMessage message) {}

  Room(String id, Context context, RoomOptions options, Game game, RoomMetrics metrics,
      Function<Seat, String> resumeTokens, Runnable onClose) {
    this.id = id;
    this.metrics = metrics;
    this.stats = new TickStats(1200, metrics.tickDuration, metrics.tickLateness);
    this.context = context;
    this.options = options;
    this.game = game;
    this.resumeTokens = resumeTokens;
    this.onClose = onClose;
    this.ring = new SnapshotRing(options.snapshotHistory(), game.fields().size());
    this.scratch = new EntityTable(game.fields().size());
    this.fanout = new SnapshotFanout(game, options, ring, metrics);
    // A few inputs per member per tick is generous; beyond it the room is being flooded.
    this.batchLimit = (options.maxPlayers() + options.maxSpectators()) * 8;
  }

  public String id() {
    return id;
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
    AtomicInteger seats = role == Role.PLAYER ? playerSeats : spectatorSeats;
    int max = role == Role.PLAYER ? options.maxPlayers() : options.maxSpectators();
    while (true) {
      int n = seats.get();
      if (closed || n >= max) {
        return null;
      }
      if (seats.compareAndSet(n, n + 1)) {
        break;
      }
    }
    if (closed) {
      seats.decrementAndGet();
      return null;
    }
    Seat seat = new Seat(id, Ids.seatId(role), role);
    reservations.put(seat.seatId(), System.nanoTime() + options.seatTtlMs() * 1_000_000L);
    return seat;
  }

  /**
   * Attaches a connection to its seat, on the room's context: a new seat creates the player's
   * entity; a seat whose member is still in the room (reconnect grace) resumes it. Fails when
   * the seat is unknown, expired or the room has closed; the gateway then closes with 1008.
   */
  public Future<Void> attach(Seat seat, ClientLink link, String name, String client) {
    Promise<Void> promise = Promise.promise();
    context.runOnContext(v -> {
      try {
        attachOnContext(seat, link, name);
        promise.complete();
      } catch (RuntimeException e) {
        promise.fail(e);
      }
    });
    return promise.future();
  }

  private void attachOnContext(Seat seat, ClientLink link, String name) {
    if (closed) {
      throw new IllegalStateException("room " + id + " has closed");
    }
    long now = System.nanoTime();
    Member member = members.get(seat.seatId());
    boolean resumed = member != null;
    if (resumed) {
      if (member.link != null) {
        // The same seat connected again (a reload): the newest connection wins.
        ClientLink old = member.link;
        connected.remove(member);
        old.close((short) 1008, "session replaced by a new connection", null);
      }
    } else {
      if (reservations.remove(seat.seatId()) == null) {
        throw new IllegalStateException("seat " + seat.seatId() + " is unknown or expired");
      }
      int entity = seat.role() == Role.PLAYER ? game.addPlayer(name) : 0;
      member = new Member(seat, name, entity);
      members.put(seat.seatId(), member);
    }
    member.connect(link, now);
    connected.add(member);
    Member m = member;
    sources.onNext(link.messages().map(msg -> new MemberMessage(m, link, msg)));
    link.closed().onComplete(x -> context.runOnContext(y -> disconnected(m, link)));
    link.send(Buffer.buffer(welcome(member, resumed).toByteArray()));
  }

  private ServerMessage welcome(Member member, boolean resumed) {
    Welcome.Builder w = Welcome.newBuilder()
        .setProtocolVersion(1)
        .setRoomId(id)
        .setRole(member.isPlayer()
            ? dev.tickstream.proto.v1.Role.ROLE_PLAYER : dev.tickstream.proto.v1.Role.ROLE_SPECTATOR)
        .setEntityId(member.entityId)
        .setTickRate(options.tickRate())
        .setSendRate(options.tickRate() / options.ticksPerSend())
        .setMapWidth(game.mapWidth())
        .setMapHeight(game.mapHeight())
        .setPositionScale(game.positionScale())
        .addAllFields(game.fields())
        .setTick(tick)
        .setResumed(resumed)
        .putAllConstants(game.constants())
        .setResumeToken(resumeTokens.apply(member.seat))
        .setResumeGraceMs(options.reconnectGraceMs());
    for (int r : game.rateFields()) {
      w.addFieldRates(r);
    }
    return ServerMessage.newBuilder().setWelcome(w).build();
  }

  private void disconnected(Member member, ClientLink link) {
    if (member.link != link) {
      return; // an old connection of a seat that has already reconnected
    }
    member.link = null;
    connected.remove(member);
    if (member.isPlayer() && options.reconnectGraceMs() > 0 && !closed) {
      member.disconnectedAtNanos = System.nanoTime();
      game.applyInput(member.entityId, PlayerInput.IDLE);
    } else {
      remove(member);
    }
  }

  private void remove(Member member) {
    members.remove(member.seat.seatId());
    if (member.isPlayer()) {
      game.removePlayer(member.entityId);
      playerSeats.decrementAndGet();
    } else {
      spectatorSeats.decrementAndGet();
    }
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
    tick++;
    currentTick = tick;
    for (MemberMessage m; (m = batch.poll()) != null; ) {
      apply(m);
    }
    game.step(tick);
    game.writeState(scratch);
    EntityTable state = ring.store(tick, scratch);
    if (tickListener != null) {
      tickListener.onTick(id, tick, state);
    }
    if (tick % options.ticksPerSend() == 0) {
      long t0 = System.nanoTime();
      fanout.send(tick, state, connected, t0);
      lastFanoutNanos = System.nanoTime() - t0;
    }
    if (tick % options.tickRate() == 0) {
      housekeeping();
    }
  }

  private void apply(MemberMessage m) {
    Member member = m.member();
    if (member.link != m.link()) {
      return; // sent on a connection that has since been replaced
    }
    ClientMessage msg = m.message();
    switch (msg.getMsgCase()) {
      case INPUT -> {
        var in = msg.getInput();
        member.acknowledge(in.getAckTick());
        if (member.isPlayer() && in.getSeq() > member.lastInputSeq) {
          member.lastInputSeq = in.getSeq();
          game.applyInput(member.entityId,
              new PlayerInput(in.getMoveX(), in.getMoveY(), in.getAim(), in.getFire()));
        }
      }
      case ACK -> member.acknowledge(msg.getAck().getAckTick());
      default -> { } // the gateway only forwards inputs and acks
    }
  }

  private void housekeeping() {
    long now = System.nanoTime();
    reservations.entrySet().removeIf(e -> {
      if (e.getValue() - now < 0) {
        // Reserved seats are counted as taken; an unclaimed one must give its seat back.
        (e.getKey().startsWith("s") ? spectatorSeats : playerSeats).decrementAndGet();
        return true;
      }
      return false;
    });
    List<Member> expired = new ArrayList<>();
    for (Member m : members.values()) {
      if (m.link == null
          && now - m.disconnectedAtNanos > options.reconnectGraceMs() * 1_000_000L) {
        expired.add(m);
      }
    }
    expired.forEach(this::remove);
    if (playerSeats.get() + spectatorSeats.get() > 0) {
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
      p.complete(Checkpoints.of(id, tick, state, members.values(), options));
    }
  }

  /** Before {@link #start}: continue from a checkpoint, its players waiting to resume. */
  void restore(RoomCheckpoint cp) {
    EntityTable state = Checkpoints.state(cp, game.fields().size());
    game.restore(state, cp.getTick());
    tick = cp.getTick();
    currentTick = tick;
    ring.store(tick, state);
    long now = System.nanoTime();
    for (var s : cp.getSeatsList()) {
      if (s.getRole() != dev.tickstream.proto.v1.Role.ROLE_PLAYER) {
        continue; // spectators just matchmake again
      }
      Member m = new Member(new Seat(id, s.getSeatId(), Role.PLAYER), s.getName(),
          s.getEntityId());
      m.disconnectedAtNanos = now;
      members.put(s.getSeatId(), m);
      playerSeats.incrementAndGet();
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
      for (Member m : new ArrayList<>(connected)) {
        if (wsBaseUrl == null) {
          m.link.close((short) 1001, "server shutting down", null);
          continue;
        }
        String url = wsBaseUrl + "?token="
            + URLEncoder.encode(resumeTokens.apply(m.seat), StandardCharsets.UTF_8);
        m.link.close((short) 1001, "room moved to another node", url);
      }
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
    if (playerSeats.get() + spectatorSeats.get() > 0 && reason.equals("empty")) {
      closed = false; // a seat was reserved while we decided: stay open
      return;
    }
    loop.stop();
    inputSubscription.dispose();
    for (Member m : new ArrayList<>(connected)) {
      m.link.close((short) 1001, "room closed: " + reason, null);
    }
    LOG.log(System.Logger.Level.INFO, "room " + id + " closed (" + reason + ") after "
        + tick + " ticks");
    onClose.run();
  }

  /** Time the last tick spent encoding and writing snapshots; on the room's context. */
  public long lastFanoutNanos() {
    return lastFanoutNanos;
  }

  /** Sees every snapshot encoding (the bandwidth report); set on the room's context. */
  public void encodeListener(EncodeListener listener) {
    fanout.listener(listener);
  }

  /** Sets the per-member view observer; call on the room's context or before it starts. */
  public void viewListener(ViewListener listener) {
    fanout.viewListener(listener);
  }

  /** Sets the per-tick observer; call on the room's context (or before it starts). */
  public void tickListener(TickListener listener) {
    this.tickListener = listener;
  }

  public boolean isClosed() {
    return closed;
  }

  public int players() {
    return playerSeats.get();
  }

  public int spectators() {
    return spectatorSeats.get();
  }

  public int maxPlayers() {
    return options.maxPlayers();
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
