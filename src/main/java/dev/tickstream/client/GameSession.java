package dev.tickstream.client;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.tickstream.proto.v1.Ack;
import dev.tickstream.proto.v1.ClientMessage;
import dev.tickstream.proto.v1.Closing;
import dev.tickstream.proto.v1.Input;
import dev.tickstream.proto.v1.Join;
import dev.tickstream.proto.v1.Ping;
import dev.tickstream.proto.v1.Pong;
import dev.tickstream.proto.v1.Role;
import dev.tickstream.proto.v1.ServerMessage;
import dev.tickstream.proto.v1.Snapshot;
import dev.tickstream.proto.v1.Welcome;
import dev.tickstream.sim.EntityTable;
import dev.tickstream.sync.DeltaDecoder;
import dev.tickstream.sync.SnapshotRing;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.WebSocket;
import io.vertx.core.internal.http.WebSocketInternal;

/**
 * One joined session: sends inputs (acknowledging snapshots on the way) and keeps a mirror of
 * the room's world by applying each delta to the state it was made against.
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
  private SnapshotRing history;
  private EntityTable scratch;
  private EntityTable mirror;
  private int[] rates;
  private int tick;
  private int ackTick;
  private int lastAppliedInputSeq;
  private int seq;
  private long lastInputNanos;
  private long snapshots;
  private long bytesIn;
  private Closing closing;
  private Handler<Snapshot> snapshotHandler = s -> { };
  private Handler<Pong> pongHandler = p -> { };

  /** Why a session ended: the close frame's code and reason, and the Closing message if any. */
  public record CloseInfo(int code, String reason, Closing closing) {}

  GameSession(Vertx vertx, WebSocket socket, SessionOptions options) {
    this.socket = socket;
    this.options = options;
  }

  Future<GameSession> join(String name) {
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
        .setJoin(Join.newBuilder().setName(name).setClient("tickstream-java/0.1")).build());
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
        int fields = welcome.getFieldsCount();
        history = new SnapshotRing(options.history(), fields);
        scratch = new EntityTable(fields);
        mirror = new EntityTable(fields);
        rates = rates(welcome);
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
      if (welcome.getRole() == Role.ROLE_SPECTATOR || System.nanoTime() - lastInputNanos > interval * 3 / 2) {
        send(ClientMessage.newBuilder().setAck(Ack.newBuilder().setAckTick(ackTick)).build());
      }
    }
    snapshotHandler.handle(s);
  }

  /** Welcome's field rates, checked: a rate must name another field. */
  static int[] rates(Welcome w) {
    int n = w.getFieldsCount();
    if (w.getFieldRatesCount() == 0) {
      return null;
    }
    if (w.getFieldRatesCount() != n) {
      throw new IllegalArgumentException("field_rates must have one entry per field");
    }
    int[] r = new int[n];
    for (int i = 0; i < n; i++) {
      r[i] = w.getFieldRates(i);
      if (r[i] < -1 || r[i] >= n || r[i] == i) {
        throw new IllegalArgumentException("bad rate field for " + w.getFields(i));
      }
    }
    return r;
  }

  /**
   * Sends one input and returns its sequence number; it carries the newest acknowledgement.
   *
   * @param moveX -127..127
   * @param moveY -127..127
   * @param aim 0..65535 per turn
   */
  public int sendInput(int moveX, int moveY, int aim, boolean fire) {
    seq++;
    lastInputNanos = System.nanoTime();
    send(ClientMessage.newBuilder().setInput(Input.newBuilder().setSeq(seq).setAckTick(ackTick)
        .setMoveX(moveX).setMoveY(moveY).setAim(aim).setFire(fire)).build());
    return seq;
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

  /**
   * Drops the TCP connection without a close frame, as a network failure would: the server
   * keeps the seat for its reconnect grace. For tests and the load tester's chaos bots.
   */
  public void dropConnection() {
    if (socket instanceof WebSocketInternal internal) {
      internal.channelHandlerContext().channel().close();
    } else {
      socket.close();
    }
  }

  public GameSession snapshotHandler(Handler<Snapshot> handler) {
    this.snapshotHandler = handler;
    return this;
  }

  public GameSession pongHandler(Handler<Pong> handler) {
    this.pongHandler = handler;
    return this;
  }

  public Welcome welcome() {
    return welcome;
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

  public Future<Void> close() {
    return socket.close();
  }

  /** The event loop this session's handlers run on; use it to call the session safely. */
  public io.vertx.core.Context context() {
    return context;
  }

  public WebSocket socket() {
    return socket;
  }
}
