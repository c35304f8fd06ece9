package dev.tickstream.cli;

import dev.tickstream.Tickstream;
import dev.tickstream.bench.BandwidthCommand;
import dev.tickstream.config.ConfigLoader;
import dev.tickstream.config.TickstreamConfig;
import dev.tickstream.games.arena.ArenaGame;
import dev.tickstream.games.arena.ArenaRules;
import dev.tickstream.games.football.FootballGame;
import dev.tickstream.loadtest.LoadtestCommand;
import dev.tickstream.sim.GameSpec;
import java.util.Arrays;
import java.util.List;
import java.util.HashMap;
import java.util.Map;

/**
 * Entry point of {@code tickstream.jar}: {@code serve}, and the tools ({@code loadtest},
 * {@code bandwidth}). The only package that knows the server, the bots and the benchmarks at
 * once; none of them knows it.
 */
public final class Main {
  private Main() {}

  public static void main(String[] args) throws Exception {
    Logs.configure();
    String command = args.length == 0 ? "help" : args[0];
    String[] rest = Arrays.copyOfRange(args, Math.min(1, args.length), args.length);
    switch (command) {
      case "serve" -> serve(rest);
      case "loadtest" -> System.exit(LoadtestCommand.run(rest, InProcessNode::start));
      case "bandwidth" -> System.exit(BandwidthCommand.run(rest));
      case "version", "--version" -> System.out.println("tickstream "
          + dev.tickstream.config.Version.current());
      default -> {
        System.out.println("""
            usage: java -jar tickstream.jar <command> [options]

            commands:
              serve [--config file.json] [--cluster]
                                           run a node (HTTP + WebSocket on PORT, TLS on TLS_PORT);
                                           --cluster joins CLUSTER_MEMBERS (or multicast)
              loadtest [options]           run bots against a server (--help for options)
              loadtest cost [options]      server CPU per player per tick against the
                                           frame-I/O floor, one table in one run
              bandwidth [options]          bytes per client of the delta codec vs baselines
              version                      print this build's version
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
    Tickstream.Builder b = Tickstream.builder().config(config);
    bundledGames(config).forEach(b::game);
    b.start();
  }

  /** The bundled jar serves both example games; the arena (first) is matchmaking's default. */
  static List<GameSpec<?>> bundledGames(TickstreamConfig config) {
    return List.of(ArenaGame.spec(ArenaRules.defaults().withMapSize(config.mapSize())),
        FootballGame.spec());
  }
}
