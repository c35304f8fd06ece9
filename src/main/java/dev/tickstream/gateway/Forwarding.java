package dev.tickstream.gateway;

import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.HostAndPort;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Who sent a request and how it reached us: the client's address (for the per-address limits)
 * and the scheme and host it used (for the URLs handed back). From the TCP peer, unless the
 * peer is one of {@code trustedProxies}: then from the proxy's forwarding headers, either
 * {@code X-Forwarded-For/-Proto/-Host} or RFC 7239 {@code Forwarded}, whichever
 * {@code forwardedHeaders} names (the other is ignored, since a proxy passes through the one
 * it does not write and a client could fill it in).
 *
 * <p>The client is the rightmost address that is not a trusted proxy: proxies append what they
 * saw, so everything left of it is the client's own claim. At most {@link #MAX_HOPS} entries
 * are read. A header that cannot be used (not an address, a scheme other than http/https, a
 * host with odd characters) is ignored and flagged, never fatal: the hop to its right (at
 * worst the TCP peer) stands.
 *
 * <p>Immutable and thread-safe.
 */
final class Forwarding {
  static final int MAX_HOPS = 32;
  private static final Pattern HOST = Pattern.compile(
      "([A-Za-z0-9](?:[A-Za-z0-9.-]{0,252})|\\[[0-9A-Fa-f:.]{2,45}\\])(:[0-9]{1,5})?");

  /**
   * The request's origin: the client's address (normalized), whether it came over TLS, the
   * host (with port) it addressed, or null when unknown; {@code unusable} when a forwarding
   * header from a trusted proxy was ignored in part or whole.
   */
  record Origin(String ip, boolean secure, String host, boolean unusable) {}

  private final IpAddresses trusted;
  private final boolean rfc7239;

  Forwarding(IpAddresses trusted, String forwardedHeaders) {
    this.trusted = trusted;
    this.rfc7239 = "forwarded".equals(forwardedHeaders);
  }

  Origin of(HttpServerRequest req) {
    String peer = req.remoteAddress() == null ? "?" : req.remoteAddress().hostAddress();
    HostAndPort a = req.authority();
    String host = a == null ? null : a.port() > 0 ? a.host() + ":" + a.port() : a.host();
    if (trusted.isEmpty()) {
      return new Origin(peer, req.isSSL(), host, false); // the common case: no parsing
    }
    return resolve(peer, req.isSSL(), host, name -> req.headers().getAll(name));
  }

  /** {@link #of} without Vert.x: {@code headers} gives every value of a header name. */
  Origin resolve(String peer, boolean tls, String host, Function<String, List<String>> headers) {
    InetAddress peerAddress = IpAddresses.literal(peer);
    if (peerAddress == null || !trusted.contains(peerAddress)) {
      return new Origin(peer, tls, host, false);
    }
    List<String> hops = rfc7239 ? elements(headers.apply("Forwarded"))
        : split(headers.apply("X-Forwarded-For"), ',');
    boolean unusable = false;
    String client = peerAddress.getHostAddress();
    int chosen = -1;
    int stop = Math.max(0, hops.size() - MAX_HOPS);
    for (int i = hops.size() - 1; i >= stop; i--) {
      String node = rfc7239 ? param(hops.get(i), "for") : hops.get(i);
      InetAddress a = node == null ? null : IpAddresses.literal(withoutPort(node));
      if (a == null) {
        unusable = true; // garbage, "unknown" or an obfuscated id: the hop to its right stands
        break;
      }
      client = a.getHostAddress();
      chosen = i;
      if (!trusted.contains(a)) {
        break;
      }
      if (i == stop && stop > 0) {
        unusable = true; // more trusted hops than we read
      }
    }
    String proto;
    String fwdHost;
    if (rfc7239) {
      proto = chosen < 0 ? null : param(hops.get(chosen), "proto");
      fwdHost = chosen < 0 ? null : param(hops.get(chosen), "host");
    } else {
      // The value the nearest proxy wrote (the last one); proxies usually set, not append.
      proto = last(split(headers.apply("X-Forwarded-Proto"), ','));
      fwdHost = last(split(headers.apply("X-Forwarded-Host"), ','));
    }
    boolean secure = tls;
    if (proto != null) {
      String p = proto.toLowerCase(Locale.ROOT);
      if (p.equals("https") || p.equals("http")) {
        secure = p.equals("https");
      } else {
        unusable = true;
      }
    }
    if (fwdHost != null) {
      if (fwdHost.length() <= 261 && HOST.matcher(fwdHost).matches()) {
        host = fwdHost;
      } else {
        unusable = true;
      }
    }
    return new Origin(client, secure, host, unusable);
  }

  /** "1.2.3.4:80" -> "1.2.3.4", "[::1]:80" -> "::1"; bare IPv6 stays as it is. */
  static String withoutPort(String node) {
    if (node.startsWith("[")) {
      int end = node.indexOf(']');
      return end < 0 ? node : node.substring(1, end);
    }
    int colon = node.indexOf(':');
    return colon >= 0 && colon == node.lastIndexOf(':') ? node.substring(0, colon) : node;
  }

  private static String last(List<String> values) {
    return values.isEmpty() ? null : values.get(values.size() - 1);
  }

  /** Every value of every instance of a comma-separated header, trimmed, in order. */
  private static List<String> split(List<String> instances, char sep) {
    List<String> out = new ArrayList<>();
    for (String h : instances) {
      for (String v : h.split(String.valueOf(sep), -1)) {
        String t = v.trim();
        if (!t.isEmpty()) {
          out.add(t);
        }
      }
    }
    return out;
  }

  /** RFC 7239 elements: split on commas outside quoted strings. */
  static List<String> elements(List<String> instances) {
    List<String> out = new ArrayList<>();
    for (String h : instances) {
      boolean quoted = false;
      int start = 0;
      for (int i = 0; i <= h.length(); i++) {
        char c = i == h.length() ? ',' : h.charAt(i);
        if (c == '"') {
          quoted = !quoted;
        } else if (c == '\\' && quoted) {
          i++;
        } else if (c == ',' && !quoted) {
          String e = h.substring(start, Math.min(i, h.length())).trim();
          if (!e.isEmpty()) {
            out.add(e);
          }
          start = i + 1;
        }
      }
    }
    return out;
  }

  /** The value of {@code name} in one RFC 7239 element (unquoted), or null. */
  static String param(String element, String name) {
    for (String pair : element.split(";")) {
      int eq = pair.indexOf('=');
      if (eq > 0 && pair.substring(0, eq).trim().equalsIgnoreCase(name)) {
        String v = pair.substring(eq + 1).trim();
        if (v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"")) {
          v = v.substring(1, v.length() - 1).replaceAll("\\\\(.)", "$1");
        }
        return v.isEmpty() ? null : v;
      }
    }
    return null;
  }
}
