package dev.tickstream.gateway;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * The game URLs this node hands to clients (matchmaking, locate), built in this order of
 * precedence: {@code publicUrl} (scheme and host fixed by the operator); else the scheme a
 * trusted proxy forwarded (or this connection's: TLS or not) with {@code publicHost}, else the
 * host the proxy forwarded, else the request's {@code Host}. Immutable, thread-safe.
 */
public final class PublicUrls {
  private final String publicWs;
  private final String publicHost;

  PublicUrls(String publicUrl, String publicHost) {
    this.publicWs = publicUrl == null ? null : wsBase(publicUrl);
    this.publicHost = publicHost;
  }

  /**
   * The WebSocket endpoint of a node reached at {@code publicUrl}
   * ({@code https://game.example.com} -> {@code wss://game.example.com/ws}); cluster nodes
   * advertise it to each other for redirects.
   */
  public static String wsBase(String publicUrl) {
    String u = publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1)
        : publicUrl;
    return (u.startsWith("https://") ? "wss://" + u.substring(8) : "ws://" + u.substring(7))
        + "/ws";
  }

  /** The URL a client of {@code origin} opens its game socket with, carrying {@code token}. */
  String ws(Forwarding.Origin origin, String token) {
    String base = publicWs;
    if (base == null) {
      String host = publicHost != null ? publicHost
          : origin.host() != null ? origin.host() : "localhost";
      base = (origin.secure() ? "wss://" : "ws://") + host + "/ws";
    }
    return base + "?token=" + URLEncoder.encode(token, StandardCharsets.UTF_8);
  }
}
