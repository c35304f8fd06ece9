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
import dev.tickstream.proto.v1.Role;
import dev.tickstream.proto.v1.ServerMessage;
import dev.tickstream.proto.v1.Snapshot;
import dev.tickstream.proto.v1.Welcome;
import dev.tickstream.wire.EntityTable;
import dev.tickstream.wire.DeltaDecoder;
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
 * <p>Handlers run on the session's event loop, and the mirror must only be read there.
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
  private int tick;
  private int ackTick;
  private int lastAppliedInputSeq;
  private int seq;
  private long lastInputNanos;
  private long lastAckNanos = System.nanoTime() - 1_000_000_000_000L;
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
    ServerMessage msg;
    try {
      msg = ServerMessage.parseFrom(frame.getBytes());
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
        history = new SnapshotRing(options.history(), fields);
        scratch = new EntityTable(fields);
        mirror = new EntityTable(fields);
        rates = schema.rates();
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
      long interval = 1_000_000_000L / Math.max(1, welcome.getSendRate());
      long now = System.nanoTime();
      // At most one ack per half send interval: a client that was starved and applies a
      // backlog of snapshots at once would otherwise answer each, and a burst of acks costs
      // the session's message tokens like inputs (closed for the rate, 1008, if it goes on).
      if ((welcome.getRole() == Role.ROLE_SPECTATOR || now - lastInputNanos > interval * 3 / 2)
          && now - lastAckNanos >= interval / 2) {
        lastAckNanos = now;
        send(ClientMessage.newBuilder().setAck(Ack.newBuilder().setAckTick(ackTick)).build());
      }
    }
    snapshotHandler.handle(s);
    for (GameEvent e : s.getEventsList()) {
      // Tick 0 on the wire: emitted during the snapshot's own tick.
      eventHandler.handle(new Event(schema.eventName(e.getType()),
          e.getTick() == 0 ? s.getTick() : e.getTick(), e.getData()));
    }
  }

  /**
   * Sends one input (the game's input message, {@code Welcome.schema.input}) and returns its
   * sequence number; it carries the newest acknowledgement.
   */
  public int sendInput(Message input) {
    seq++;
    lastInputNanos = System.nanoTime();
    send(ClientMessage.newBuilder().setInput(Input.newBuilder().setSeq(seq).setAckTick(ackTick)
        .setData(input.toByteString())).build());
    return seq;
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

  private void send(ClientMessage m) {
    if (!socket.isClosed()) {
      socket.writeBinaryMessage(Buffer.buffer(m.toByteArray()));
    }
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
    int row = mirror.indexOf(entityId);
    if (f < 0 || row < 0) {
      throw new IllegalArgumentException(f < 0 ? "no field " + field : "no entity " + entityId);
    }
    return mirror.get(row, f);
  }

  /** The world as of {@link #tick()}; read it on the session's event loop only. */
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
