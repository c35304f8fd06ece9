/**
 * Rooms: the games a node serves ({@link dev.tickstream.room.Rooms}), each room's seats,
 * members and reconnects, the merge of its players' input streams, the fixed tick, the game's
 * hooks and events ({@code GameHost}, {@code RoomEvents}), the per-client fan-out of snapshots,
 * checkpoints and hand-over.
 *
 * <p>Threads: a room's state is confined to its Vert.x context (one event loop); the gateway
 * and the cluster reach it only through its thread-safe door ({@code tryReserve},
 * {@code attach}, read-only figures) or by running work on its context. Seat counting
 * ({@code Seats}) and {@code Rooms} are thread-safe. A game's hooks run only on its room's
 * thread; a game that throws closes its own room and no other.
 */
package dev.tickstream.room;
