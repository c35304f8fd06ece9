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
 */
public record ClientOptions(TrustOptions trust, boolean trustAll, String proxyHost, int proxyPort,
    int connectTimeoutMs) {

  public static ClientOptions defaults() {
    return new ClientOptions(null, false, null, 0, 10_000);
  }

  public ClientOptions withTrust(TrustOptions trust) {
    return new ClientOptions(trust, trustAll, proxyHost, proxyPort, connectTimeoutMs);
  }

  public ClientOptions withTrustAll() {
    return new ClientOptions(trust, true, proxyHost, proxyPort, connectTimeoutMs);
  }

  public ClientOptions withProxy(String host, int port) {
    return new ClientOptions(trust, trustAll, host, port, connectTimeoutMs);
  }
}
