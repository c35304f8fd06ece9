package dev.tickstream.loadtest.link;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The road from the bots to a server through an impaired link: a {@link LinkRelay} on loopback
 * and, with a bandwidth cap, a shaped namespace ({@link NetNs}) behind it:
 *
 * <pre>
 * bot -> relay 127.0.0.1 (delay, jitter, stalls) -> 10.200.N.2 in the namespace (a plain relay
 *     in its own JVM) -> 10.200.N.1 (a plain relay here) -> the server
 * </pre>
 *
 * so every byte crosses both shaped veth ends, and the cap applies to both directions together.
 * {@link #route} rewrites a seat's WebSocket URL to the relay; everything else (matchmaking,
 * metrics) goes direct.
 */
public final class LinkPath implements AutoCloseable {
  private final LinkSpec spec;
  private final int targetPort;
  private LinkRelay relay;
  private LinkRelay back;
  private NetNs ns;
  private long bytes0;
  private long stalls0;
  private long nanos0;
  private long bytes1 = -1;
  private long stalls1;
  private long nanos1;
  private String tcStats;

  private LinkPath(LinkSpec spec, int targetPort) {
    this.spec = spec;
    this.targetPort = targetPort;
  }

  /** Builds the road to {@code baseUrl}'s host and port. */
  public static LinkPath open(Vertx vertx, LinkSpec spec, long seed, String baseUrl)
      throws Exception {
    URI u = new URI(baseUrl);
    int port = u.getPort() > 0 ? u.getPort() : u.getScheme().equals("https") ? 443 : 80;
    String host = u.getHost().equals("localhost") ? "127.0.0.1" : u.getHost();
    LinkPath p = new LinkPath(spec, port);
    try {
      String toHost = host;
      int toPort = port;
      if (spec.rateKbit() > 0) {
        String why = NetNs.unavailable();
        if (why != null) {
          throw new IllegalStateException("--link rate=: " + why);
        }
        p.ns = NetNs.create(spec.rateKbit());
        p.back = LinkRelay.start(vertx, LinkSpec.NONE, seed, p.ns.hostAddress, 0, host, port,
            LinkRelay.DEFAULT_MAX_QUEUED).await(10, TimeUnit.SECONDS);
        toPort = p.forwarderInNamespace(p.ns.hostAddress + ":" + p.back.port());
        toHost = p.ns.nsAddress;
      }
      p.relay = LinkRelay.start(vertx, spec, seed, "127.0.0.1", 0, toHost, toPort,
          LinkRelay.DEFAULT_MAX_QUEUED).await(10, TimeUnit.SECONDS);
      return p;
    } catch (Exception e) {
      p.close();
      throw e;
    }
  }

  /** A plain relay in the namespace's own JVM to {@code to}; returns its port. */
  private int forwarderInNamespace(String to) throws Exception {
    Process proc = ns.start(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx128m",
        "-XX:+ExitOnOutOfMemoryError", "-cp", System.getProperty("java.class.path"),
        LinkRelay.class.getName(), "--listen", ns.nsAddress + ":0", "--to", to));
    CompletableFuture<Integer> port = new CompletableFuture<>();
    Thread pump = new Thread(() -> {
      try (BufferedReader r = new BufferedReader(
          new InputStreamReader(proc.getInputStream(), StandardCharsets.UTF_8))) {
        String line;
        StringBuilder seen = new StringBuilder();
        while ((line = r.readLine()) != null) {
          if (!port.isDone() && line.startsWith("relaying on ")) {
            port.complete(Integer.parseInt(line.substring(12).trim()));
          } else if (seen.length() < 4000) {
            seen.append(line).append('\n');
          }
        }
        port.completeExceptionally(new IOException("the namespace's relay exited: " + seen));
      } catch (IOException | NumberFormatException e) {
        port.completeExceptionally(e);
      }
    }, "netns-relay-log");
    pump.setDaemon(true);
    pump.start();
    return port.get(30, TimeUnit.SECONDS);
  }

  /** {@code url} with the server's port replaced by the relay's (other URLs unchanged). */
  public String route(String url) {
    try {
      URI u = new URI(url);
      if (u.getPort() != targetPort) {
        return url;
      }
      return new URI(u.getScheme(), u.getUserInfo(), u.getHost(), relay.port(), u.getPath(),
          u.getQuery(), u.getFragment()).toString();
    } catch (URISyntaxException e) {
      return url;
    }
  }

  public LinkRelay relay() {
    return relay;
  }

  /** The shaped namespace, or null without a cap. */
  public NetNs namespace() {
    return ns;
  }

  /** Measurement starts: the relay's counters now are the baseline. */
  public void beginMeasuring() {
    bytes0 = relay.counters().bytesUp() + relay.counters().bytesDown();
    stalls0 = relay.counters().stalls();
    nanos0 = System.nanoTime();
  }

  public void endMeasuring() {
    bytes1 = relay.counters().bytesUp() + relay.counters().bytesDown();
    stalls1 = relay.counters().stalls();
    nanos1 = System.nanoTime();
    tcStats = ns == null ? null : ns.stats();
  }

  /** The settings, the relay's counters and the measured window's rates, for the report. */
  public JsonObject json(int clients) {
    JsonObject j = spec.json().put("relay", relay.counters().json());
    if (bytes1 >= 0 && nanos1 > nanos0) {
      double s = (nanos1 - nanos0) / 1e9;
      j.put("relay_bytes_per_client_per_s", clients == 0 ? null
          : Math.round((bytes1 - bytes0) / s / clients));
      j.put("stalls_per_client_per_s", clients == 0 ? null
          : Math.round((stalls1 - stalls0) / s / clients * 1000) / 1000.0);
    }
    if (ns != null) {
      j.put("namespace", new JsonObject().put("name", ns.name)
          .put("shaper", "tbf " + spec.rateKbit() + "kbit on both veth ends")
          .put("tc_stats", tcStats));
    }
    return j;
  }

  @Override
  public void close() {
    try {
      if (relay != null) {
        relay.close().await(10, TimeUnit.SECONDS);
      }
      if (back != null) {
        back.close().await(10, TimeUnit.SECONDS);
      }
    } catch (Exception e) {
      // closing anyway
    } finally {
      if (ns != null) {
        ns.close();
      }
    }
  }
}
