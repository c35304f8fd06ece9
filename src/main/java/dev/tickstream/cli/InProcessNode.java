package dev.tickstream.cli;

import dev.tickstream.TickstreamServer;
import dev.tickstream.config.ConfigLoader;
import dev.tickstream.config.TickstreamConfig;
import dev.tickstream.config.Transports;
import dev.tickstream.loadtest.InProcessServer;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/** A node with the bundled games inside this JVM, for {@code loadtest --in-process}. */
public final class InProcessNode {
  private InProcessNode() {}

  /** Starts a node on its own Vert.x instance; {@link InProcessServer}'s contract. */
  public static InProcessServer.Node start(Map<String, String> env, boolean tls)
      throws Exception {
    TickstreamConfig config = ConfigLoader.load(null, env, new Properties());
    Vertx vertx = Transports.vertx(config.transport(), new VertxOptions());
    TickstreamServer s = TickstreamServer.start(vertx, config, Main.bundledGames(config))
        .await(60, TimeUnit.SECONDS);
    String url = tls ? "https://localhost:" + s.tlsPort() : "http://127.0.0.1:" + s.port();
    return new InProcessServer.Node(url, s.devTrust(),
        () -> vertx.close().await(30, TimeUnit.SECONDS));
  }
}
