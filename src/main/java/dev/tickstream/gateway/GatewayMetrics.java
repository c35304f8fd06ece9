package dev.tickstream.gateway;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/** Counters of the gateway, shared by all its event loops. */
public final class GatewayMetrics {
  private final LongAdder bytesOut = new LongAdder();
  private final LongAdder decodeErrors = new LongAdder();
  private final LongAdder droppedInputs = new LongAdder();
  private final LongAdder connections = new LongAdder();
  private final LongAdder refusedHandshakes = new LongAdder();
  private final Map<Integer, AtomicLong> closes = new ConcurrentHashMap<>();

  void bytesOut(int n) {
    bytesOut.add(n);
  }

  void decodeError() {
    decodeErrors.increment();
  }

  void droppedInput() {
    droppedInputs.increment();
  }

  void connected() {
    connections.increment();
  }

  void refused() {
    refusedHandshakes.increment();
  }

  void closed(int code) {
    closes.computeIfAbsent(code, k -> new AtomicLong()).incrementAndGet();
  }

  public long bytesOut() {
    return bytesOut.sum();
  }

  public long decodeErrors() {
    return decodeErrors.sum();
  }

  public long droppedInputs() {
    return droppedInputs.sum();
  }

  public long connections() {
    return connections.sum();
  }

  public long refusedHandshakes() {
    return refusedHandshakes.sum();
  }

  /** Server-initiated closes by close code. */
  public Map<Integer, Long> closesByCode() {
    Map<Integer, Long> m = new java.util.TreeMap<>();
    closes.forEach((k, v) -> m.put(k, v.get()));
    return m;
  }
}
