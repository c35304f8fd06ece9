package dev.tickstream.gateway;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.tickstream.proto.v1.ClientMessage;
import dev.tickstream.proto.v1.Closing;
import dev.tickstream.proto.v1.Input;
import dev.tickstream.proto.v1.Join;
import dev.tickstream.proto.v1.Pong;
import dev.tickstream.proto.v1.ServerMessage;
import dev.tickstream.room.ClientLink;
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
 * One client's WebSocket: decodes and bounds every frame, answers pings, and hands inputs to
 * its room as a {@link Flowable}. Runs on the socket's event loop; {@link #send} and
 * {@link #close} may be called from the room's loop.
 *
 * <p>Close codes (RFC 6455 section 7.4.1): 1003 text frame, 1007 not a valid ClientMessage or a
 * field out of range, 1008 protocol order or policy (no join, join twice, seat gone), 1009 frame
 * over the size limit.
 */
final class Connection implements ClientLink {
  private static final System.Logger LOG = System.getLogger(Connection.class.getName());
  static final int MAX_NAME_CHARS = 16;
  static final int MAX_CLIENT_BYTES = 64;

  private final Vertx vertx;
  private final ServerWebSocket ws;
  private final Seat seat;
  private final Room room;
  private final GatewayOptions options;
  private final GatewayMetrics metrics;
  private final PublishProcessor<ClientMessage> inputs = PublishProcessor.create();
  private final Promise<Void> closed = Promise.promise();
  private final AtomicLong droppedInputs = new AtomicLong();
  private volatile boolean closing;
  private boolean joined;
  private long joinTimer;

  Connection(Vertx vertx, ServerWebSocket ws, Seat seat, Room room, GatewayOptions options,
      GatewayMetrics metrics) {
    this.vertx = vertx;
    this.ws = ws;
    this.seat = seat;
    this.room = room;
    this.options = options;
    this.metrics = metrics;
  }

  void start() {
    ws.setWriteQueueMaxSize(options.writeQueueBytes());
    ws.binaryMessageHandler(this::onBinary);
    ws.textMessageHandler(t -> close((short) 1003, "text frames are not supported", null));
    ws.exceptionHandler(e -> LOG.log(System.Logger.Level.DEBUG, "socket error " + remote(), e));
    ws.closeHandler(v -> {
      metrics.disconnected();
      vertx.cancelTimer(joinTimer);
      inputs.onComplete();
      closed.tryComplete();
    });
    joinTimer = vertx.setTimer(options.joinTimeoutMs(), id -> {
      if (!joined) {
        close((short) 1008, "no join within " + options.joinTimeoutMs() + " ms", null);
      }
    });
  }

  private void onBinary(Buffer frame) {
    if (closing) {
      return;
    }
    if (frame.length() > options.maxFrameBytes()) {
      metrics.decodeError();
      close((short) 1009, "frame of " + frame.length() + " bytes exceeds the limit of "
          + options.maxFrameBytes(), null);
      return;
    }
    ClientMessage msg;
    try {
      msg = ClientMessage.parseFrom(frame.getBytes());
    } catch (InvalidProtocolBufferException e) {
      metrics.decodeError();
      close((short) 1007, "not a valid ClientMessage", null);
      return;
    }
    String problem = handle(msg);
    if (problem != null) {
      metrics.decodeError();
      close(problem.startsWith("policy:") ? (short) 1008 : (short) 1007,
          problem.substring(problem.indexOf(':') + 1).trim(), null);
    }
  }

  /** Returns null when accepted, else "policy: reason" or "payload: reason". */
  private String handle(ClientMessage msg) {
    switch (msg.getMsgCase()) {
      case JOIN -> {
        if (joined) {
          return "policy: already joined";
        }
        joined = true;
        Join join = msg.getJoin();
        room.attach(seat, this, cleanName(join.getName()), truncate(join.getClient()))
            .onFailure(e -> close((short) 1008, "cannot take seat: " + e.getMessage(), null));
        return null;
      }
      case INPUT -> {
        if (!joined) {
          return "policy: join first";
        }
        Input in = msg.getInput();
        if (in.getMoveX() < -127 || in.getMoveX() > 127 || in.getMoveY() < -127
            || in.getMoveY() > 127 || in.getAim() > 0xFFFF || in.getSeq() == 0) {
          return "payload: input out of range (move -127..127, aim 0..65535, seq from 1)";
        }
        inputs.onNext(msg);
        return null;
      }
      case ACK -> {
        if (!joined) {
          return "policy: join first";
        }
        inputs.onNext(msg);
        return null;
      }
      case PING -> {
        Pong pong = Pong.newBuilder()
            .setClientTimeMs(msg.getPing().getClientTimeMs())
            .setServerTimeMs(System.currentTimeMillis())
            .setTick(room.currentTick())
            .build();
        send(Buffer.buffer(ServerMessage.newBuilder().setPong(pong).build().toByteArray()));
        return null;
      }
      default -> {
        return "payload: unknown message type";
      }
    }
  }

  static String cleanName(String raw) {
    String name = raw.strip().replaceAll("\\p{Cntrl}", "");
    if (name.codePointCount(0, name.length()) > MAX_NAME_CHARS) {
      name = name.substring(0, name.offsetByCodePoints(0, MAX_NAME_CHARS));
    }
    return name.isEmpty() ? "player" : name;
  }

  private static String truncate(String client) {
    byte[] b = client.getBytes(StandardCharsets.UTF_8);
    return b.length <= MAX_CLIENT_BYTES ? client : new String(b, 0, MAX_CLIENT_BYTES,
        StandardCharsets.UTF_8);
  }

  @Override
  public Flowable<ClientMessage> messages() {
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
    if (closing) {
      return;
    }
    closing = true;
    metrics.closed(code);
    Closing.Builder c = Closing.newBuilder().setCode(code).setReason(reason);
    if (redirectUrl != null) {
      c.setRedirectUrl(redirectUrl);
    }
    ws.writeBinaryMessage(Buffer.buffer(ServerMessage.newBuilder().setClosing(c).build()
        .toByteArray()));
    // A close frame's reason is limited to 123 bytes (RFC 6455 section 5.5).
    ws.close(code, truncateReason(reason));
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
  public Future<Void> closed() {
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
