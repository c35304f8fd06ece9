package dev.tickstream.gateway;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.tickstream.proto.v1.ClientMessage;
import dev.tickstream.proto.v1.GameMessage;
import dev.tickstream.room.Inbound;
import dev.tickstream.sim.GameSpec;
import java.util.List;

/**
 * The path from one client's raw binary frames to what its room may see: size limit, protobuf
 * decode, message order (join first, once), the game's own input and messages parsed and
 * checked by the game's declared checks, and the input token bucket. Pure Java on a caller's
 * clock, so the fuzzer drives exactly the code a socket does. One instance per connection,
 * confined to the connection's event loop.
 *
 * <p>Every message after {@code Join} (input, ack, game message, ping) takes a token from a bucket of
 * {@code inputBurst} tokens refilled at {@code inputsPerSecond}; without one it is dropped and
 * counted. Each drop also takes a token from an abuse bucket of {@code inputsPerSecond} tokens
 * refilled at half that rate: a client that keeps sending more than 1.5 times the allowed rate
 * empties it within seconds and is closed with 1008, while a brief burst only loses inputs.
 */
final class InboundFrames {
  /** What to do with one frame. */
  enum Kind { JOIN, FORWARD, PING, LEAVE, DROPPED, CLOSE }

  /**
   * The verdict on one frame: the message (JOIN, PING) or what the room gets (FORWARD), or for
   * CLOSE a close code, reason and the {@link GatewayMetrics} limit it hit.
   */
  record Verdict(Kind kind, ClientMessage message, Inbound inbound, short code, String reason,
      String limit) {
    static Verdict pass(Kind kind, ClientMessage message) {
      return new Verdict(kind, message, null, (short) 0, null, null);
    }

    static Verdict forward(Inbound inbound) {
      return new Verdict(Kind.FORWARD, null, inbound, (short) 0, null, null);
    }

    static Verdict close(int code, String limit, String reason) {
      return new Verdict(Kind.CLOSE, null, null, (short) code, reason, limit);
    }
  }

  static final Verdict DROPPED = Verdict.pass(Kind.DROPPED, null);
  /** The game's own join data is opaque and small: anything larger is not join data. */
  static final int MAX_JOIN_DATA_BYTES = 256;

  private final GameSpec<?> spec;
  private final int maxFrameBytes;
  private final TokenBucket inputs;
  private final TokenBucket abuse;
  private boolean joined;

  InboundFrames(GameSpec<?> spec, int maxFrameBytes, int inputsPerSecond, int inputBurst,
      long nowNanos) {
    this.spec = spec;
    this.maxFrameBytes = maxFrameBytes;
    this.inputs = new TokenBucket(inputBurst, inputsPerSecond, nowNanos);
    this.abuse = new TokenBucket(inputsPerSecond, inputsPerSecond / 2.0, nowNanos);
  }

  /** Judges one binary frame. */
  Verdict accept(byte[] frame, long nowNanos) {
    if (frame.length > maxFrameBytes) {
      return Verdict.close(1009, GatewayMetrics.FRAME_SIZE, "frame of " + frame.length
          + " bytes exceeds the limit of " + maxFrameBytes);
    }
    ClientMessage msg;
    try {
      msg = ClientMessage.parseFrom(frame);
    } catch (InvalidProtocolBufferException e) {
      return Verdict.close(1007, GatewayMetrics.MALFORMED, "not a valid ClientMessage");
    }
    switch (msg.getMsgCase()) {
      case JOIN -> {
        if (joined) {
          return Verdict.close(1008, GatewayMetrics.PROTOCOL_ORDER, "already joined");
        }
        if (msg.getJoin().getData().size() > MAX_JOIN_DATA_BYTES) {
          return Verdict.close(1007, GatewayMetrics.MALFORMED, "join data over "
              + MAX_JOIN_DATA_BYTES + " bytes");
        }
        joined = true;
        return Verdict.pass(Kind.JOIN, msg);
      }
      case LEAVE -> {
        if (!joined) {
          return Verdict.close(1008, GatewayMetrics.PROTOCOL_ORDER, "join first");
        }
        return Verdict.pass(Kind.LEAVE, msg);
      }
      case INPUT, ACK, PING, MESSAGE -> {
        if (!joined && msg.getMsgCase() != ClientMessage.MsgCase.PING) {
          return Verdict.close(1008, GatewayMetrics.PROTOCOL_ORDER, "join first");
        }
        if (!inputs.tryTake(nowNanos)) {
          if (!abuse.tryTake(nowNanos)) {
            return Verdict.close(1008, GatewayMetrics.INPUT_ABUSE,
                "input rate limit exceeded persistently");
          }
          return DROPPED;
        }
        return switch (msg.getMsgCase()) {
          case PING -> Verdict.pass(Kind.PING, msg);
          case ACK -> Verdict.forward(new Inbound(Inbound.Kind.ACK, 0,
              msg.getAck().getAckTick(), 0, null));
          case INPUT -> input(msg);
          default -> gameMessage(msg.getMessage());
        };
      }
      default -> {
        return Verdict.close(1007, GatewayMetrics.MALFORMED, "unknown message type");
      }
    }
  }

  /**
   * A WebSocket control ping (which Vert.x has already answered): it takes a token like any
   * message, so a flood of pings ends in the same 1008 as a flood of inputs.
   */
  Verdict controlPing(long nowNanos) {
    if (!inputs.tryTake(nowNanos)) {
      if (!abuse.tryTake(nowNanos)) {
        return Verdict.close(1008, GatewayMetrics.INPUT_ABUSE,
            "message rate limit exceeded persistently (control pings)");
      }
      return DROPPED;
    }
    return Verdict.pass(Kind.PING, null);
  }

  /** An input: a sequence number from 1, and the game's input that its check accepts. */
  private Verdict input(ClientMessage msg) {
    var in = msg.getInput();
    if (in.getSeq() == 0) {
      return Verdict.close(1007, GatewayMetrics.MALFORMED, "input seq must start at 1");
    }
    try {
      Object payload = spec.input().parse(in.getData());
      return Verdict.forward(new Inbound(Inbound.Kind.INPUT, in.getSeq(), in.getAckTick(),
          in.getViewTick(), payload));
    } catch (GameSpec.InvalidMessageException e) {
      return Verdict.close(1007, GatewayMetrics.MALFORMED, e.getMessage());
    }
  }

  /** One of the game's messages: a declared type that parses and passes its check. */
  private Verdict gameMessage(GameMessage m) {
    List<GameSpec.MessageType<?>> types = spec.messages();
    if (m.getType() < 1 || m.getType() > types.size()) {
      return Verdict.close(1007, GatewayMetrics.MALFORMED, "message type " + m.getType()
          + " is not declared by game " + spec.name() + " (1.." + types.size() + ")");
    }
    try {
      Object payload = types.get(m.getType() - 1).parse(m.getData());
      return Verdict.forward(new Inbound(Inbound.Kind.MESSAGE, 0, 0, 0, payload));
    } catch (GameSpec.InvalidMessageException e) {
      return Verdict.close(1007, GatewayMetrics.MALFORMED, e.getMessage());
    }
  }

  boolean joined() {
    return joined;
  }
}
