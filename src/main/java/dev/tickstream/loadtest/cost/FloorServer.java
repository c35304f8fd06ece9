package dev.tickstream.loadtest.cost;

import dev.tickstream.config.Transports;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.ServerWebSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The frame-I/O floor's server, run as a child JVM ({@code java -cp ... FloorServer PORT HZ}):
 * a bare Vert.x WebSocket server with no Tickstream code. One verticle per event loop, each
 * with its own clients and a periodic timer at {@code HZ} that writes one 60-byte binary frame
 * to each of them; the clients' 8-byte inputs are read and dropped. Any HTTP request is
 * answered 200 (the readiness probe). The process exits when its standard input closes, so a
 * parent that dies does not leave it behind.
 */
public final class FloorServer {
  /** Bytes of the frame each client gets per tick: about a small game's snapshot delta. */
  static final int FRAME_BYTES = 60;
  /** A frame longer than a client's input is refused: this server reads only 8-byte inputs. */
  static final int MAX_FRAME = 64;

  private static final byte[] PAD = new byte[FRAME_BYTES - Long.BYTES];

  private FloorServer() {}

  public static void main(String[] args) throws Exception {
    int port = Integer.parseInt(args[0]);
    int hz = Integer.parseInt(args[1]);
    Transports.Choice choice = Transports.choose("auto");
    int loops = Runtime.getRuntime().availableProcessors();
    Vertx vertx = Transports.builder(choice, new VertxOptions().setEventLoopPoolSize(loops))
        .build();
    vertx.deployVerticle(() -> new Loop(port, hz), new DeploymentOptions().setInstances(loops))
        .await(30, TimeUnit.SECONDS);
    System.out.println("floor serving " + port + " on " + choice.description() + ", " + loops
        + " event loops");
    System.out.flush();
    // Parent gone (or closed our stdin): stop.
    while (System.in.read() >= 0) {
      // discard
    }
    vertx.close().await(10, TimeUnit.SECONDS);
    System.exit(0);
  }

  /** One event loop's share: its server instance, its clients, its timer. */
  private static final class Loop extends VerticleBase {
    private final int port;
    private final int hz;
    private final List<ServerWebSocket> clients = new ArrayList<>();
    private long tick;

    Loop(int port, int hz) {
      this.port = port;
      this.hz = hz;
    }

    @Override
    public Future<?> start() {
      vertx.setPeriodic(1000 / hz, id -> tick());
      return vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1")
              .setMaxWebSocketFrameSize(MAX_FRAME).setMaxWebSocketMessageSize(MAX_FRAME))
          .webSocketHandler(this::accept)
          .requestHandler(r -> r.response().end("ok"))
          .listen(port);
    }

    private void accept(ServerWebSocket ws) {
      clients.add(ws);
      ws.binaryMessageHandler(b -> { }); // inputs: read, dropped
      ws.exceptionHandler(e -> ws.close());
      ws.closeHandler(v -> clients.remove(ws));
    }

    private void tick() {
      tick++;
      for (int i = 0; i < clients.size(); i++) {
        Buffer frame = Buffer.buffer(FRAME_BYTES).appendLong(tick)
            .appendBytes(PAD);
        clients.get(i).writeBinaryMessage(frame);
      }
    }
  }
}
