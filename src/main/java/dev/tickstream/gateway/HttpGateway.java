package dev.tickstream.gateway;

import dev.tickstream.config.TickstreamConfig;
import dev.tickstream.config.Version;
import dev.tickstream.room.Placements;
import dev.tickstream.room.Room;
import dev.tickstream.room.Rooms;
import dev.tickstream.room.Seat;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.FileSystemAccess;
import io.vertx.ext.web.handler.StaticHandler;
import java.util.List;
import java.util.function.Supplier;

/**
 * The HTTP face of a node, one router for plain and TLS ports: the web client, the REST API,
 * health, and the WebSocket upgrade at {@code /ws}. A handshake is checked before it is
 * upgraded (subprotocol, Origin, seat token), so a refused client gets a plain HTTP status.
 */
public final class HttpGateway {
  public static final String SUBPROTOCOL = "tickstream.v1";
  private static final System.Logger LOG = System.getLogger(HttpGateway.class.getName());

  private final Rooms rooms;
  private final SeatTokens tokens;
  private final GatewayOptions options;
  private final GatewayMetrics metrics;
  private final IpLimits ipLimits;
  /** The loops WebSockets live on, so rooms batch a tick's frames per loop. */
  private final SocketLoops socketLoops = new SocketLoops();
  private final Matchmaking matchmaking;
  private final HttpHygiene hygiene;
  private final IpAddresses trustedProxies;
  private final Forwarding forwarding;
  private HttpConnections connections;
  private final String webRoot;
  private final PrometheusMeterRegistry registry;
  private volatile boolean ready = true;
  private volatile boolean draining;
  private volatile Supplier<Future<JsonObject>> nodesView;
  private volatile Replays replays;

  public HttpGateway(TickstreamConfig config, Rooms rooms, SeatTokens tokens,
      GatewayMetrics metrics, PrometheusMeterRegistry registry) {
    this.registry = registry;
    this.rooms = rooms;
    this.tokens = tokens;
    this.options = GatewayOptions.from(config);
    this.metrics = metrics;
    this.hygiene = new HttpHygiene(metrics);
    this.ipLimits = new IpLimits(options.maxConnectionsPerIp(),
        options.handshakesPerSecondPerIp());
    this.webRoot = config.webRoot();
    this.trustedProxies = IpAddresses.ranges(options.trustedProxies());
    this.forwarding = new Forwarding(trustedProxies, options.forwardedHeaders());
    this.matchmaking = new Matchmaking(rooms, tokens, options, metrics,
        new PublicUrls(options.publicUrl(), options.publicHost()), this::origin,
        () -> draining, config.spectatorMaxDelaySeconds());
  }

  /** One for every event loop's servers: the per-address counts are the node's. */
  private synchronized HttpConnections connections(Vertx vertx) {
    if (connections == null) {
      connections = new HttpConnections(vertx, options, metrics, trustedProxies);
    }
    return connections;
  }

  /**
   * The servers' connection handler: limits plain HTTP connections per address and closes
   * those that bring no request in time ({@link HttpConnections}).
   */
  public Handler<HttpConnection> connectionHandler(Vertx vertx) {
    return connections(vertx)::opened;
  }

  /** Where this request comes from, with the forwarding of trusted proxies; counted if odd. */
  private Forwarding.Origin origin(HttpServerRequest req) {
    Forwarding.Origin o = forwarding.of(req);
    if (o.unusable()) {
      metrics.limit(GatewayMetrics.FORWARDED);
    }
    return o;
  }

  /** Serves {@code recordings} at /api/replays; before the routers are built. */
  public void recordings(dev.tickstream.replay.Recordings recordings) {
    this.replays = new Replays(recordings, metrics);
  }

  private MetricsEndpoint metricsEndpoint;

  /** One endpoint for every event loop's router: they share its cached render. */
  private synchronized MetricsEndpoint metricsEndpoint() {
    if (metricsEndpoint == null) {
      metricsEndpoint = new MetricsEndpoint(registry, options.metricsToken(), metrics);
    }
    return metricsEndpoint;
  }

  /** A router for one event loop's server; build one per verticle instance. */
  public Router router(Vertx vertx) {
    Router router = Router.router(vertx);
    router.route().handler(connections(vertx)::request);
    router.route().handler(HttpHygiene::pageHeaders);
    router.get("/health").handler(this::live);
    router.get("/health/live").handler(this::live);
    // Ready while it takes seats: a load balancer stops sending players to a draining node.
    router.get("/health/ready").handler(ctx -> {
      boolean ok = ready && !draining;
      json(ctx, ok ? 200 : 503, new JsonObject().put("status", ok ? "UP" : "DOWN")
          .put("draining", draining).put("version", Version.current()));
    });
    // Two routes per API path: the content type is checked before any byte of the body is
    // read (a route's body handler must come first on its own route).
    router.post("/api/locate").handler(hygiene::jsonOnly);
    router.post("/api/locate").handler(HttpHygiene.jsonBody()).handler(matchmaking::locate);
    router.get("/api/nodes").handler(ctx -> {
      var view = nodesView;
      if (view == null) {
        json(ctx, 200, new JsonObject());
        return;
      }
      view.get().onSuccess(j -> json(ctx, 200, j)).onFailure(e -> json(ctx, 500, error(
          e.getMessage())));
    });
    router.get("/ws").handler(this::upgrade);
    router.get("/metrics").handler(metricsEndpoint()::handle);
    router.post("/api/matchmake").handler(hygiene::jsonOnly);
    router.post("/api/matchmake").handler(HttpHygiene.jsonBody()).handler(matchmaking::matchmake);
    router.get("/api/rooms").handler(ctx -> Listings.rooms(ctx, rooms));
    router.get("/api/games").handler(ctx -> Listings.games(ctx, rooms));
    if (replays != null) {
      router.get("/api/replays").handler(replays::list);
      router.getWithRegex("/api/replays/.*").handler(replays::file);
      router.getWithRegex("/replay/[^/]*").handler(ctx -> ctx.reroute("/replay.html"));
    }
    StaticHandler statics = webRoot == null
        ? StaticHandler.create("webroot")
        : StaticHandler.create(FileSystemAccess.ROOT, webRoot);
    router.get("/monitor").handler(ctx -> ctx.reroute("/monitor.html"));
    router.route().handler(statics.setCachingEnabled(webRoot == null));
    router.route().failureHandler(hygiene::failed);
    return router;
  }

  /** Seats come from the cluster from now on. */
  public void placements(Placements p, Supplier<Future<JsonObject>> nodes) {
    matchmaking.placements(p);
    this.nodesView = nodes;
  }

  public void ready(boolean ready) {
    this.ready = ready;
  }

  public void draining(boolean draining) {
    this.draining = draining;
  }

  private void live(RoutingContext ctx) {
    json(ctx, 200, new JsonObject().put("status", "UP").put("version", Version.current()));
  }

  private void upgrade(RoutingContext ctx) {
    HttpServerRequest req = ctx.request();
    String ip = origin(req).ip();
    // Cheapest checks first: a flood of handshakes costs no token verification.
    if (!ipLimits.tryHandshake(ip, System.nanoTime())) {
      metrics.limit(GatewayMetrics.HANDSHAKE_RATE);
      ctx.response().putHeader("Retry-After", "1");
      refuse(ctx, 429, "too many handshakes from " + ip + " (limit "
          + options.handshakesPerSecondPerIp() + "/s)");
      return;
    }
    String notAHandshake = HttpHygiene.handshakeFault(req);
    if (notAHandshake != null) {
      if (notAHandshake.startsWith("version")) {
        ctx.response().putHeader("Sec-WebSocket-Version", "13");
      }
      refuse(ctx, notAHandshake.startsWith("version") ? 426 : 400, notAHandshake);
      return;
    }
    String offered = req.getHeader("Sec-WebSocket-Protocol");
    if (!offers(offered, SUBPROTOCOL)) {
      refuse(ctx, 400, "this server speaks the WebSocket subprotocol " + SUBPROTOCOL
          + "; offered: " + (offered == null ? "none" : offered));
      return;
    }
    // Browsers always send Origin on a WebSocket handshake; other clients may omit it and
    // are not a cross-site hijacking risk, since they carry no victim's cookies.
    String origin = req.getHeader(HttpHeaders.ORIGIN);
    if (origin != null && !options.allowedOrigins().isEmpty()
        && !options.allowedOrigins().contains(origin)) {
      metrics.limit(GatewayMetrics.ORIGIN);
      refuse(ctx, 403, "origin " + origin + " is not allowed");
      return;
    }
    if (!ipLimits.tryOpen(ip)) {
      metrics.limit(GatewayMetrics.CONNECTIONS_PER_IP);
      refuse(ctx, 429, "too many connections from " + ip + " (limit "
          + options.maxConnectionsPerIp() + ")");
      return;
    }
    req.pause();
    tokens.verify(req.getParam("token")).onComplete(ar -> {
      if (ar.failed()) {
        ipLimits.release(ip);
        metrics.limit(GatewayMetrics.TOKEN);
        refuse(ctx, 401, "a valid seat token is required: " + ar.cause().getMessage());
        return;
      }
      Seat seat = ar.result().seat();
      boolean resume = ar.result().resume();
      Room room = rooms.get(seat.roomId());
      if (room == null || room.isClosed()) {
        ipLimits.release(ip);
        refuse(ctx, 410, "room " + seat.roomId() + " no longer exists on this node");
        return;
      }
      RawSocket socket = RawSocket.of(req.connection());
      // Out of the HTTP clocks and count before the 101 goes out, so a client that opens its
      // next connection on seeing it finds the slot free.
      connections(ctx.vertx()).upgraded(req.connection());
      req.toWebSocket().onSuccess(ws -> {
        metrics.connected();
        Connection c = new Connection(ctx.vertx(), ws, socket, seat, resume, room, options,
            metrics, socketLoops.current());
        c.closed().onComplete(x -> ipLimits.release(ip));
        c.start();
      }).onFailure(e -> {
        // Checked above (HttpHygiene.handshakeFault): a client gone mid-handshake, no trace.
        ipLimits.release(ip);
        req.connection().close(); // no HTTP clock watches it any more
        LOG.log(System.Logger.Level.DEBUG, "upgrade from " + ip + " failed: " + e);
      });
    });
  }


  /**
   * The HTTP server settings the gateway's limits need; the node adds host, port and TLS.
   * Frames over maxFrameBytes are refused by {@link Connection} with a reason; the transport's
   * limit ({@link GatewayOptions#transportFrameBytes()}) is a backstop above it, so a huge frame
   * is cut off without being buffered. A fixed socket send buffer bounds the kernel's
   * memory behind a reader that stops (autotuning grows it to megabytes) and lets the write
   * queue fill, so the stall timeout sees such a reader within seconds.
   */
  public HttpServerOptions serverOptions() {
    int backstop = options.transportFrameBytes();
    HttpServerOptions o = new HttpServerOptions();
    if (options.socketSendBufferBytes() > 0) {
      o.setSendBufferSize(options.socketSendBufferBytes());
    }
    return o
        .setMaxWebSocketFrameSize(backstop)
        .setMaxWebSocketMessageSize(backstop)
        .setPerMessageWebSocketCompressionSupported(options.permessageDeflate())
        .setPerFrameWebSocketCompressionSupported(false)
        .setWebSocketSubProtocols(List.of(SUBPROTOCOL))
        // No cleartext HTTP/2 (h2c): nothing here needs it, and it is one more parser and
        // stream-flood surface on the game port.
        .setHttp2ClearTextEnabled(false);
  }

  static boolean offers(String header, String protocol) {
    if (header == null) {
      return false;
    }
    for (String p : header.split(",")) {
      if (p.trim().equals(protocol)) {
        return true;
      }
    }
    return false;
  }

  private void refuse(RoutingContext ctx, int status, String reason) {
    metrics.refused(status);
    ctx.response().setStatusCode(status).putHeader(HttpHeaders.CONTENT_TYPE, "text/plain")
        .end(reason + "\n");
  }

  static JsonObject error(String message) {
    return new JsonObject().put("error", message);
  }

  static void json(RoutingContext ctx, int status, JsonObject body) {
    ctx.response().setStatusCode(status)
        .putHeader(HttpHeaders.CONTENT_TYPE, "application/json").end(body.encode());
  }
}
