package dev.tickstream.gateway;

import dev.tickstream.proto.v1.ClientMessage;
import dev.tickstream.proto.v1.Closing;
import dev.tickstream.proto.v1.Join;
import dev.tickstream.proto.v1.Pong;
import dev.tickstream.proto.v1.ServerMessage;
import dev.tickstream.room.ClientLink;
import dev.tickstream.room.Inbound;
import dev.tickstream.room.Room;
import dev.tickstream.room.Seat;
import io.reactivex.rxjava3.core.BackpressureOverflowStrategy;
import io.reactivex.rxjava3.core.Flowable;
import io.reactivex.rxjava3.processors.PublishProcessor;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ServerWebSocket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One client's WebSocket: judges every frame through {@link InboundFrames} (size, decode,
 * order, ranges, input rate), answers pings, and hands inputs to its room as a
 * {@link Flowable}. Runs on the socket's event loop; {@link #send} and {@link #close} may be
 * called from the room's loop.
 *
 * <p>Close codes (RFC 6455 section 7.4.1): 1003 text frame, 1007 not a valid ClientMessage or a
 * field out of range, 1008 protocol order or policy (no join in time, join twice, seat gone,
 * idle, input rate exceeded persistently), 1009 frame over the size limit.
 */
final class Connection implements ClientLink {
  private static final System.Logger LOG = System.getLogger(Connection.class.getName());
  static final int MAX_NAME_CHARS = 16;
  static final int MAX_CLIENT_BYTES = 64;
  /** Long enough for a reading client to answer a close frame over a slow link. */
  static final long CLOSE_GRACE_MS = 5_000;
  /** Long enough for the close frame to reach a client still sending a refused frame. */
  static final long REFUSED_FRAME_GRACE_MS = 1_000;

  private final Vertx vertx;
  private final ServerWebSocket ws;
  private final RawSocket socket;
  private final Seat seat;
  /** The token was a resume token: it may take its seat back from another connection. */
  private final boolean resume;
  private final Room room;
  private final GatewayOptions options;
  private final GatewayMetrics metrics;
  private final PublishProcessor<Inbound> inputs = PublishProcessor.create();
  private final Promise<Closed> closed = Promise.promise();
  private final AtomicLong droppedInputs = new AtomicLong();
  private final InboundFrames frames;
  /** The loop this socket lives on (the one constructing it), for the room's batched writes. */
  private final Loop loop;
  private volatile boolean closing;
  private volatile int closeCode;
  private volatile boolean left;
  private long joinTimer;
  private long idleTimer;
  private volatile long dropTimer = -1;
  private long lastFrameNanos;

  Connection(Vertx vertx, ServerWebSocket ws, RawSocket socket, Seat seat, boolean resume,
      Room room, GatewayOptions options, GatewayMetrics metrics, Loop loop) {
    this.vertx = vertx;
    this.loop = loop;
    this.ws = ws;
    this.socket = socket;
    this.seat = seat;
    this.resume = resume;
    this.room = room;
    this.options = options;
    this.metrics = metrics;
    this.frames = new InboundFrames(room.spec(), options.maxFrameBytes(),
        options.inputsPerSecond(), options.inputBurst(), System.nanoTime());
  }

  void start() {
    ws.setWriteQueueMaxSize(options.writeQueueBytes());
    ws.binaryMessageHandler(this::onBinary);
    ws.textMessageHandler(t -> {
      metrics.limit(GatewayMetrics.MALFORMED);
      close((short) 1003, "text frames are not supported", null);
    });
    // Vert.x answers a control ping itself, whatever the write queue holds: count them
    // against the same buckets as messages so a flood is closed, not buffered without end.
    ws.frameHandler(f -> {
      if (f.isPing()) {
        if (closing) {
          ws.pause(); // pinging past our close frame: stop reading until the drop
        } else {
          onControlPing();
        }
      }
    });
    ws.exceptionHandler(this::onSocketError);
    socket.onRefusedFrame((code, why) -> {
      metrics.decodeError();
      metrics.limit(code == 1009 ? GatewayMetrics.FRAME_SIZE : GatewayMetrics.MALFORMED);
      // The decoder now discards all input, the client's closing answer too: a short grace.
      close(code, code == 1009 ? "a frame exceeds the transport's limit of "
          + options.transportFrameBytes() + " bytes" : "refused frame: " + why, null,
          REFUSED_FRAME_GRACE_MS);
    });
    ws.closeHandler(v -> {
      metrics.disconnected();
      vertx.cancelTimer(joinTimer);
      vertx.cancelTimer(idleTimer);
      vertx.cancelTimer(dropTimer);
      inputs.onComplete();
      // Vert.x reports 1000 alike for a close frame and a connection that just ended, so only
      // a Leave message says the client meant to go; anything else may come back.
      closed.tryComplete(new Closed(left ? Closed.How.LEFT : closing ? Closed.How.BY_SERVER
          : Closed.How.LOST, closing ? closeCode : 1006));
    });
    joinTimer = vertx.setTimer(options.joinTimeoutMs(), id -> {
      if (!frames.joined() && !closing) {
        metrics.limit(GatewayMetrics.JOIN_TIMEOUT);
        close((short) 1008, "no join within " + options.joinTimeoutMs() + " ms", null);
      }
    });
    lastFrameNanos = System.nanoTime();
    armIdleTimer(options.idleTimeoutMs());
  }

  private void onBinary(Buffer frame) {
    if (closing) {
      return;
    }
    long now = System.nanoTime();
    lastFrameNanos = now;
    InboundFrames.Verdict v = frames.accept(frame.getBytes(), now);
    switch (v.kind()) {
      case JOIN -> {
        Join join = v.message().getJoin();
        room.attach(seat, resume, this, cleanName(join.getName()),
            join.getData().toByteArray())
            .onFailure(e -> close((short) 1008, "cannot take seat: " + e.getMessage(), null));
      }
      case FORWARD -> inputs.onNext(v.inbound());
      case PING -> pong(v.message());
      case LEAVE -> {
        left = true;
        close((short) 1000, "left the room", null);
      }
      case DROPPED -> metrics.inputRateLimited();
      case CLOSE -> {
        metrics.decodeError();
        metrics.limit(v.limit());
        close(v.code(), v.reason(), null);
      }
    }
  }

  private void onControlPing() {
    InboundFrames.Verdict v = frames.controlPing(System.nanoTime());
    if (v.kind() == InboundFrames.Kind.DROPPED) {
      metrics.inputRateLimited();
    } else if (v.kind() == InboundFrames.Kind.CLOSE) {
      metrics.limit(v.limit());
      close(v.code(), v.reason(), null);
    }
  }

  private void pong(ClientMessage msg) {
    if (writeQueueFull()) {
      return; // a client that does not read gets no pong: answering would buffer without bound
    }
    Pong pong = Pong.newBuilder()
        .setClientTimeMs(msg.getPing().getClientTimeMs())
        .setServerTimeMs(System.currentTimeMillis())
        .setTick(room.currentTick())
        .build();
    send(Buffer.buffer(ServerMessage.newBuilder().setPong(pong).build().toByteArray()));
  }

  private void onSocketError(Throwable e) {
    // Vert.x drops a message over maxWebSocketMessageSize (fragments adding up, or a
    // permessage-deflate frame inflating past it) and only reports it here: close with 1009.
    if (e instanceof IllegalStateException && e.getMessage() != null
        && e.getMessage().contains("max message size")) {
      metrics.decodeError();
      metrics.limit(GatewayMetrics.FRAME_SIZE);
      close((short) 1009, "message exceeds the limit of " + options.maxFrameBytes() + " bytes",
          null);
      return;
    }
    LOG.log(System.Logger.Level.DEBUG, "socket error " + remote(), e);
  }

  /** Closes a session that has sent nothing for idleTimeoutMs; re-arms itself otherwise. */
  private void armIdleTimer(long delayMs) {
    idleTimer = vertx.setTimer(Math.max(1, delayMs), id -> {
      if (closing) {
        return;
      }
      long quietMs = (System.nanoTime() - lastFrameNanos) / 1_000_000L;
      if (quietMs >= options.idleTimeoutMs()) {
        metrics.limit(GatewayMetrics.IDLE);
        close((short) 1008, "idle: nothing received for " + options.idleTimeoutMs() + " ms",
            null);
      } else {
        armIdleTimer(options.idleTimeoutMs() - quietMs);
      }
    });
  }

  private static final java.util.regex.Pattern INVISIBLE = java.util.regex.Pattern.compile(
      "[\\p{C}\\p{Zl}\\p{Zp}\\u115F\\u1160\\u3164\\uFFA0\\u2800]");
  private static final java.util.regex.Pattern SPACES =
      java.util.regex.Pattern.compile("\\p{Zs}+");

  /**
   * A display name other players can trust to render as written: control, format (bidi
   * overrides, zero-width), private-use, unassigned and lone surrogate code points are removed,
   * and so are line and paragraph separators and the letters that draw nothing (Hangul fillers,
   * the braille blank); every other space becomes one plain space; then it is trimmed to 16
   * code points. Nothing visible left: "player".
   */
  static String cleanName(String raw) {
    String name = SPACES.matcher(INVISIBLE.matcher(raw).replaceAll("")).replaceAll(" ").strip();
    if (name.codePointCount(0, name.length()) > MAX_NAME_CHARS) {
      name = name.substring(0, name.offsetByCodePoints(0, MAX_NAME_CHARS)).strip();
    }
    return name.isEmpty() ? "player" : name;
  }

  static String truncate(String client) {
    byte[] b = client.getBytes(StandardCharsets.UTF_8);
    return b.length <= MAX_CLIENT_BYTES ? client : new String(b, 0, MAX_CLIENT_BYTES,
        StandardCharsets.UTF_8);
  }

  @Override
  public Flowable<Inbound> messages() {
    // Bounded per connection: a newer input supersedes an older one, so drop the oldest.
    return inputs.onBackpressureBuffer(options.inputBuffer(),
        () -> {
          droppedInputs.incrementAndGet();
          metrics.droppedInput();
        },
        BackpressureOverflowStrategy.DROP_OLDEST);
  }

  @Override
  public void send(Buffer frame) {
    if (!closing && !ws.isClosed()) {
      ws.writeBinaryMessage(frame); // a failed write (closed meanwhile) needs no handling
    }
  }

  @Override
  public Loop loop() {
    return loop;
  }

  @Override
  public boolean writeQueueFull() {
    // The socket may close between the room's last look and this one; a closed socket takes
    // no writes, and send() drops them, so it is never "full".
    if (closing || ws.isClosed()) {
      return false;
    }
    try {
      return ws.writeQueueFull();
    } catch (IllegalStateException closedMeanwhile) {
      return false;
    }
  }

  @Override
  public void close(short code, String reason, String redirectUrl) {
    close(code, reason, redirectUrl, CLOSE_GRACE_MS);
  }

  private void close(short code, String reason, String redirectUrl, long graceMs) {
    if (closing) {
      return;
    }
    closing = true;
    closeCode = code;
    metrics.closed(code);
    Closing.Builder c = Closing.newBuilder().setCode(code).setReason(reason);
    if (redirectUrl != null) {
      c.setRedirectUrl(redirectUrl);
    }
    ws.writeBinaryMessage(Buffer.buffer(ServerMessage.newBuilder().setClosing(c).build()
        .toByteArray()));
    // A close frame's reason is limited to 123 bytes (RFC 6455 section 5.5).
    ws.close(code, truncateReason(reason));
    dropUnlessClosedWithin(graceMs);
  }

  /**
   * Vert.x starts its closing timeout only once the close frame is written, so a client that
   * reads nothing would keep its TCP connection (and what is queued for it) forever. A client
   * that is not reading now stops being read too (its pings would still be answered), and
   * either way the connection is dropped if the close handshake has not ended in time.
   */
  private void dropUnlessClosedWithin(long ms) {
    if (writeQueueFull()) {
      ws.pause();
    }
    dropTimer = vertx.setTimer(ms, id -> {
      if (!closed.future().isComplete()) {
        metrics.limit(GatewayMetrics.CLOSE_TIMEOUT);
        socket.drop();
      }
    });
  }


  static String truncateReason(String reason) {
    byte[] b = reason.getBytes(StandardCharsets.UTF_8);
    if (b.length <= 123) {
      return reason;
    }
    String s = new String(b, 0, 119, StandardCharsets.UTF_8);
    // A character cut in half decodes as U+FFFD: drop it.
    return (s.endsWith("\uFFFD") ? s.substring(0, s.length() - 1) : s) + "...";
  }

  @Override
  public Future<Closed> closed() {
    return closed.future();
  }

  @Override
  public String remote() {
    return String.valueOf(ws.remoteAddress());
  }

  long droppedInputs() {
    return droppedInputs.get();
  }
}
