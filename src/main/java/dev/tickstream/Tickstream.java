package dev.tickstream;

import dev.tickstream.cluster.ClusterVertx;
import dev.tickstream.config.ConfigLoader;
import dev.tickstream.config.TickstreamConfig;
import dev.tickstream.config.Transports;
import dev.tickstream.config.Version;
import dev.tickstream.sim.GameSpec;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * Starts a Tickstream node serving your games, from your own {@code main}:
 *
 * <pre>{@code
 * public static void main(String[] args) {
 *   Tickstream.builder().game(MyGame.SPEC).start();
 * }
 * }</pre>
 *
 * <p>The first game registered is the default of matchmaking. Settings come from the
 * environment and system properties (and a JSON file, see {@link Builder#configFile}), as for
 * {@code java -jar tickstream.jar serve}. {@link Builder#start} blocks until the node serves,
 * logs one start-up line with its URLs, and drains the node (rooms handed over, players
 * redirected) when the JVM is asked to stop.
 */
public final class Tickstream {
  private static final System.Logger LOG = System.getLogger("dev.tickstream");

  private Tickstream() {}

  public static Builder builder() {
    return new Builder();
  }

  /** Collects the games and settings of a node. Not thread-safe; use it from one thread. */
  public static final class Builder {
    private final List<GameSpec<?>> games = new ArrayList<>();
    private TickstreamConfig config;
    private String configFile;
    private boolean cluster;

    private Builder() {}

    /** Registers a game; the first one is matchmaking's default. Names must be unique. */
    public Builder game(GameSpec<?> spec) {
      games.add(Objects.requireNonNull(spec, "spec"));
      return this;
    }

    /** Uses these settings instead of loading them from the environment. */
    public Builder config(TickstreamConfig config) {
      this.config = config;
      return this;
    }

    /** Loads settings from this JSON file, under the environment and system properties. */
    public Builder configFile(String path) {
      this.configFile = path;
      return this;
    }

    /** Joins the cluster (as {@code CLUSTER=true}). */
    public Builder cluster(boolean cluster) {
      this.cluster = cluster;
      return this;
    }

    /**
     * Starts the node and returns once it serves (or throws why it cannot); installs a
     * shutdown hook that drains it.
     */
    public TickstreamServer start() {
      if (games.isEmpty()) {
        throw new IllegalStateException("register at least one game");
      }
      TickstreamConfig c = config;
      if (c == null) {
        var env = new java.util.HashMap<>(System.getenv());
        if (cluster) {
          env.put("CLUSTER", "true");
        }
        c = ConfigLoader.load(configFile, env, System.getProperties());
      }
      Vertx vertx;
      HazelcastClusterManager manager = null;
      if (c.cluster()) {
        ClusterVertx.Clustered clustered;
        try {
          clustered = ClusterVertx.start(c).await(120, TimeUnit.SECONDS);
        } catch (Exception e) {
          throw new IllegalStateException("could not join the cluster: " + e.getMessage(), e);
        }
        vertx = clustered.vertx();
        manager = clustered.manager();
      } else {
        vertx = Transports.vertx(c.transport(), new VertxOptions());
      }
      TickstreamServer server;
      try {
        server = TickstreamServer.start(vertx, c, List.copyOf(games), manager)
            .await(120, TimeUnit.SECONDS);
      } catch (Exception e) {
        vertx.close();
        throw new IllegalStateException("node did not start: " + e.getMessage(), e);
      }
      LOG.log(System.Logger.Level.INFO, startLine(server, c, vertx));
      drainOnExit(server, vertx, c);
      return server;
    }

    private String startLine(TickstreamServer server, TickstreamConfig config, Vertx vertx) {
      String host = config.host().equals("0.0.0.0") ? "localhost" : config.host();
      StringBuilder s = new StringBuilder("Tickstream " + Version.current() + " serving http://"
          + host + ":"
          + server.port() + "/ ws://" + host + ":" + server.port() + "/ws");
      if (server.tlsPort() >= 0) {
        s.append(" https://").append(host).append(':').append(server.tlsPort())
            .append("/ wss://").append(host).append(':').append(server.tlsPort()).append("/ws");
      }
      if (server.cluster() != null) {
        s.append(" | cluster node ").append(server.cluster().nodeId());
      }
      s.append(" | games ").append(games.stream().map(GameSpec::name).toList())
          .append(" | ").append(config.tickRate()).append(" Hz, ").append(config.maxPlayers())
          .append(" players/room, ").append(config.roomThreads()).append(" room threads")
          .append(" | transport ").append(server.transport());
      if (server.tlsPort() >= 0) {
        s.append(" | TLS ").append(server.tlsEngine());
      }
      s.append(" | config: ").append(config.source());
      return s.toString();
    }

    private static void drainOnExit(TickstreamServer server, Vertx vertx,
        TickstreamConfig config) {
      // SIGTERM: drain (hand rooms over, redirect players), then stop.
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        LOG.log(System.Logger.Level.INFO, "draining before exit");
        try {
          server.drain().await(config.drainTimeoutMs(), TimeUnit.MILLISECONDS);
          LOG.log(System.Logger.Level.INFO, "drained");
        } catch (Exception e) {
          LOG.log(System.Logger.Level.WARNING, "drain incomplete: " + e);
        }
        try {
          vertx.close().await(10, TimeUnit.SECONDS);
        } catch (Exception e) {
          // exiting anyway
        }
      }, "shutdown"));
    }
  }
}
