package dev.tickstream.gateway;

import dev.tickstream.config.TickstreamConfig;
import java.util.List;

/** The gateway's limits, from the node's configuration. */
record GatewayOptions(
    int maxFrameBytes,
    int inputBuffer,
    int joinTimeoutMs,
    int writeQueueBytes,
    List<String> allowedOrigins,
    String publicHost,
    String publicUrl,
    List<String> trustedProxies,
    String forwardedHeaders,
    int maxConnectionsPerIp,
    int handshakesPerSecondPerIp,
    int matchmakesPerSecondPerIp,
    int maxUnclaimedSeatsPerIp,
    int seatTokenTtlSeconds,
    int inputsPerSecond,
    int inputBurst,
    int idleTimeoutMs,
    int httpHeaderTimeoutMs,
    int httpIdleTimeoutMs,
    int maxHttpConnectionsPerIp,
    boolean permessageDeflate,
    int socketSendBufferBytes,
    String metricsToken) {

  static GatewayOptions from(TickstreamConfig c) {
    return new GatewayOptions(c.maxFrameBytes(), c.inputBuffer(), c.joinTimeoutMs(),
        64 * 1024, c.allowedOrigins(), c.publicHost(), c.publicUrl(),
        c.trustedProxies(), c.forwardedHeaders(), c.maxConnectionsPerIp(),
        c.handshakesPerSecondPerIp(), c.matchmakesPerSecondPerIp(),
        c.maxUnclaimedSeatsPerIp(), c.seatTokenTtlSeconds(), c.inputsPerSecond(), c.inputBurst(), c.idleTimeoutMs(),
        c.httpHeaderTimeoutMs(), c.httpIdleTimeoutMs(), c.maxHttpConnectionsPerIp(),
        c.permessageDeflate(), c.socketSendBufferBytes(), c.metricsToken());
  }

  /**
   * The transport's frame and message backstop above {@code maxFrameBytes}: a frame over it is
   * cut off without being buffered. With permessage-deflate it applies to the compressed frame,
   * so it is kept near maxFrameBytes (a frame then inflates to at most ~1,000 times it).
   */
  int transportFrameBytes() {
    return permessageDeflate ? maxFrameBytes + 64 : Math.max(maxFrameBytes * 4, 64 * 1024);
  }
}
