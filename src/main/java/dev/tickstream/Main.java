package dev.tickstream;

import dev.tickstream.config.ConfigLoader;
import dev.tickstream.config.TickstreamConfig;
import dev.tickstream.games.arena.ArenaGame;
import java.util.List;
import dev.tickstream.games.arena.ArenaRules;
import dev.tickstream.games.football.FootballGame;
import dev.tickstream.cluster.ClusterVertx;
import io.vertx.core.Vertx;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Entry point of {@code tickstream.jar}: {@code serve} and the tools built on the client. */
public final class Main {
  private Main() {}

  public static void main(String[] args) throws Exception {
    Logs.configure();
    String command = args.length == 0 ? "help" : args[0];
    String[] rest = Arrays.copyOfRange(args, Math.min(1, args.length), args.length);
    switch (command) {
      case "serve" -> serve(rest);
      case "loadtest" -> System.exit(dev.tickstream.loadtest.LoadtestCommand.run(rest));
      case "bandwidth" -> System.exit(dev.tickstream.loadtest.BandwidthCommand.run(rest));
      default -> {
        System.out.println("""
            usage: java -jar tickstream.jar <command> [options]

            commands:
              serve [--config file.json] [--cluster]
                                           run a node (HTTP + WebSocket on PORT, TLS on TLS_PORT);
                                           --cluster joins CLUSTER_MEMBERS (or multicast)
              loadtest [options]           run bots against a server (--help for options)
              bandwidth [options]          bytes per client of the delta codec vs baselines
            """);
        System.exit(command.equals("help") || command.equals("--help") ? 0 : 2);
      }
    }
  }

  private static Map<String, String> withCluster(Map<String, String> env) {
    Map<String, String> e = new HashMap<>(env);
    e.put("CLUSTER", "true");
    return e;
  }

  private static void serve(String[] args) throws Exception {
    String configFile = null;
    boolean cluster = false;
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("--config") && i + 1 < args.length) {
        configFile = args[++i];
      } else if (args[i].equals("--cluster")) {
        cluster = true;
      } else {
        throw new IllegalArgumentException("unknown option for serve: " + args[i]);
      }
    }
    TickstreamConfig config = ConfigLoader.load(configFile,
        cluster ? withCluster(System.getenv()) : System.getenv(), System.getProperties());
    Vertx vertx;
    HazelcastClusterManager manager = null;
    if (config.cluster()) {
      ClusterVertx.Clustered c = ClusterVertx.start(config).await(120, TimeUnit.SECONDS);
      vertx = c.vertx();
      manager = c.manager();
    } else {
      vertx = Vertx.vertx(Transports.options(config.nativeTransport()));
    }
    TickstreamServer server = TickstreamServer
        .start(vertx, config, List.of(ArenaGame.spec(ArenaRules.defaults().withMapSize(config.mapSize())),
                FootballGame.spec()),
            manager)
        .await(120, TimeUnit.SECONDS);
    String host = config.host().equals("0.0.0.0") ? "localhost" : config.host();
    StringBuilder urls = new StringBuilder("Tickstream serving http://" + host + ":" + server.port()
        + "/ ws://" + host + ":" + server.port() + "/ws");
    if (server.tlsPort() >= 0) {
      urls.append(" https://").append(host).append(':').append(server.tlsPort())
          .append("/ wss://").append(host).append(':').append(server.tlsPort()).append("/ws");
    }
    if (server.cluster() != null) {
      urls.append(" | cluster node ").append(server.cluster().nodeId());
    }
    urls.append(" | ").append(config.tickRate()).append(" Hz, ").append(config.maxPlayers())
        .append(" players/room, ").append(config.roomThreads()).append(" room threads, ")
        .append(Transports.describe(vertx, config.nativeTransport()))
        .append(" transport | config: ")
        .append(config.source());
    System.getLogger("dev.tickstream").log(System.Logger.Level.INFO, urls.toString());
    TickstreamConfig cfg = config;
    // SIGTERM: drain (hand rooms over, redirect players), then stop.
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      var log = System.getLogger("dev.tickstream");
      log.log(System.Logger.Level.INFO, "draining before exit");
      try {
        server.drain().await(cfg.drainTimeoutMs(), TimeUnit.MILLISECONDS);
        log.log(System.Logger.Level.INFO, "drained");
      } catch (Exception e) {
        log.log(System.Logger.Level.WARNING, "drain incomplete: " + e);
      }
      try {
        vertx.close().await(10, TimeUnit.SECONDS);
      } catch (Exception e) {
        // exiting anyway
      }
    }, "shutdown"));
  }
}
