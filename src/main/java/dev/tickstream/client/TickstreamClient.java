package dev.tickstream.client;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.ProxyOptions;
import io.vertx.core.net.ProxyType;
import java.net.URI;

/**
 * The Java client SDK's entry point: matchmake over HTTP(S), then open a {@link GameSession}
 * over ws/wss, directly or through an HTTP CONNECT proxy. One instance can hold many sessions
 * (the bots run thousands); close it to release its pools.
 *
 * <p>Threads: its methods may be called from any thread, a game's own or an event loop; the
 * returned futures complete on a Vert.x event loop (block on them only outside Vert.x).
 */
public final class TickstreamClient implements AutoCloseable {
  private final Vertx vertx;
  private final HttpClient http;
  private final WebSocketClient ws;

  public TickstreamClient(Vertx vertx, ClientOptions options) {
    this.vertx = vertx;
    HttpClientOptions h = new HttpClientOptions().setConnectTimeout(options.connectTimeoutMs())
        .setTcpNoDelay(true);
    WebSocketClientOptions w = new WebSocketClientOptions()
        .setConnectTimeout(options.connectTimeoutMs()).setMaxConnections(1_000_000)
        .setTcpNoDelay(true).setMaxFrameSize(1 << 20).setMaxMessageSize(1 << 20);
    if (options.receiveBufferBytes() > 0) {
      w.setReceiveBufferSize(options.receiveBufferBytes());
    }
    if (options.trustAll()) {
      h.setTrustAll(true).setVerifyHost(false);
      w.setTrustAll(true).setVerifyHost(false);
    } else if (options.trust() != null) {
      h.setTrustOptions(options.trust());
      w.setTrustOptions(options.trust());
    }
    if (options.proxyHost() != null) {
      ProxyOptions p = new ProxyOptions().setType(ProxyType.HTTP)
          .setHost(options.proxyHost()).setPort(options.proxyPort());
      h.setProxyOptions(p);
      w.setProxyOptions(p);
    }
    this.http = vertx.createHttpClient(h);
    this.ws = vertx.createWebSocketClient(w);
  }

  /**
   * Asks {@code baseUrl} (e.g. {@code http://localhost:8080}) for a seat.
   *
   * @param role "player" or "spectator"
   * @param roomId a room to join, or null for any
   */
  public Future<SeatGrant> matchmake(String baseUrl, String name, String role, String roomId) {
    return matchmake(baseUrl, null, java.util.Map.of(), name, role, roomId);
  }

  /**
   * Reserves a seat in a room of {@code game} (null: the node's default game) made with
   * {@code options} (for example {@code mode}); otherwise as
   * {@link #matchmake(String, String, String, String)}.
   */
  public Future<SeatGrant> matchmake(String baseUrl, String game,
      java.util.Map<String, String> options, String name, String role, String roomId) {
    JsonObject body = new JsonObject().put("name", name).put("role", role);
    if (roomId != null) {
      body.put("roomId", roomId);
    }
    if (game != null) {
      body.put("game", game);
    }
    if (!options.isEmpty()) {
      body.put("options", new JsonObject(new java.util.HashMap<>(options)));
    }
    return seat(baseUrl, body);
  }

  /**
   * Reserves a delayed spectator's seat: the session sees room {@code roomId} (null: any room
   * of {@code game}) as it was {@code delaySeconds} ago, and never anything newer. Fails with
   * the server's bound ({@code spectatorMaxDelaySeconds}) in the reason when the delay is over
   * it. The room keeps its past from its first delayed spectator on, so that one's first
   * snapshot arrives once the delay has passed; later ones start at once.
   */
  public Future<SeatGrant> watchDelayed(String baseUrl, String game, String roomId, String name,
      int delaySeconds) {
    JsonObject body = new JsonObject().put("name", name).put("role", "spectator")
        .put("delaySeconds", delaySeconds);
    if (roomId != null) {
      body.put("roomId", roomId);
    }
    if (game != null) {
      body.put("game", game);
    }
    return seat(baseUrl, body);
  }

  /**
   * Creates a private room of {@code game} (never matched; joined only with its code) and
   * reserves a player seat in it; {@link SeatGrant#code()} is the code to share.
   */
  public Future<SeatGrant> createPrivate(String baseUrl, String game,
      java.util.Map<String, String> options, String name) {
    JsonObject body = new JsonObject().put("name", name).put("role", "player")
        .put("private", true).put("game", game);
    if (!options.isEmpty()) {
      body.put("options", new JsonObject(new java.util.HashMap<>(options)));
    }
    return seat(baseUrl, body);
  }

  /** Reserves a seat in the private room whose code is {@code code}. */
  public Future<SeatGrant> joinByCode(String baseUrl, String code, String name, String role) {
    return seat(baseUrl, new JsonObject().put("name", name).put("role", role).put("code", code));
  }

  private Future<SeatGrant> seat(String baseUrl, JsonObject body) {
    return request(HttpMethod.POST, baseUrl, "/api/matchmake", body.toBuffer(),
        "matchmake failed").map(b -> {
          JsonObject j = b.toJsonObject();
          return new SeatGrant(j.getString("roomId"), j.getString("role"), j.getString("url"),
              j.getString("token"), j.getString("code"));
        });
  }

  /**
   * GETs {@code path} of {@code baseUrl} (e.g. {@code /metrics}) over the same trust and proxy
   * settings as the game traffic; fails on a status other than 200.
   */
  public Future<Buffer> get(String baseUrl, String path) {
    return request(HttpMethod.GET, baseUrl, path, null, "GET " + path);
  }

  /**
   * One request to {@code path} of {@code baseUrl}; the body of a 200 answer, else fails with
   * {@code failure}, the status and (for a request with a body) the answer's body.
   */
  private Future<Buffer> request(HttpMethod method, String baseUrl, String path, Buffer body,
      String failure) {
    URI uri = URI.create(baseUrl);
    boolean ssl = "https".equals(uri.getScheme());
    RequestOptions req = new RequestOptions().setMethod(method).setHost(uri.getHost())
        .setPort(port(uri, ssl)).setSsl(ssl).setURI(path).setIdleTimeout(30_000);
    if (body != null) {
      req.putHeader("content-type", "application/json");
    }
    // The body is read in the same callback that receives the response, so no part of it can
    // arrive before its handler is set.
    return http.request(req).compose(r -> (body == null ? r.send() : r.send(body))
        .compose(resp -> resp.body().map(b -> {
          if (resp.statusCode() != 200) {
            throw new IllegalStateException(failure + ": HTTP " + resp.statusCode()
                + (body == null ? "" : " " + b));
          }
          return b;
        })));
  }

  /**
   * Asks {@code baseUrl} (any node of the cluster) where the seat of {@code resumeToken} is
   * now, after its node died or drained; answers the URL to reconnect to.
   */
  public Future<String> locate(String baseUrl, String resumeToken) {
    return request(HttpMethod.POST, baseUrl, "/api/locate",
        new JsonObject().put("token", resumeToken).toBuffer(), "locate failed")
        .map(b -> b.toJsonObject().getString("url"));
  }

  /**
   * Resumes a seat after its connection dropped: asks {@code baseUrl} where the room is now and
   * reconnects there with {@code resumeToken}, again every {@code retryMs} until
   * {@code deadlineMs} has passed. A node that died is still listed until the cluster notices,
   * and its rooms are located only once a survivor restored them, so the first tries may fail.
   */
  public Future<GameSession> resume(String baseUrl, String resumeToken, String name,
      long retryMs, long deadlineMs) {
    long until = System.currentTimeMillis() + deadlineMs;
    return resumeUntil(baseUrl, resumeToken, name, retryMs, until);
  }

  private Future<GameSession> resumeUntil(String baseUrl, String resumeToken, String name,
      long retryMs, long until) {
    return locate(baseUrl, resumeToken).compose(url -> connect(url, name)).recover(e -> {
      if (System.currentTimeMillis() + retryMs > until) {
        return Future.failedFuture(e);
      }
      Promise<GameSession> p = Promise.promise();
      vertx.setTimer(retryMs, id -> resumeUntil(baseUrl, resumeToken, name, retryMs, until)
          .onComplete(p));
      return p.future();
    });
  }

  /** Opens the session for a seat and joins; completes once the server's Welcome arrived. */
  public Future<GameSession> connect(String wsUrl, String name) {
    return connect(wsUrl, name, SessionOptions.defaults());
  }

  public Future<GameSession> connect(String wsUrl, String name, SessionOptions options) {
    URI uri = URI.create(wsUrl);
    boolean ssl = "wss".equals(uri.getScheme());
    WebSocketConnectOptions o = new WebSocketConnectOptions()
        .setHost(uri.getHost()).setPort(port(uri, ssl)).setSsl(ssl)
        .setURI(uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery()))
        .addSubProtocol(GameSession.SUBPROTOCOL)
        // Not a browser: an Origin (Vert.x sends one by default) would be refused by a server
        // with an allow-list of browser origins.
        .setAllowOriginHeader(false);
    return ws.connect(o).compose(socket -> new GameSession(vertx, socket, options)
        .join(name, options.joinData()));
  }

  /** Matchmakes and connects in one step. */
  public Future<GameSession> join(String baseUrl, String name, String role) {
    return matchmake(baseUrl, name, role, null).compose(g -> connect(g.url(), name));
  }

  /** Matchmakes into a room of {@code game} and connects in one step. */
  public Future<GameSession> join(String baseUrl, String game, String name, String role) {
    return matchmake(baseUrl, game, java.util.Map.of(), name, role, null)
        .compose(g -> connect(g.url(), name));
  }

  /** Sends raw bytes as one binary frame on a new connection; for hostile-input tests. */
  Future<io.vertx.core.http.WebSocket> rawConnect(String wsUrl) {
    URI uri = URI.create(wsUrl);
    boolean ssl = "wss".equals(uri.getScheme());
    return ws.connect(new WebSocketConnectOptions().setHost(uri.getHost())
        .setPort(port(uri, ssl)).setSsl(ssl)
        .setURI(uri.getRawPath() + "?" + uri.getRawQuery())
        .addSubProtocol(GameSession.SUBPROTOCOL));
  }

  private static int port(URI uri, boolean ssl) {
    return uri.getPort() > 0 ? uri.getPort() : ssl ? 443 : 80;
  }

  @Override
  public void close() {
    http.close();
    ws.close();
  }

  static Buffer bytes(com.google.protobuf.MessageLite m) {
    return Buffer.buffer(m.toByteArray());
  }
}
