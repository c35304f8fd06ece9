package dev.tickstream;

import dev.tickstream.config.ConfigLoader;
import dev.tickstream.config.TickstreamConfig;
import dev.tickstream.games.arena.ArenaGame;
import dev.tickstream.games.arena.ArenaRules;
import io.vertx.core.Vertx;
import java.util.HashMap;
import dev.tickstream.sim.GameSpec;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/** Real servers on loopback for integration tests: port 0, settings given as env names. */
public final class TestServers {
  private TestServers() {}

  /** Starts a node with the defaults overridden by {@code env} (e.g. "TICK_RATE", "60"). */
  public static TickstreamServer start(Vertx vertx, String... env) {
    return start(vertx, null, env);
  }

  /** Starts a node serving {@code games} (null: the arena) with {@code env} settings. */
  public static TickstreamServer start(Vertx vertx, List<GameSpec<?>> games, String... env) {
    Map<String, String> e = new HashMap<>();
    e.put("HOST", "127.0.0.1");
    e.put("PORT", "0");
    e.put("TLS_PORT", "0");
    e.put("ROOM_THREADS", "2");
    e.put("SEED", "42");
    // Every test client comes from 127.0.0.1: matchmaking's per-address limits, meant for the
    // internet, are raised as for the load tester (tests of those limits set their own).
    e.put("MATCHMAKES_PER_SECOND_PER_IP", "100000");
    e.put("MAX_UNCLAIMED_SEATS_PER_IP", "100000");
    e.put("MAX_HTTP_CONNECTIONS_PER_IP", "100000");
    for (int i = 0; i < env.length; i += 2) {
      e.put(env[i], env[i + 1]);
    }
    TickstreamConfig config = ConfigLoader.load(null, e, new Properties());
    return await(TickstreamServer.start(vertx, config, games != null ? games
        : List.of(ArenaGame.spec(ArenaRules.defaults().withMapSize(config.mapSize())))));
  }

  /** Waits up to 30 s for a future from a test thread; failures and time-outs throw. */
  public static <T> T await(io.vertx.core.Future<T> f) {
    try {
      return f.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    } catch (java.util.concurrent.ExecutionException e) {
      throw new AssertionError(e.getCause().getMessage(), e.getCause());
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  public static String http(TickstreamServer s) {
    return "http://127.0.0.1:" + s.port();
  }

  public static String https(TickstreamServer s) {
    return "https://localhost:" + s.tlsPort();
  }
}
