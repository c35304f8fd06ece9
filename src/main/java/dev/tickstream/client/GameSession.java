package dev.tickstream.client;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.Parser;
import dev.tickstream.proto.v1.Ack;
import dev.tickstream.proto.v1.ClientMessage;
import dev.tickstream.proto.v1.Closing;
import dev.tickstream.proto.v1.GameEvent;
import dev.tickstream.proto.v1.GameMessage;
import dev.tickstream.proto.v1.Input;
import dev.tickstream.proto.v1.Join;
import dev.tickstream.proto.v1.Ping;
import dev.tickstream.proto.v1.Pong;
import dev.tickstream.proto.v1.ServerMessage;
import dev.tickstream.proto.v1.Snapshot;
import dev.tickstream.proto.v1.Welcome;
import dev.tickstream.wire.EntityTable;
import dev.tickstream.wire.DeltaDecoder;
import dev.tickstream.wire.SnapshotPeek;
import dev.tickstream.wire.SnapshotRing;
import dev.tickstream.wire.WireSchema;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.WebSocket;

/**
 * One joined session: sends the game's inputs and messages (acknowledging snapshots on the way),
 * keeps a mirror of the room's world by applying each delta to the state it was made against,
 * and hands the game's events to {@link #eventHandler}. Fields are read by name through
 * {@link #schema()} ({@code session.value(id, "hp")}).
 *
 * <p>What it sends on its own: an input holds on the server until the next one, so
 * {@link #input} sends only a change; and on each snapshot, an {@code Ack} when the server asks
 * for acknowledgements ({@code Welcome.ack_interval_ms}) and none went out within that time,
 * or when nothing at all went out for a third of the server's idle timeout (a keep-alive).
 *
 * <p>Handlers run on the session's event loop, and the mirror must only be read there; call
 * the senders there too.
 */
public final class GameSession {
  public static final String SUBPROTOCOL = "tickstream.v1";

  private final WebSocket socket;
  private io.vertx.core.Context context;
  private final SessionOptions options;
  private final Promise<GameSession> welcomed = Promise.promise();
  private final Promise<CloseInfo> closed = Promise.promise();
  private Welcome welcome;
  private WireSchema schema;
  private SnapshotRing history;
  private EntityTable scratch;
  private EntityTable mirror;
  private int[] rates;
  /** Without a mirror: the reader of headers and the steered entity's row. */
  private SnapshotPeek peek;
  private int tick;
  private int ackTick;
  private int viewTick;
  private int lastAppliedInputSeq;
  private int seq;
  /** The game's input last sent through {@link #input}; null: none yet. */
  private ByteString heldInput;
  private final AckPolicy acks = new AckPolicy();
  private long framesSent;
  private long bytesSent;
  private long snapshots;
  private long bytesIn;
  private Closing closing;
  private Handler<Snapshot> snapshotHandler = s -> { };
  private Handler<Pong> pongHandler = p -> { };
  private Handler<Event> eventHandler = e -> { };

  /** Why a session ended: the close frame's code and reason, and the Closing message if any. */
  public record CloseInfo(int code, String reason, Closing closing) {}

  /**
   * One of the game's events: its short name (null for a type the Welcome did not declare),
   * the tick during which the game emitted it, and its bytes; {@link #as} parses them.
   */
  public record Event(String name, int tick, ByteString data) {
    public <M> M as(Parser<M> parser) throws InvalidProtocolBufferException {
      return parser.parseFrom(data);
    }
  }

  GameSession(Vertx vertx, WebSocket socket, SessionOptions options) {
    this.socket = socket;
    this.options = options;
  }

  Future<GameSession> join(String name) {
    return join(name, ByteString.EMPTY);
  }

  Future<GameSession> join(String name, ByteString data) {
    context = Vertx.currentContext();
    socket.binaryMessageHandler(this::onFrame);
    socket.closeHandler(v -> {
      Short code = socket.closeStatusCode();
      CloseInfo info = new CloseInfo(code == null ? 1006 : code, socket.closeReason(), closing);
      closed.tryComplete(info);
      welcomed.tryFail("closed before welcome: " + info);
    });
    socket.exceptionHandler(e -> { });
    send(ClientMessage.newBuilder()
        .setJoin(Join.newBuilder().setName(name).setClient("tickstream-java/0.1").setData(data))
        .build());
    return welcomed.future();
  }

  private void onFrame(Buffer frame) {
    bytesIn += frame.length();
    byte[] bytes = frame.getBytes();
    if (peek != null && SnapshotPeek.isSnapshot(bytes)) {
      onPeek(bytes);
      return;
    }
    ServerMessage msg;
    try {
      msg = ServerMessage.parseFrom(bytes);
    } catch (InvalidProtocolBufferException e) {
      socket.close((short) 1007, "not a valid ServerMessage");
      return;
    }
    switch (msg.getMsgCase()) {
      case WELCOME -> {
        welcome = msg.getWelcome();
        schema = new WireSchema(welcome.getSchema());
        int fields = schema.fieldCount();
        if (fields == 0) {
          socket.close((short) 1007, "welcome without entity fields");
          return;
        }
        rates = schema.rates();
        if (options.mirror()) {
          history = new SnapshotRing(options.history(), fields);
          scratch = new EntityTable(fields);
          mirror = new EntityTable(fields);
        } else {
          peek = new SnapshotPeek(fields, rates, welcome.getEntityId(), options.history());
        }
        acks.welcome(welcome);
        welcomed.tryComplete(this);
      }
      case SNAPSHOT -> onSnapshot(msg.getSnapshot());
      case PONG -> pongHandler.handle(msg.getPong());
      case CLOSING -> closing = msg.getClosing();
      default -> { } // newer servers may send more; ignoring is forward compatible
    }
  }

  private void onSnapshot(Snapshot s) {
    if (welcome == null) {
      socket.close((short) 1008, "snapshot before welcome");
      return;
    }
    if (options.dropSnapshot() != null && options.dropSnapshot().test(s.getTick())) {
      return;
    }
    EntityTable base = s.getBaseTick() == 0 ? null : history.get(s.getBaseTick());
    if (s.getBaseTick() != 0 && base == null) {
      socket.close((short) 1008, "delta against unknown tick " + s.getBaseTick());
      return;
    }
    try {
      DeltaDecoder.apply(base, s, scratch, rates);
    } catch (IllegalArgumentException e) {
      socket.close((short) 1007, "bad snapshot: " + e.getMessage());
      return;
    }
    mirror = history.store(s.getTick(), scratch);
    tick = s.getTick();
    snapshots++;
    lastAppliedInputSeq = s.getLastInputSeq();
    if (options.dropAck() == null || !options.dropAck().test(tick)) {
      ackTick = tick;
    }
    acknowledgeIfDue(System.nanoTime());
    snapshotHandler.handle(s);
    for (GameEvent e : s.getEventsList()) {
      // Tick 0 on the wire: emitted during the snapshot's own tick.
      eventHandler.handle(new Event(schema.eventName(e.getType()),
          e.getTick() == 0 ? s.getTick() : e.getTick(), e.getData()));
    }
  }

  /** A snapshot read without a mirror: header and own row, then the handler with the header. */
  private void onPeek(byte[] frame) {
    if (options.dropSnapshot() != null && options.dropSnapshot().test(peekTick(frame))) {
      return;
    }
    try {
      peek.read(frame);
    } catch (IllegalArgumentException e) {
      boolean base = e.getMessage() != null && e.getMessage().startsWith("delta against");
      socket.close(base ? (short) 1008 : (short) 1007, "bad snapshot: " + e.getMessage());
      return;
    }
    tick = peek.tick();
    snapshots++;
    lastAppliedInputSeq = peek.lastInputSeq();
    if (options.dropAck() == null || !options.dropAck().test(tick)) {
      ackTick = tick;
    }
    acknowledgeIfDue(System.nanoTime());
    snapshotHandler.handle(Snapshot.newBuilder().setTick(tick).setBaseTick(peek.baseTick())
        .setLastInputSeq(peek.lastInputSeq()).build());
  }

  /** The tick of a snapshot frame, for the tests' drop predicate only. */
  private static int peekTick(byte[] frame) {
    SnapshotPeek header = new SnapshotPeek(0, null, 0, 1);
    header.read(frame);
    return header.tick();
  }

  /** Whether the steered entity is in the last snapshot applied (mirror or not). */
  public boolean hasOwn() {
    return peek != null ? peek.present()
        : mirror != null && mirror.indexOf(welcome.getEntityId()) >= 0;
  }

  /**
   * The steered entity's field {@code f} (an index into {@link #schema()}) at {@link #tick()},
   * with or without a mirror ({@link SessionOptions#withoutMirror}); 0 when it is not there.
   */
  public int own(int f) {
    if (peek != null) {
      return peek.get(f);
    }
    int row = mirror == null ? -1 : mirror.indexOf(welcome.getEntityId());
    return row < 0 ? 0 : mirror.get(row, f);
  }

  /**
   * Sends one input (the game's input message, {@code Welcome.schema.input}) now, whether or
   * not it changed, and returns its sequence number; it carries the newest acknowledgement.
   * One per tick is what a client did before inputs held; {@link #input} sends only changes.
   */
  public int sendInput(Message input) {
    ByteString data = input.toByteString();
    heldInput = data;
    return sendInputData(data);
  }

  /**
   * Sets the player's input (the game's input message): it is sent only when it differs from
   * the last one sent, since the server holds an input until the next one. Call it as often as
   * the controls are read (every tick is fine). Returns the sequence number sent, or 0 when
   * nothing was sent. Keep-alives and acknowledgements go out by themselves on snapshots.
   */
  public int input(Message input) {
    ByteString data = input.toByteString();
    if (data.equals(heldInput)) {
      return 0;
    }
    heldInput = data;
    return sendInputData(data);
  }

  private int sendInputData(ByteString data) {
    seq++;
    if (send(ClientMessage.newBuilder().setInput(Input.newBuilder().setSeq(seq)
        .setAckTick(ackTick).setViewTick(viewTick()).setData(data)).build())) {
      acks.acked(ackTick, System.nanoTime());
    }
    return seq;
  }

  /**
   * Says which tick this client draws the other entities at now: its interpolation point,
   * for lag compensation. Every input sent afterwards carries it ({@code Input.view_tick}), so
   * that the server may judge it against what the player saw, within its {@code maxRewindMs}.
   * A client that interpolates sets it each frame; 0 (the default) stamps the newest applied
   * snapshot's tick, right for a client that acts on {@link #mirror()}. Session's event loop.
   */
  public GameSession viewTick(int tick) {
    this.viewTick = Math.max(0, tick);
    return this;
  }

  /** The view tick the next input carries: the one set, or else {@link #tick()}. */
  public int viewTick() {
    return viewTick > 0 ? viewTick : tick;
  }

  /**
   * After a snapshot: an {@code Ack} when the server wants acknowledgements and the newest one
   * has not gone out within its interval, or when the session has been silent for a third of
   * the idle timeout. With deltas against the last snapshot sent (interval 0) a session that
   * holds its input sends one small frame every ten seconds.
   */
  private void acknowledgeIfDue(long now) {
    if (acks.due(ackTick, now)
        && send(ClientMessage.newBuilder().setAck(Ack.newBuilder().setAckTick(ackTick)).build())) {
      acks.acked(ackTick, now);
    }
  }

  /**
   * Sends one of the game's client messages by its short name (as the game declared it, for
   * example {@code "chat"}); the game receives it at its next tick.
   *
   * @throws IllegalArgumentException when the game declares no message of that name
   */
  public void send(String type, Message message) {
    int t = schema == null ? 0 : schema.messageType(type);
    if (t == 0) {
      throw new IllegalArgumentException("game declares no message '" + type + "'");
    }
    send(ClientMessage.newBuilder().setMessage(GameMessage.newBuilder().setType(t)
        .setData(message.toByteString())).build());
  }

  public void ping(long clientTimeMs) {
    send(ClientMessage.newBuilder().setPing(Ping.newBuilder().setClientTimeMs(clientTimeMs))
        .build());
  }

  /** Writes one frame unless the socket has closed; true when written. */
  private boolean send(ClientMessage m) {
    if (socket.isClosed()) {
      return false;
    }
    byte[] bytes = m.toByteArray();
    socket.writeBinaryMessage(Buffer.buffer(bytes));
    framesSent++;
    bytesSent += bytes.length;
    acks.sent(System.nanoTime());
    return true;
  }

  /** Writes raw bytes as one binary frame: for tests of the server's defences. */
  public void sendRaw(Buffer bytes) {
    socket.writeBinaryMessage(bytes);
  }

  public GameSession snapshotHandler(Handler<Snapshot> handler) {
    this.snapshotHandler = handler;
    return this;
  }

  /**
   * Receives the game's events, in order, right after the snapshot that carried them was
   * applied (so the mirror already shows their tick or a later one).
   */
  public GameSession eventHandler(Handler<Event> handler) {
    this.eventHandler = handler;
    return this;
  }

  public GameSession pongHandler(Handler<Pong> handler) {
    this.pongHandler = handler;
    return this;
  }

  public Welcome welcome() {
    return welcome;
  }

  /** The game's declaration: field indexes by name, message and event types. */
  public WireSchema schema() {
    return schema;
  }

  /**
   * An entity's field by name in the mirror, e.g. {@code value(id, "hp")}.
   *
   * @throws IllegalArgumentException when the entity is not in the mirror or the field unknown
   */
  public int value(int entityId, String field) {
    int f = schema.index(field);
    if (mirror == null) {
      if (f < 0 || entityId != welcome.getEntityId() || !peek.present()) {
        throw new IllegalArgumentException(f < 0 ? "no field " + field
            : "no entity " + entityId + " (without a mirror only the steered one is known)");
      }
      return peek.get(f);
    }
    int row = mirror.indexOf(entityId);
    if (f < 0 || row < 0) {
      throw new IllegalArgumentException(f < 0 ? "no field " + field : "no entity " + entityId);
    }
    return mirror.get(row, f);
  }

  /**
   * The world as of {@link #tick()}; read it on the session's event loop only. Null without a
   * mirror ({@link SessionOptions#mirror()} false).
   */
  public EntityTable mirror() {
    return mirror;
  }

  public int tick() {
    return tick;
  }

  /** The newest input sequence the server says it applied. */
  public int lastAppliedInputSeq() {
    return lastAppliedInputSeq;
  }

  public int lastSentInputSeq() {
    return seq;
  }

  public long snapshotsApplied() {
    return snapshots;
  }

  public long bytesIn() {
    return bytesIn;
  }

  /** Frames this session wrote (join, inputs, acks, pings, messages). */
  public long framesSent() {
    return framesSent;
  }

  /** Bytes of the frames this session wrote (WebSocket payloads). */
  public long bytesSent() {
    return bytesSent;
  }

  public Future<CloseInfo> closed() {
    return closed.future();
  }

  /** Closes the connection; the seat waits for a resume within the server's grace. */
  public Future<Void> close() {
    return socket.close();
  }

  /**
   * Leaves the seat for good: the game hears that the player left, and the server closes the
   * session. Completes when it has closed.
   */
  public Future<CloseInfo> leave() {
    send(ClientMessage.newBuilder().setLeave(dev.tickstream.proto.v1.Leave.getDefaultInstance())
        .build());
    return closed.future();
  }

  /** The event loop this session's handlers run on; use it to call the session safely. */
  public io.vertx.core.Context context() {
    return context;
  }

  public WebSocket socket() {
    return socket;
  }
}
