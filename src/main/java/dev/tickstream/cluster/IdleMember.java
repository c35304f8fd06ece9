package dev.tickstream.cluster;

import dev.tickstream.config.ConfigLoader;
import dev.tickstream.config.TickstreamConfig;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.concurrent.TimeUnit;

/**
 * The clustering library's own idle cost, for {@code loadtest cost}'s {@code idle-hazelcast}
 * variant: a child JVM ({@code java -cp ... dev.tickstream.cluster.IdleMember}) that starts
 * only a clustered Vert.x exactly as a node does ({@link ClusterVertx}, from the same settings:
 * {@code CLUSTER_HOST}, {@code CLUSTER_PORT}, {@code CLUSTER_MEMBERS}, {@code PORT}) and none
 * of Tickstream's node: no rooms, directory, checkpoints or sweeps. It answers
 * {@code /health/ready} and {@code /api/nodes} (the members it sees) on {@code PORT} so the
 * cost command waits for it as for a node. Exits when its standard input closes.
 */
public final class IdleMember {
  private IdleMember() {}

  public static void main(String[] args) throws Exception {
    TickstreamConfig c = ConfigLoader.load(null);
    ClusterVertx.Clustered clustered = ClusterVertx.start(c).await(60, TimeUnit.SECONDS);
    Vertx vertx = clustered.vertx();
    vertx.createHttpServer().requestHandler(req -> {
      if (req.path().equals("/api/nodes")) {
        JsonObject nodes = new JsonObject().put("self", clustered.manager().getNodeId());
        clustered.manager().getNodes().forEach(n -> nodes.put(n, new JsonObject()));
        req.response().putHeader("content-type", "application/json").end(nodes.encode());
      } else {
        req.response().end("ready");
      }
    }).listen(c.port(), c.host()).await(10, TimeUnit.SECONDS);
    System.out.println("idle member serving " + c.port());
    // Runs until the parent closes our standard input (or dies).
    while (System.in.read() >= 0) {
      // discard
    }
    vertx.close().await(10, TimeUnit.SECONDS);
  }
}
