package dev.tickstream.cluster;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import dev.tickstream.config.Transports;
import dev.tickstream.config.TickstreamConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.eventbus.EventBusOptions;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;

/**
 * A Vert.x instance clustered on Hazelcast (embedded), configured from Tickstream's settings:
 * members found by a fixed list ({@code CLUSTER_MEMBERS}) or by multicast, and failure
 * detection tightened so a dead node is noticed in seconds, not the default minute.
 */
public final class ClusterVertx {
  private ClusterVertx() {}

  /** A started clustered Vert.x and its cluster manager. */
  public record Clustered(Vertx vertx, HazelcastClusterManager manager) {}

  public static Future<Clustered> start(TickstreamConfig c) {
    Config hz = new Config();
    hz.setClusterName("tickstream");
    // A dead member is declared after 4 s without heartbeats (1 s apart), so its rooms move
    // within the failover target; the default would wait 60 s.
    hz.setProperty("hazelcast.heartbeat.interval.seconds", "1");
    hz.setProperty("hazelcast.max.no.heartbeat.seconds", "4");
    hz.setProperty("hazelcast.logging.type", "jdk");
    hz.setProperty("hazelcast.phone.home.enabled", "false");
    // The shared maps hold tens to thousands of small entries: 31 partitions rather than 271
    // mean fewer partition operations to own, check and move when a member leaves, and the
    // metrics Hazelcast would collect every few seconds have no reader here. Every member
    // must agree on the partition count, and they all run this code.
    hz.setProperty("hazelcast.partition.count", "31");
    hz.getMetricsConfig().setEnabled(false);
    hz.getNetworkConfig().setPort(c.clusterPort()).setPortAutoIncrement(false);
    hz.getNetworkConfig().getInterfaces().setEnabled(true).addInterface(c.clusterHost());
    hz.getNetworkConfig().setPublicAddress(c.clusterHost() + ":" + c.clusterPort());
    JoinConfig join = hz.getNetworkConfig().getJoin();
    join.getAutoDetectionConfig().setEnabled(false);
    if (c.clusterMembers().isEmpty()) {
      join.getMulticastConfig().setEnabled(true);
      join.getTcpIpConfig().setEnabled(false);
    } else {
      join.getMulticastConfig().setEnabled(false);
      join.getTcpIpConfig().setEnabled(true).setMembers(c.clusterMembers());
    }
    HazelcastClusterManager manager = new HazelcastClusterManager(hz);
    VertxOptions options = new VertxOptions()
        .setEventBusOptions(new EventBusOptions().setHost(c.clusterHost()).setPort(0));
    Transports.Choice transport = Transports.choose(c.transport());
    return Transports.clustered(transport,
            Transports.builder(transport, options).withClusterManager(manager))
        .map(v -> new Clustered(v, manager));
  }
}
