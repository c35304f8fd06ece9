/**
 * The game API: what a game implements ({@link dev.tickstream.sim.Game}), what it declares once
 * ({@link dev.tickstream.sim.GameSpec}: input, messages, events, the
 * {@link dev.tickstream.sim.EntitySchema}), what the engine offers it
 * ({@link dev.tickstream.sim.GameRoom}, {@link dev.tickstream.sim.Player}), and the quantized
 * {@link dev.tickstream.wire.EntityTable} it writes each tick.
 *
 * <p>Plain Java and protobuf messages, with no dependency on the engine, Vert.x or RxJava, no
 * clock and no sockets, so rules are testable and repeatable (the same seed and the same inputs
 * give the same states, tick for tick); {@link dev.tickstream.sim.OfflineRoom} drives a game by
 * hand in tests.
 *
 * <p>Threading: a game instance belongs to one room and is called only from that room's thread
 * (its Vert.x context), never two hooks at once. Nothing here blocks. {@code GameSpec} and
 * {@code EntitySchema} are immutable and shared by every room of a game.
 */
package dev.tickstream.sim;

