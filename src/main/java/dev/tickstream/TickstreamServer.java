package dev.tickstream;

import dev.tickstream.cluster.ClusterNode;
import dev.tickstream.config.TickstreamConfig;
import dev.tickstream.config.Transports;
import dev.tickstream.gateway.GatewayMetrics;
import dev.tickstream.gateway.HttpGateway;
import dev.tickstream.gateway.PublicUrls;
import dev.tickstream.gateway.SeatTokens;
import dev.tickstream.room.RoomMetrics;
import dev.tickstream.room.RoomOptions;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import dev.tickstream.room.Rooms;
import dev.tickstream.sim.GameSpec;
import java.util.List;
import java.nio.file.Path;
import dev.tickstream.replay.Recordings;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.KeyCertOptions;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.net.SelfSignedCertificate;
import io.vertx.core.net.TrustOptions;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A running Tickstream node on one Vert.x instance: room threads, the gateway on the plain and
 * TLS ports. {@link Main} starts one for {@code serve}; tests start them on port 0.
 */
public final class TickstreamServer {
  private static final System.Logger LOG = System.getLogger(TickstreamServer.class.getName());

  private final Vertx vertx;
  private final TickstreamConfig config;
  private final Rooms rooms;
  private final GatewayMetrics metrics;
  private final TrustOptions devTrust;
  private HttpGateway gateway;
  private Recordings recordings;
  private volatile ClusterNode cluster;
  private int port;
  private int tlsPort = -1;
  private String tlsEngine = "off";

  private TickstreamServer(Vertx vertx, TickstreamConfig config, Rooms rooms,
      GatewayMetrics metrics, TrustOptions devTrust) {
    this.vertx = vertx;
    this.config = config;
    this.rooms = rooms;
    this.metrics = metrics;
    this.devTrust = devTrust;
  }

  /** Starts a single node serving {@code games} with {@code config}. */
  public static Future<TickstreamServer> start(Vertx vertx, TickstreamConfig config,
      List<GameSpec<?>> games) {
    return start(vertx, config, games, null);
  }

  /**
   * Starts a node; with a cluster manager (a clustered {@code vertx}) it joins the cluster's
   * directories, and matchmaking places seats on any node.
   */
  public static Future<TickstreamServer> start(Vertx vertx, TickstreamConfig config,
      List<GameSpec<?>> games, HazelcastClusterManager cluster) {
    SeatTokens tokens = new SeatTokens(vertx, config.authSecret(), config.seatTokenTtlSeconds());
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    new ProcessorMetrics().bindTo(registry);
    new JvmMemoryMetrics().bindTo(registry);
    new JvmGcMetrics().bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    ProcessGauges.bindTo(registry);
    TlsEngines.Choice tls = config.tlsEnabled() ? TlsEngines.choose(config.tlsEngine()) : null;
    // One series whose labels say what this node runs on (the load test's report reads them).
    Gauge.builder("tickstream.node.info", () -> 1)
        .description("1; labels: the socket transport and the TLS engine (off: no TLS port)")
        .tags("transport", Transports.name(vertx), "tls_engine", tls == null ? "off" : tls.name())
        .register(registry);
    RoomMetrics roomMetrics = new RoomMetrics(registry);
    Rooms rooms = new Rooms(RoomOptions.from(config), games, config.seed(), roomMetrics,
        tokens::resumeToken);
    roomMetrics.watch(registry, rooms);
    GatewayMetrics metrics = new GatewayMetrics(registry);
    HttpGateway gateway = new HttpGateway(config, rooms, tokens, metrics, registry);
    Recordings recordings = new Recordings(Path.of(config.recordDir()), config::records,
        config.recordMaxBytesPerMatch(), config.recordMaxTotalBytes(), registry);
    rooms.recordTo(recordings);
    gateway.recordings(recordings);
    KeyCertOptions keyCert = null;
    TrustOptions devTrust = null;
    if (config.tlsEnabled()) {
      if (config.tlsCertPath() != null) {
        keyCert = new PemKeyCertOptions().setCertPath(config.tlsCertPath())
            .setKeyPath(config.tlsKeyPath());
      } else {
        SelfSignedCertificate cert = SelfSignedCertificate.create("localhost");
        keyCert = cert.keyCertOptions();
        devTrust = cert.trustOptions();
        LOG.log(System.Logger.Level.WARNING, "TLS: no certificate configured; generated a"
            + " self-signed one for localhost (development only; set TLS_CERT_PATH and"
            + " TLS_KEY_PATH for production)");
      }
    }
    TickstreamServer server = new TickstreamServer(vertx, config, rooms, metrics, devTrust);
    server.gateway = gateway;
    server.recordings = recordings;
    server.tlsEngine = tls == null ? "off" : tls.description();
    KeyCertOptions kc = keyCert;
    // One deployment of N instances: Vert.x shares the listening sockets among them (also
    // for port 0) and spreads accepted connections over their event loops.
    List<NodeVerticle> nodes = new CopyOnWriteArrayList<>();
    return vertx.deployVerticle(() -> {
      NodeVerticle n = new NodeVerticle(config.host(), config.port(), config.tlsPort(), kc,
          tls == null ? null : tls.options(), rooms, gateway);
      nodes.add(n);
      return n;
    }, new DeploymentOptions().setInstances(config.roomThreads())).compose(id -> {
      server.port = nodes.get(0).actualPort();
      server.tlsPort = nodes.get(0).actualTlsPort();
      return server.tlsPort > 0
          ? TlsWarmup.run(vertx, server.tlsPort, 2 * config.roomThreads())
          : Future.succeededFuture();
    }).compose(warm -> {
      if (cluster == null) {
        return Future.succeededFuture(server);
      }
      gateway.ready(false);
      String host = config.publicHost() != null ? config.publicHost()
          : (config.host().equals("0.0.0.0") ? config.clusterHost() : config.host()) + ":"
              + server.port;
      // Other nodes send players here (matchmaking, drain redirects): behind a TLS proxy
      // that is publicUrl's wss:// address, not this node's plain port.
      String ws = config.publicUrl() != null ? PublicUrls.wsBase(config.publicUrl())
          : "ws://" + host + "/ws";
      String http = config.publicUrl() != null ? config.publicUrl() : "http://" + host;
      ClusterNode node = new ClusterNode(vertx, cluster, rooms, ws, http,
          config.checkpointIntervalMs());
      return node.start().map(n -> {
        server.cluster = n;
        gateway.placements(n, () -> n.nodes().map(m -> {
          JsonObject j = new JsonObject();
          m.forEach(j::put);
          return j.put("self", n.nodeId());
        }));
        gateway.ready(true);
        return server;
      });
    });
  }

  /**
   * Drains the node (SIGTERM): no new seats; in a cluster every room moves to another node and
   * its players are redirected there, alone every session is closed with 1001.
   */
  public Future<Void> drain() {
    gateway.draining(true);
    if (cluster != null) {
      return cluster.drain();
    }
    List<Future<Void>> all = new ArrayList<>();
    for (var r : new ArrayList<>(rooms.all())) {
      all.add(r.handOver(null));
    }
    // The rooms' recordings end with them; their last chunks are written before the exit.
    return Future.join(all).compose(v -> vertx.executeBlocking(() -> {
      recordings.flush(5000);
      return null;
    })).mapEmpty();
  }

  /** The node's match recordings. */
  public Recordings recordings() {
    return recordings;
  }

  /** The cluster part of this node, or null when it runs alone. */
  public ClusterNode cluster() {
    return cluster;
  }

  public int port() {
    return port;
  }

  /** The TLS port, or -1 when TLS is off. */
  public int tlsPort() {
    return tlsPort;
  }

  /** The TLS engine in use, e.g. {@code "openssl (BoringSSL)"}, with why; "off" without TLS. */
  public String tlsEngine() {
    return tlsEngine;
  }

  /** The socket transport in use, e.g. {@code "io_uring"}, with why when it fell back. */
  public String transport() {
    return Transports.describe(vertx);
  }

  public Rooms rooms() {
    return rooms;
  }

  public GatewayMetrics metrics() {
    return metrics;
  }

  public TickstreamConfig config() {
    return config;
  }

  /** Trust for the self-signed development certificate, or null when one was configured. */
  public TrustOptions devTrust() {
    return devTrust;
  }

  public Vertx vertx() {
    return vertx;
  }
}
