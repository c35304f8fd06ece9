package dev.tickstream;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;

/**
 * A node's first TLS handshakes cost far more than the later ones (class loading, the engine's
 * and the key's set-up: 0.3–1 s here, on the event loop that accepts them), and every room on
 * that loop would stall behind a player's first {@code wss} connection. So the node makes a few
 * handshakes with itself over loopback before it says it is up, while it has no rooms: enough
 * for each event loop that accepts connections to have done one. Failures are only logged.
 */
final class TlsWarmup {
  private static final System.Logger LOG = System.getLogger("dev.tickstream");

  private TlsWarmup() {}

  /** Makes {@code connections} TLS connections to {@code port} on loopback, one after another. */
  static Future<Void> run(Vertx vertx, int port, int connections) {
    HttpClient client = vertx.createHttpClient(new HttpClientOptions().setSsl(true)
        .setTrustAll(true).setVerifyHost(false).setKeepAlive(false).setConnectTimeout(5_000));
    long start = System.nanoTime();
    Future<Void> chain = Future.succeededFuture();
    for (int i = 0; i < connections; i++) {
      chain = chain.compose(v -> client.request(new RequestOptions().setMethod(HttpMethod.GET)
              .setHost("127.0.0.1").setPort(port).setURI("/health/live").setTimeout(5_000))
          .compose(r -> r.send().compose(HttpClientResponse::body)).<Void>mapEmpty()
          .recover(e -> {
            LOG.log(System.Logger.Level.DEBUG, "TLS warm-up handshake failed: " + e);
            return Future.succeededFuture();
          }));
    }
    return chain.andThen(ar -> {
      LOG.log(System.Logger.Level.DEBUG, "TLS warm-up: " + connections + " handshakes in "
          + (System.nanoTime() - start) / 1_000_000 + " ms");
      client.close();
    });
  }
}
