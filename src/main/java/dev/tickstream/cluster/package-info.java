/**
 * Many nodes as one service. {@link dev.tickstream.cluster.ClusterVertx} starts the Vert.x
 * cluster (Hazelcast); {@link dev.tickstream.cluster.ClusterNode} is this node's part in it and
 * the only door the rest of the server uses. Behind it, one job each: the directory of nodes
 * and rooms in the cluster's shared data ({@code Directory}), seats placed on any node
 * ({@code ClusterPlacements}) by asking the owning node over the event bus ({@code NodeBus}),
 * room checkpoints ({@code CheckpointStore}), failover when a node leaves ({@code Failover})
 * and hand-over when this one drains ({@code Drain}); {@code ThisNode} is this node's id, URLs,
 * draining flag and view of the members. Game traffic never crosses the event bus: clients
 * connect to the node that holds their room.
 *
 * <p>Runs on the event loops of the gateway, of the event-bus consumer and of the timers it
 * sets, on the room contexts that answer checkpoints, on Hazelcast's event thread only to hand
 * a membership change to an event loop, and on the SIGTERM hook's thread to start a drain. It
 * touches rooms only through their thread-safe door ({@link dev.tickstream.room.Room#tryReserve},
 * {@link dev.tickstream.room.Room#checkpoint}, {@link dev.tickstream.room.Room#freeze},
 * {@link dev.tickstream.room.Room#handOver}) and {@link dev.tickstream.room.Rooms}.
 */
package dev.tickstream.cluster;
