package dev.tickstream.gateway;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpConnection;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Plain HTTP connections (not, or not yet, WebSockets): how many one address may hold open
 * ({@code maxHttpConnectionsPerIp}) and how long each may stay without progress. A new
 * connection must deliver a whole request's headers within {@code httpHeaderTimeoutMs} (a
 * silent socket, a slowloris sending a header line every few seconds); after that each request
 * must be answered, and each kept-alive connection must bring its next request, within
 * {@code httpIdleTimeoutMs} (a body sent byte by byte, a client gone quiet). A connection that
 * becomes a WebSocket leaves all of this: it gives its slot back and its own idle, join and
 * stall limits ({@link Connection}) take over.
 *
 * <p>Vert.x tells us when a connection opens and when a request's headers are complete, not
 * when its first byte arrives, so the header time counts from the connection's opening.
 *
 * <p>The address is the TCP peer's (nothing else is known before a request). Connections from
 * {@code trustedProxies} are not counted: a proxy carries many clients, and each of its
 * requests is attributed to its client by {@link Forwarding}.
 *
 * <p>Threads: each connection's state is touched only on its event loop (its handlers and its
 * timers run there); the per-address counts and the map are shared by all loops.
 */
final class HttpConnections {
  private static final class State {
    final String ip;
    final boolean counted;
    long timer = -1;
    boolean done; // closed or upgraded: no timer any more

    State(String ip, boolean counted) {
      this.ip = ip;
      this.counted = counted;
    }
  }

  private final Vertx vertx;
  private final GatewayOptions options;
  private final GatewayMetrics metrics;
  private final IpAddresses trusted;
  private final AddressCount perAddress;
  private final Map<HttpConnection, State> open = new ConcurrentHashMap<>();
  private final AtomicInteger count;

  HttpConnections(Vertx vertx, GatewayOptions options, GatewayMetrics metrics,
      IpAddresses trusted) {
    this.vertx = vertx;
    this.options = options;
    this.metrics = metrics;
    this.trusted = trusted;
    this.perAddress = new AddressCount(options.maxHttpConnectionsPerIp());
    this.count = metrics.httpConnections();
  }

  /** The server's connection handler: counts the connection and starts its header clock. */
  void opened(HttpConnection c) {
    String ip = c.remoteAddress() == null ? "?" : c.remoteAddress().hostAddress();
    boolean counted = !trusted.contains(IpAddresses.literal(ip));
    if (counted && !perAddress.tryOpen(ip)) {
      metrics.limit(GatewayMetrics.HTTP_CONNECTIONS_PER_IP);
      c.close(); // nothing read yet, so no status to answer with: closed at once
      return;
    }
    State s = new State(ip, counted);
    open.put(c, s);
    count.incrementAndGet();
    c.closeHandler(v -> finish(c));
    arm(c, s, options.httpHeaderTimeoutMs(), GatewayMetrics.HTTP_HEADER_TIMEOUT);
  }

  /**
   * The router's first handler: a request's headers are in; the request must now be answered
   * within the idle time, and the connection then brings its next one within it again.
   */
  void request(RoutingContext ctx) {
    HttpConnection c = ctx.request().connection();
    State s = c == null ? null : open.get(c);
    if (s != null && !s.done) {
      arm(c, s, options.httpIdleTimeoutMs(), GatewayMetrics.HTTP_IDLE_TIMEOUT);
      ctx.addEndHandler(ar -> {
        if (!s.done) {
          arm(c, s, options.httpIdleTimeoutMs(), GatewayMetrics.HTTP_IDLE_TIMEOUT);
        }
      });
    }
    ctx.next();
  }

  /** {@code c} is a WebSocket now: no HTTP clock, and its HTTP slot is free. */
  void upgraded(HttpConnection c) {
    finish(c);
  }

  /** Plain HTTP connections {@code ip} holds open (tests). */
  int open(String ip) {
    return perAddress.open(ip);
  }

  private void finish(HttpConnection c) {
    State s = c == null ? null : open.remove(c);
    if (s == null) {
      return;
    }
    s.done = true;
    cancel(s);
    count.decrementAndGet();
    if (s.counted) {
      perAddress.release(s.ip);
    }
  }

  private void arm(HttpConnection c, State s, long ms, String limit) {
    cancel(s);
    s.timer = vertx.setTimer(ms, id -> {
      if (s.timer == id && !s.done) {
        metrics.limit(limit);
        c.close();
      }
    });
  }

  private void cancel(State s) {
    if (s.timer >= 0) {
      vertx.cancelTimer(s.timer);
      s.timer = -1;
    }
  }
}
