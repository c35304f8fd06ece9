package dev.tickstream.gateway;

import io.micrometer.core.instrument.Counter;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * {@code GET /metrics}, safe on the game port. Rendering the registry costs milliseconds of an
 * event loop, so it happens at most once per {@link #FRESH_MS}: any number of scrapers share
 * the last text, and a scrape flood costs the bytes it reads, not a render each (four
 * scrapers used to render over a thousand times a second and starve the rooms' loops). With {@code metricsToken} set, a scraper must send
 * {@code Authorization: Bearer <token>}; anyone else gets 401.
 *
 * <p>Threads: any event loop; the cached text is immutable and swapped atomically.
 */
final class MetricsEndpoint {
  /** How long one render serves every scraper, in milliseconds. */
  static final long FRESH_MS = 250;

  private record Rendered(String text, long atNanos) {}

  private final PrometheusMeterRegistry registry;
  private final byte[] token;
  private final GatewayMetrics metrics;
  private final Counter renders;
  private volatile Rendered last = new Rendered("", Long.MIN_VALUE / 2);

  MetricsEndpoint(PrometheusMeterRegistry registry, String token,
      GatewayMetrics metrics) {
    this.registry = registry;
    this.token = token == null || token.isEmpty() ? null
        : ("Bearer " + token).getBytes(StandardCharsets.UTF_8);
    this.metrics = metrics;
    this.renders = Counter.builder("tickstream.metrics.renders")
        .description("Times /metrics rendered the registry (at most one per 250 ms)")
        .register(registry);
  }

  void handle(RoutingContext ctx) {
    if (token != null && !authorized(ctx.request().getHeader(HttpHeaders.AUTHORIZATION))) {
      metrics.limit(GatewayMetrics.METRICS_TOKEN);
      ctx.response().setStatusCode(401).putHeader("WWW-Authenticate", "Bearer")
          .end("a metrics token is required\n");
      return;
    }
    Rendered r = last;
    long now = System.nanoTime();
    // One render per FRESH_MS whoever asks; a race renders twice at worst, never per scrape.
    if (now - r.atNanos() >= FRESH_MS * 1_000_000L) {
      renders.increment();
      r = new Rendered(registry.scrape(), now);
      last = r;
    }
    send(ctx, r);
  }

  private boolean authorized(String header) {
    return header != null && MessageDigest.isEqual(token,
        header.getBytes(StandardCharsets.UTF_8));
  }

  private static void send(RoutingContext ctx, Rendered r) {
    ctx.response().putHeader(HttpHeaders.CONTENT_TYPE,
        "text/plain; version=0.0.4; charset=utf-8").end(r.text());
  }
}
