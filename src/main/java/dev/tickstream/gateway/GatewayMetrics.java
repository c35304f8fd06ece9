package dev.tickstream.gateway;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** The gateway's meters, shared by all its event loops. */
public final class GatewayMetrics {
  // Values of the "limit" tag of tickstream_limits_total: which limit a client hit.
  static final String FRAME_SIZE = "frame_size";
  static final String MALFORMED = "malformed";
  static final String PROTOCOL_ORDER = "protocol_order";
  static final String INPUT_RATE = "input_rate";
  static final String INPUT_ABUSE = "input_abuse";
  static final String CONNECTIONS_PER_IP = "connections_per_ip";
  static final String HANDSHAKE_RATE = "handshake_rate";
  static final String ORIGIN = "origin";
  static final String TOKEN = "token";
  static final String IDLE = "idle";
  static final String JOIN_TIMEOUT = "join_timeout";
  static final String CONTENT_TYPE = "content_type";
  static final String METRICS_TOKEN = "metrics_token";
  static final String MATCHMAKE_RATE = "matchmake_rate";
  static final String UNCLAIMED_SEATS = "unclaimed_seats";
  static final String HTTP_ERROR = "http_error";
  static final String HTTP_HEADER_TIMEOUT = "http_header_timeout";
  static final String HTTP_IDLE_TIMEOUT = "http_idle_timeout";
  static final String HTTP_CONNECTIONS_PER_IP = "http_connections_per_ip";
  static final String FORWARDED = "forwarded_header";
  static final String CLOSE_TIMEOUT = "close_timeout";
  static final String REPLAY_ID = "replay_id";
  static final String REPLAY_UNKNOWN = "replay_unknown";
  static final String SPECTATOR_DELAY = "spectator_delay";

  private final MeterRegistry registry;
  private final Counter decodeErrors;
  private final Counter droppedInputs;
  private final Counter connectionsTotal;
  private final AtomicInteger open = new AtomicInteger();
  private final AtomicInteger httpOpen = new AtomicInteger();
  private final Map<Integer, Counter> closes = new ConcurrentHashMap<>();
  private final Map<Integer, Counter> refused = new ConcurrentHashMap<>();
  private final Map<String, Counter> limits = new ConcurrentHashMap<>();
  private final Counter rateLimitedInputs;

  public GatewayMetrics(MeterRegistry registry) {
    this.registry = registry;
    decodeErrors = Counter.builder("tickstream.decode.errors")
        .description("Client frames refused as malformed, oversized or out of order")
        .register(registry);
    droppedInputs = Counter.builder("tickstream.connection.inputs.dropped")
        .description("Inputs dropped from a connection's full buffer (oldest first)")
        .register(registry);
    connectionsTotal = Counter.builder("tickstream.connections.opened")
        .description("WebSocket sessions accepted").register(registry);
    rateLimitedInputs = Counter.builder("tickstream.inputs.rate.limited")
        .description("Client messages dropped by the per-player token bucket (inputsPerSecond)")
        .register(registry);
    Gauge.builder("tickstream.connections", open, AtomicInteger::get)
        .description("Open WebSocket sessions").register(registry);
    Gauge.builder("tickstream.http.connections", httpOpen, AtomicInteger::get)
        .description("Open HTTP connections that are not WebSockets").register(registry);
  }

  /** The count behind tickstream_http_connections, kept by HttpConnections. */
  AtomicInteger httpConnections() {
    return httpOpen;
  }

  /** Open HTTP connections that are not WebSockets. */
  public int openHttpConnections() {
    return httpOpen.get();
  }

  void decodeError() {
    decodeErrors.increment();
  }

  void droppedInput() {
    droppedInputs.increment();
  }

  void inputRateLimited() {
    rateLimitedInputs.increment();
    limit(INPUT_RATE);
  }

  /** Counts one hit of a limit (a refused handshake, a close, a dropped input). */
  void limit(String name) {
    limits.computeIfAbsent(name, n -> Counter.builder("tickstream.limits")
        .tag("limit", n)
        .description("Times a client hit a limit (see README, Hardening)").register(registry))
        .increment();
  }

  void connected() {
    connectionsTotal.increment();
    open.incrementAndGet();
  }

  void disconnected() {
    open.decrementAndGet();
  }

  void refused(int status) {
    refused.computeIfAbsent(status, s -> Counter.builder("tickstream.handshakes.refused")
        .tag("status", String.valueOf(s))
        .description("WebSocket handshakes refused before the upgrade").register(registry))
        .increment();
  }

  void closed(int code) {
    closes.computeIfAbsent(code, c -> Counter.builder("tickstream.closes")
        .tag("code", String.valueOf(c))
        .description("Sessions closed by the server, by RFC 6455 close code").register(registry))
        .increment();
  }

  public long decodeErrors() {
    return (long) decodeErrors.count();
  }

  public int openConnections() {
    return open.get();
  }

  public long rateLimitedInputs() {
    return (long) rateLimitedInputs.count();
  }

  /** Hits per limit, by the limit's name. */
  public Map<String, Long> limitHits() {
    Map<String, Long> m = new TreeMap<>();
    limits.forEach((k, v) -> m.put(k, (long) v.count()));
    return m;
  }

  /** Handshakes refused before the upgrade, by HTTP status. */
  public Map<Integer, Long> refusedByStatus() {
    Map<Integer, Long> m = new TreeMap<>();
    refused.forEach((k, v) -> m.put(k, (long) v.count()));
    return m;
  }

  /** Server-initiated closes by close code. */
  public Map<Integer, Long> closesByCode() {
    Map<Integer, Long> m = new TreeMap<>();
    closes.forEach((k, v) -> m.put(k, (long) v.count()));
    return m;
  }
}
