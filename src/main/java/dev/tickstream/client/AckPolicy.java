package dev.tickstream.client;

import dev.tickstream.proto.v1.Welcome;

/**
 * When a session that has no new input sends an {@code Ack}: when the server asks for
 * acknowledgements ({@code Welcome.ack_interval_ms}, with deltas against acknowledged
 * snapshots) and the newest tick has not gone out within that interval, or when nothing at all
 * went out for a third of the server's idle timeout (a keep-alive). Times are
 * {@code System.nanoTime()}; confined to the session's event loop.
 */
final class AckPolicy {
  private long ackIntervalNanos;
  private long keepAliveNanos = 10_000_000_000L;
  private long lastSentNanos;
  private long lastAckNanos;
  private int lastAckTick;

  /** The server's figures, from its Welcome. */
  void welcome(Welcome w) {
    ackIntervalNanos = w.getAckIntervalMs() * 1_000_000L;
    keepAliveNanos = keepAliveMs(w) * 1_000_000L;
  }

  /** Any frame went out. */
  void sent(long now) {
    lastSentNanos = now;
  }

  /** A frame carrying {@code tick} as its acknowledgement went out (an input or an Ack). */
  void acked(int tick, long now) {
    lastSentNanos = now;
    lastAckNanos = now;
    lastAckTick = tick;
  }

  /** Whether an Ack of {@code ackTick} is due now. */
  boolean due(int ackTick, long now) {
    boolean ackDue = ackIntervalNanos > 0 && ackTick != lastAckTick
        && now - lastAckNanos >= ackIntervalNanos;
    return ackDue || now - lastSentNanos >= keepAliveNanos;
  }

  /** A third of the server's idle timeout (30 s when the Welcome does not say). */
  static long keepAliveMs(Welcome w) {
    int idle = w.getIdleTimeoutMs() > 0 ? w.getIdleTimeoutMs() : 30_000;
    return idle / 3;
  }
}
