package dev.tickstream.loadtest.cost;

import dev.tickstream.config.Transports;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The frame-I/O floor's clients, in this JVM: {@code n} Vert.x WebSocket connections on one
 * event loop (as the bots' default), connected over the ramp, each writing one 8-byte binary
 * frame per tick on its own phase of the tick period (spread evenly) and counting the frames
 * it reads. No Tickstream code: the bare cost of a frame each way per client per tick.
 */
final class FloorClients implements AutoCloseable {
  private final Vertx vertx;
  private final WebSocketClient client;
  private final List<WebSocket> sockets = new CopyOnWriteArrayList<>();
  private final AtomicInteger connected = new AtomicInteger();
  private final AtomicLong errors = new AtomicLong();
  private final AtomicLong framesIn = new AtomicLong();
  private final AtomicLong bytesIn = new AtomicLong();
  private final AtomicLong framesOut = new AtomicLong();

  FloorClients(int n) {
    vertx = Transports.vertx("auto", new VertxOptions().setEventLoopPoolSize(1));
    client = vertx.createWebSocketClient(new WebSocketClientOptions().setMaxConnections(n + 1)
        .setMaxFrameSize(FloorServer.MAX_FRAME).setMaxMessageSize(FloorServer.MAX_FRAME));
  }

  /**
   * Connects {@code n} clients to {@code port} spread over {@code rampS} seconds; returns when
   * the last connect is started (they complete on the event loop).
   */
  void connect(int port, int n, double rampS, int tickHz) throws InterruptedException {
    long period = Math.max(1, 1000 / tickHz);
    long start = System.nanoTime();
    for (int i = 0; i < n; i++) {
      long at = start + (long) (rampS * 1e9 * i / n);
      long wait = at - System.nanoTime();
      if (wait > 0) {
        TimeUnit.NANOSECONDS.sleep(wait);
      }
      long phase = period * i / n;
      client.connect(port, "127.0.0.1", "/").onComplete(ar -> {
        if (ar.failed()) {
          errors.incrementAndGet();
          return;
        }
        WebSocket ws = ar.result();
        sockets.add(ws);
        connected.incrementAndGet();
        ws.binaryMessageHandler(b -> {
          framesIn.incrementAndGet();
          bytesIn.addAndGet(b.length());
        });
        ws.exceptionHandler(e -> errors.incrementAndGet());
        ws.closeHandler(v -> connected.decrementAndGet());
        // First write at this client's phase of the tick grid, then one per period.
        long delay = Math.floorMod(phase - System.currentTimeMillis(), period) + 1;
        long[] seq = {0};
        vertx.setPeriodic(delay, period, id -> {
          if (ws.isClosed()) {
            vertx.cancelTimer(id);
            return;
          }
          ws.writeBinaryMessage(Buffer.buffer(Long.BYTES).appendLong(++seq[0]));
          framesOut.incrementAndGet();
        });
      });
    }
  }

  int connected() {
    return connected.get();
  }

  long errors() {
    return errors.get();
  }

  long framesIn() {
    return framesIn.get();
  }

  long bytesIn() {
    return bytesIn.get();
  }

  long framesOut() {
    return framesOut.get();
  }

  @Override
  public void close() {
    for (WebSocket ws : sockets) {
      ws.close();
    }
    try {
      client.close().await(5, TimeUnit.SECONDS);
    } catch (Exception e) {
      // closing anyway
    }
    try {
      vertx.close().await(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      // closing anyway
    }
  }
}
