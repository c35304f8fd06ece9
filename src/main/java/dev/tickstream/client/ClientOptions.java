package dev.tickstream.client;

import io.vertx.core.net.TrustOptions;

/**
 * How a client reaches a server.
 *
 * @param trust certificates to trust for wss/https (null: the JVM's default trust store)
 * @param trustAll accept any certificate; explicit, for development servers only
 * @param proxyHost HTTP CONNECT proxy to tunnel through, or null for a direct connection
 * @param proxyPort the proxy's port
 * @param connectTimeoutMs TCP connect timeout
 * @param receiveBufferBytes the sockets' receive buffer (SO_RCVBUF), 0 for the system's
 *     (autotuned); a small one makes a client that stops reading fill up quickly (tests, chaos)
 */
public record ClientOptions(TrustOptions trust, boolean trustAll, String proxyHost, int proxyPort,
    int connectTimeoutMs, int receiveBufferBytes) {

  public static ClientOptions defaults() {
    return new ClientOptions(null, false, null, 0, 10_000, 0);
  }

  public ClientOptions withTrust(TrustOptions trust) {
    return new ClientOptions(trust, trustAll, proxyHost, proxyPort, connectTimeoutMs,
        receiveBufferBytes);
  }

  public ClientOptions withTrustAll() {
    return new ClientOptions(trust, true, proxyHost, proxyPort, connectTimeoutMs,
        receiveBufferBytes);
  }

  public ClientOptions withProxy(String host, int port) {
    return new ClientOptions(trust, trustAll, host, port, connectTimeoutMs, receiveBufferBytes);
  }

  public ClientOptions withReceiveBuffer(int bytes) {
    return new ClientOptions(trust, trustAll, proxyHost, proxyPort, connectTimeoutMs, bytes);
  }
}
