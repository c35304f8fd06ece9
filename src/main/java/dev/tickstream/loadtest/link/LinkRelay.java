package dev.tickstream.loadtest.link;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetClientOptions;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetServerOptions;
import io.vertx.core.net.NetSocket;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * A TCP relay that plays an impaired link ({@link LinkSpec}): each accepted connection gets one
 * upstream connection to the target, and each direction is a {@link Pipe} that delays, jitters
 * (never reorders) and stalls what it carries. Connection {@code k}'s draws come from the seed
 * and {@code k} alone, so a seed repeats a run's link.
 *
 * <p>It relays bytes, not messages, so HTTP, WebSocket and TLS all pass. It listens only on a
 * loopback address or on 10.200.0.0/16, the private range of the namespaces {@link NetNs}
 * creates. A connection's two sockets share one event loop; the counters are thread-safe.
 */
public final class LinkRelay {
  /** Bytes one direction of one connection may hold before its source is paused. */
  public static final int DEFAULT_MAX_QUEUED = 256 * 1024;

  private final Vertx vertx;
  private final LinkSpec spec;
  private final long seed;
  private final String targetHost;
  private final int targetPort;
  private final int maxQueued;
  private final LinkCounters counters = new LinkCounters();
  private final Set<NetSocket> sockets = ConcurrentHashMap.newKeySet();
  private final NetClient client;
  private NetServer server;

  private LinkRelay(Vertx vertx, LinkSpec spec, long seed, String targetHost, int targetPort,
      int maxQueued) {
    this.vertx = vertx;
    this.spec = spec;
    this.seed = seed;
    this.targetHost = targetHost;
    this.targetPort = targetPort;
    this.maxQueued = maxQueued;
    this.client = vertx.createNetClient(new NetClientOptions().setTcpNoDelay(true)
        .setConnectTimeout(10_000));
  }

  /**
   * Starts a relay on {@code listenHost:listenPort} (0: any free port) to
   * {@code targetHost:targetPort}.
   *
   * @param maxQueued bytes one direction may hold before its source is paused
   */
  public static Future<LinkRelay> start(Vertx vertx, LinkSpec spec, long seed, String listenHost,
      int listenPort, String targetHost, int targetPort, int maxQueued) {
    if (!allowed(listenHost)) {
      return Future.failedFuture(new IllegalArgumentException(
          "the relay listens on loopback or 10.200.0.0/16 only, not " + listenHost));
    }
    if (maxQueued < 1024) {
      return Future.failedFuture(new IllegalArgumentException("maxQueued below 1 KiB"));
    }
    LinkRelay r = new LinkRelay(vertx, spec, seed, targetHost, targetPort, maxQueued);
    return vertx.createNetServer(new NetServerOptions().setTcpNoDelay(true))
        .connectHandler(r::accept)
        .listen(listenPort, listenHost)
        .map(s -> {
          r.server = s;
          return r;
        });
  }

  static boolean allowed(String host) {
    try {
      InetAddress a = InetAddress.getByName(host);
      byte[] b = a.getAddress();
      return a.isLoopbackAddress() || b.length == 4 && b[0] == 10 && (b[1] & 0xff) == 200;
    } catch (UnknownHostException e) {
      return false;
    }
  }

  /** The port it listens on. */
  public int port() {
    return server.actualPort();
  }

  public LinkSpec spec() {
    return spec;
  }

  public LinkCounters counters() {
    return counters;
  }

  private void accept(NetSocket down) {
    long index = counters.connections.getAndIncrement();
    counters.open.incrementAndGet();
    SplittableRandom random = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + index);
    long rttNanos = (spec.rttMinMs() + (spec.rttMaxMs() == spec.rttMinMs() ? 0
        : random.nextInt(spec.rttMaxMs() - spec.rttMinMs() + 1))) * 1_000_000L;
    SplittableRandom upRandom = random.split();
    SplittableRandom downRandom = random.split();
    // Nothing is read until the upstream connection is there to take it.
    down.pause();
    sockets.add(down);
    int[] pending = {2};
    Runnable closed = () -> {
      if (--pending[0] == 0) {
        counters.open.decrementAndGet();
      }
    };
    client.connect(targetPort, targetHost).onComplete(ar -> {
      if (ar.failed()) {
        counters.failedUpstream.incrementAndGet();
        counters.open.decrementAndGet();
        sockets.remove(down);
        down.close();
        return;
      }
      NetSocket up = ar.result();
      sockets.add(up);
      Pipe toServer = new Pipe(vertx, down, up, spec, rttNanos, upRandom, maxQueued, counters,
          true, () -> {
            sockets.remove(up);
            closed.run();
          });
      Pipe toClient = new Pipe(vertx, up, down, spec, rttNanos, downRandom, maxQueued,
          counters, false, () -> {
            sockets.remove(down);
            closed.run();
          });
      Runnable fail = () -> {
        if (pending[0] > 0) {
          pending[0] = 0;
          counters.open.decrementAndGet();
        }
        toServer.abort();
        toClient.abort();
        sockets.remove(up);
        sockets.remove(down);
        up.close();
        down.close();
      };
      // A reset drops the connection at once; an orderly close travels like data (Pipe.end).
      up.exceptionHandler(e -> fail.run());
      down.exceptionHandler(e -> fail.run());
      toServer.start();
      toClient.start();
      down.resume();
    });
  }

  /** Stops listening and drops every connection. */
  public Future<Void> close() {
    for (NetSocket s : sockets) {
      s.close();
    }
    sockets.clear();
    Future<Void> f = server == null ? Future.succeededFuture() : server.close();
    return f.eventually(() -> client.close());
  }

  /**
   * A relay as its own process (the far end inside a network namespace):
   * {@code --listen HOST:PORT --to HOST:PORT [--link SPEC] [--seed S]}. Prints
   * {@code relaying on PORT} once it listens and runs until killed.
   */
  public static void main(String[] args) throws Exception {
    String listen = null;
    String to = null;
    LinkSpec spec = LinkSpec.NONE;
    long seed = 1;
    for (int i = 0; i + 1 < args.length; i += 2) {
      switch (args[i]) {
        case "--listen" -> listen = args[i + 1];
        case "--to" -> to = args[i + 1];
        case "--link" -> spec = LinkSpec.parse(args[i + 1]);
        case "--seed" -> seed = Long.parseLong(args[i + 1]);
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    if (listen == null || to == null) {
      throw new IllegalArgumentException("usage: --listen HOST:PORT --to HOST:PORT");
    }
    Vertx vertx = Vertx.vertx();
    LinkRelay r = start(vertx, spec, seed, host(listen), port(listen), host(to), port(to),
        DEFAULT_MAX_QUEUED).await(10, TimeUnit.SECONDS);
    System.out.println("relaying on " + r.port());
    System.out.flush();
  }

  private static String host(String hostPort) {
    return hostPort.substring(0, hostPort.lastIndexOf(':'));
  }

  private static int port(String hostPort) {
    return Integer.parseInt(hostPort.substring(hostPort.lastIndexOf(':') + 1));
  }
}
