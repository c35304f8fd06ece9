package dev.tickstream.gateway;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.tickstream.proto.v1.ClientMessage;
import dev.tickstream.proto.v1.Input;

/**
 * The path from one client's raw binary frames to what its room may see: size limit, protobuf
 * decode, message order (join first, once), field ranges, and the input token bucket. Pure
 * Java on a caller's clock, so the fuzzer drives exactly the code a socket does. One instance
 * per connection, confined to the connection's event loop.
 *
 * <p>Every message after {@code Join} (input, ack, ping) takes a token from a bucket of
 * {@code inputBurst} tokens refilled at {@code inputsPerSecond}; without one it is dropped and
 * counted. Each drop also takes a token from an abuse bucket of {@code inputsPerSecond} tokens
 * refilled at half that rate: a client that keeps sending more than 1.5 times the allowed rate
 * empties it within seconds and is closed with 1008, while a brief burst only loses inputs.
 */
final class InboundFrames {
  /** What to do with one frame. */
  enum Kind { JOIN, FORWARD, PING, DROPPED, CLOSE }

  /**
   * The verdict on one frame: the message (JOIN, FORWARD, PING), or for CLOSE a close code,
   * reason and the {@link GatewayMetrics} limit it hit.
   */
  record Verdict(Kind kind, ClientMessage message, short code, String reason, String limit) {
    static Verdict pass(Kind kind, ClientMessage message) {
      return new Verdict(kind, message, (short) 0, null, null);
    }

    static Verdict close(int code, String limit, String reason) {
      return new Verdict(Kind.CLOSE, null, (short) code, reason, limit);
    }
  }

  static final Verdict DROPPED = Verdict.pass(Kind.DROPPED, null);

  private final int maxFrameBytes;
  private final TokenBucket inputs;
  private final TokenBucket abuse;
  private boolean joined;

  InboundFrames(int maxFrameBytes, int inputsPerSecond, int inputBurst, long nowNanos) {
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
        joined = true;
        return Verdict.pass(Kind.JOIN, msg);
      }
      case INPUT, ACK, PING -> {
        if (!joined && msg.getMsgCase() != ClientMessage.MsgCase.PING) {
          return Verdict.close(1008, GatewayMetrics.PROTOCOL_ORDER, "join first");
        }
        if (msg.hasInput() && !inRange(msg.getInput())) {
          return Verdict.close(1007, GatewayMetrics.MALFORMED,
              "input out of range (move -127..127, aim 0..65535, seq from 1)");
        }
        if (!inputs.tryTake(nowNanos)) {
          if (!abuse.tryTake(nowNanos)) {
            return Verdict.close(1008, GatewayMetrics.INPUT_ABUSE,
                "input rate limit exceeded persistently");
          }
          return DROPPED;
        }
        return Verdict.pass(msg.hasPing() ? Kind.PING : Kind.FORWARD, msg);
      }
      default -> {
        return Verdict.close(1007, GatewayMetrics.MALFORMED, "unknown message type");
      }
    }
  }

  static boolean inRange(Input in) {
    return in.getMoveX() >= -127 && in.getMoveX() <= 127 && in.getMoveY() >= -127
        && in.getMoveY() <= 127 && Integer.compareUnsigned(in.getAim(), 0xFFFF) <= 0
        && in.getSeq() != 0;
  }

  boolean joined() {
    return joined;
  }
}
