/**
 * Many nodes as one service: the Vert.x cluster (Hazelcast), the room directory and node
 * registry in the cluster's shared data, seat reservations across nodes over the event bus,
 * room checkpoints, failover when a node dies and hand-over when it drains. Game traffic never
 * crosses the event bus: clients connect to the node that holds their room.
 *
 * <p>Runs on the event loops of the gateway and of the timers it sets; it touches rooms only
 * through their thread-safe door ({@link dev.tickstream.room.Room#tryReserve},
 * {@link dev.tickstream.room.Room#checkpoint}, {@link dev.tickstream.room.Room#handOver}).
 */
package dev.tickstream.cluster;
