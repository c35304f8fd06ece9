package dev.tickstream.gateway;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

/**
 * What every HTTP answer and request must be, whoever sends it: the page's security headers,
 * JSON-only API bodies read into memory (never to disk), well-formed WebSocket handshakes, and
 * failures answered with a status and a reason, never a stack trace per anonymous request.
 *
 * <p>Threads: the event loop serving the request; it keeps no state of its own.
 */
final class HttpHygiene {
  private static final System.Logger LOG = System.getLogger(HttpHygiene.class.getName());

  private final GatewayMetrics metrics;

  HttpHygiene(GatewayMetrics metrics) {
    this.metrics = metrics;
  }

  /**
   * What every HTTP answer says to a browser: sniff no content type, run only this origin's
   * scripts and styles, open game sockets to any node (matchmaking may send a client to
   * another), never be framed (no clickjacking); and a page (HTML) is revalidated on every load
   * so a new release is picked up at once, while Vite's hashed assets stay cached.
   */
  static void pageHeaders(RoutingContext ctx) {
    var h = ctx.response().headers();
    h.set("X-Content-Type-Options", "nosniff");
    h.set("X-Frame-Options", "DENY");
    h.set("Content-Security-Policy", CSP);
    h.set("Referrer-Policy", "no-referrer");
    ctx.addHeadersEndHandler(v -> {
      String type = ctx.response().headers().get(HttpHeaders.CONTENT_TYPE);
      if (type != null && type.startsWith("text/html")) {
        ctx.response().headers().set(HttpHeaders.CACHE_CONTROL, "no-cache");
      }
    });
    ctx.next();
  }

  static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; "
      + "img-src 'self' data:; connect-src 'self' ws: wss:; object-src 'none'; "
      + "base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

  /**
   * The API takes JSON bodies only: a form or multipart body is refused before it is read
   * (with 415), so any web page's cross-site form cannot reach it without a CORS preflight,
   * and no body is ever written to disk.
   */
  void jsonOnly(RoutingContext ctx) {
    String type = ctx.request().getHeader(HttpHeaders.CONTENT_TYPE);
    if (type != null && !type.toLowerCase(java.util.Locale.ROOT).startsWith("application/json")) {
      metrics.limit(GatewayMetrics.CONTENT_TYPE);
      // The body stays unread, so this connection cannot carry another request: close it.
      ctx.response().putHeader(HttpHeaders.CONNECTION, "close");
      HttpGateway.json(ctx, 415, HttpGateway.error("Content-Type must be application/json"));
      return;
    }
    ctx.next();
  }

  /** Small JSON bodies in memory; file uploads off, whatever the request claims. */
  static BodyHandler jsonBody() {
    return BodyHandler.create(false).setBodyLimit(4096).setMergeFormAttributes(false);
  }

  /** A request the router could not serve: a body over its limit, a handler's bug. */
  void failed(RoutingContext ctx) {
    int status = ctx.statusCode() < 400 ? 500 : ctx.statusCode();
    metrics.limit(GatewayMetrics.HTTP_ERROR);
    if (status >= 500 && ctx.failure() != null) {
      LOG.log(System.Logger.Level.WARNING, ctx.request().method() + " "
          + ctx.normalizedPath() + " failed: " + ctx.failure());
    }
    if (!ctx.response().ended() && !ctx.response().closed()) {
      HttpGateway.json(ctx, status, HttpGateway.error(status == 413 ? "body too large"
          : "request failed"));
    }
  }

  /**
   * Why a request to /ws is no WebSocket handshake (RFC 6455 section 4.2.1), or null: checked
   * here so that a malformed one is a plain 400 (426 for a version other than 13) instead of a
   * failure deep in the transport with a stack trace in the log.
   */
  static String handshakeFault(HttpServerRequest req) {
    String upgrade = req.getHeader(HttpHeaders.UPGRADE);
    if (upgrade == null || !upgrade.equalsIgnoreCase("websocket")) {
      return "not a WebSocket handshake: Upgrade: websocket is missing";
    }
    if (!"13".equals(req.getHeader("Sec-WebSocket-Version"))) {
      return "version: this server speaks WebSocket version 13";
    }
    String key = req.getHeader("Sec-WebSocket-Key");
    if (key == null || key.length() != 24) {
      return "not a WebSocket handshake: Sec-WebSocket-Key is missing or malformed";
    }
    return null;
  }
}
