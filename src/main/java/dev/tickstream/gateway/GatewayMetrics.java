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
  private final MeterRegistry registry;
  private final Counter decodeErrors;
  private final Counter droppedInputs;
  private final Counter connectionsTotal;
  private final AtomicInteger open = new AtomicInteger();
  private final Map<Integer, Counter> closes = new ConcurrentHashMap<>();
  private final Map<Integer, Counter> refused = new ConcurrentHashMap<>();

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
    Gauge.builder("tickstream.connections", open, AtomicInteger::get)
        .description("Open WebSocket sessions").register(registry);
  }

  void decodeError() {
    decodeErrors.increment();
  }

  void droppedInput() {
    droppedInputs.increment();
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

  /** Server-initiated closes by close code. */
  public Map<Integer, Long> closesByCode() {
    Map<Integer, Long> m = new TreeMap<>();
    closes.forEach((k, v) -> m.put(k, (long) v.count()));
    return m;
  }
}
