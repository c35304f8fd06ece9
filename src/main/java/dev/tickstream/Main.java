package dev.tickstream;

import dev.tickstream.config.ConfigLoader;
import dev.tickstream.config.TickstreamConfig;
import dev.tickstream.sim.ArenaGame;
import dev.tickstream.sim.ArenaRules;
import io.vertx.core.Vertx;
import java.util.Arrays;
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
              serve [--config file.json]   run a node (HTTP + WebSocket on PORT, TLS on TLS_PORT)
              loadtest [options]           run bots against a server (--help for options)
              bandwidth [options]          bytes per client of the delta codec vs baselines
            """);
        System.exit(command.equals("help") || command.equals("--help") ? 0 : 2);
      }
    }
  }

  private static void serve(String[] args) throws Exception {
    String configFile = null;
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("--config") && i + 1 < args.length) {
        configFile = args[++i];
      } else {
        throw new IllegalArgumentException("unknown option for serve: " + args[i]);
      }
    }
    TickstreamConfig config = ConfigLoader.load(configFile);
    Vertx vertx = Vertx.vertx();
    TickstreamServer server = TickstreamServer
        .start(vertx, config, ArenaGame.factory(ArenaRules.defaults().withMapSize(config.mapSize())))
        .await(60, TimeUnit.SECONDS);
    String host = config.host().equals("0.0.0.0") ? "localhost" : config.host();
    StringBuilder urls = new StringBuilder("Tickstream serving http://" + host + ":" + server.port()
        + "/ ws://" + host + ":" + server.port() + "/ws");
    if (server.tlsPort() >= 0) {
      urls.append(" https://").append(host).append(':').append(server.tlsPort())
          .append("/ wss://").append(host).append(':').append(server.tlsPort()).append("/ws");
    }
    urls.append(" | ").append(config.tickRate()).append(" Hz, ").append(config.maxPlayers())
        .append(" players/room, ").append(config.roomThreads()).append(" room threads | config: ")
        .append(config.source());
    System.getLogger("dev.tickstream").log(System.Logger.Level.INFO, urls.toString());
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      try {
        vertx.close().await(10, TimeUnit.SECONDS);
      } catch (Exception e) {
        // exiting anyway
      }
    }, "shutdown"));
  }
}
