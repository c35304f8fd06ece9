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

  /** The verdict on one frame: the message (JOIN, FORWARD, PING) or a close code and reason. */
  record Verdict(Kind kind, ClientMessage message, short code, String reason) {
    static Verdict close(int code, String reason) {
      return new Verdict(Kind.CLOSE, null, (short) code, reason);
    }
  }

  static final Verdict DROPPED = new Verdict(Kind.DROPPED, null, (short) 0, null);

  private final int maxFrameBytes;
  private final TokenBucket inputs;
  private final TokenBucket abuse;
  private boolean joined;
  private long dropped;

  InboundFrames(int maxFrameBytes, int inputsPerSecond, int inputBurst, long nowNanos) {
    this.maxFrameBytes = maxFrameBytes;
    this.inputs = new TokenBucket(inputBurst, inputsPerSecond, nowNanos);
    this.abuse = new TokenBucket(inputsPerSecond, inputsPerSecond / 2.0, nowNanos);
  }

  /** Judges one binary frame of {@code length} bytes held in {@code bytes[0..length)}. */
  Verdict accept(byte[] bytes, int length, long nowNanos) {
    if (length > maxFrameBytes) {
      return Verdict.close(1009, "frame of " + length + " bytes exceeds the limit of "
          + maxFrameBytes);
    }
    ClientMessage msg;
    try {
      msg = ClientMessage.parseFrom(java.nio.ByteBuffer.wrap(bytes, 0, length));
    } catch (InvalidProtocolBufferException e) {
      return Verdict.close(1007, "not a valid ClientMessage");
    }
    switch (msg.getMsgCase()) {
      case JOIN -> {
        if (joined) {
          return Verdict.close(1008, "already joined");
        }
        joined = true;
        return new Verdict(Kind.JOIN, msg, (short) 0, null);
      }
      case INPUT, ACK, PING -> {
        if (!joined && msg.getMsgCase() != ClientMessage.MsgCase.PING) {
          return Verdict.close(1008, "join first");
        }
        if (msg.hasInput() && !inRange(msg.getInput())) {
          return Verdict.close(1007,
              "input out of range (move -127..127, aim 0..65535, seq from 1)");
        }
        if (!inputs.tryTake(nowNanos)) {
          dropped++;
          if (!abuse.tryTake(nowNanos)) {
            return Verdict.close(1008, "input rate limit exceeded persistently");
          }
          return DROPPED;
        }
        return new Verdict(msg.hasPing() ? Kind.PING : Kind.FORWARD, msg, (short) 0, null);
      }
      default -> {
        return Verdict.close(1007, "unknown message type");
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

  /** Messages dropped by the rate limit so far. */
  long dropped() {
    return dropped;
  }
}
