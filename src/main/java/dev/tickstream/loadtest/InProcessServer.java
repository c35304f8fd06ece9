package dev.tickstream.loadtest;

import io.vertx.core.net.TrustOptions;
import java.util.Map;

/**
 * Starts a node inside this JVM for a {@code --in-process} run. The command line supplies it,
 * so the bots' package knows no server code: it only ever speaks to a node through the SDK.
 */
@FunctionalInterface
public interface InProcessServer {
  /** A started node: its base URL, the trust its TLS port needs (null: none), its stop. */
  record Node(String baseUrl, TrustOptions trust, AutoCloseable stop) {}

  /**
   * Starts a node with {@code env} as its environment-variable settings (the layer
   * {@code serve} reads) and returns once it serves; {@code tls}: the base URL is its TLS port.
   */
  Node start(Map<String, String> env, boolean tls) throws Exception;
}
